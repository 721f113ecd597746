/**
 * The deletion policy on real PostgreSQL: deleting a user never destroys orders, payments or
 * invoices (the keys RESTRICT it); a user without commerce history can be deleted and takes only
 * their own data along; GDPR erasure (erase_user_personal_data) anonymises a customer so that no
 * personal detail is left anywhere but on the invoices the law makes the shop keep.
 */
import { ownTables, pgError, RESTRICT_CODES, testServers, usePackageDatabase } from '@strata/core/testing';
import { CREDENTIAL_KEYS_ENV, credentialKeyring, storeCredential } from '../src/credentials';
import { emailSha256, eraseUser } from '../src/gdpr';
import { cli, insertCustomer, insertPaidOrder } from './support';

const keyring = credentialKeyring({ [CREDENTIAL_KEYS_ENV]: `test:${Buffer.alloc(32, 7).toString('base64')}` });

/** What identifies Anna. None of it may survive erasure outside the invoices. */
const ANNA = {
  email: 'anna.schmidt@example.com',
  firstName: 'Anna',
  lastName: 'Schmidt',
  phone: '+4915112345678',
  street: 'Kastanienallee 12',
  handle: 'anna.bakes',
  ip: '203.0.113.77',
};
const MARKERS = [ANNA.email, ANNA.lastName, ANNA.phone, ANNA.street, ANNA.handle, ANNA.ip];

describe.each(testServers())('deletion policy and GDPR erasure ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'commerce_retention' });
  let annaId: string;
  let annaOrderId: string;

  /** Anna as a real customer leaves her: login, profile, session, cart, messages, token, Instagram, orders, ticket, webhook, audit trail. */
  async function buildAnna(): Promise<void> {
    const { userId, profileId } = await insertCustomer(db.knex, ANNA.email);
    annaId = userId;
    await db.knex('users').where({ id: userId }).update({ last_login_at: db.knex.fn.now() });
    await db.knex('customer_profiles').where({ id: profileId }).update({
      first_name: ANNA.firstName,
      last_name: ANNA.lastName,
      phone: ANNA.phone,
      billing_address: JSON.stringify({ line1: ANNA.street, postal_code: '10435', city: 'Berlin', country: 'DE' }),
      marketing_opt_in: true,
    });
    await db.knex('sessions').insert({ user_id: userId, token_hash: 'a'.repeat(64), expires_at: '2099-01-01T00:00:00Z', ip_address: ANNA.ip });
    const [cart] = await db.knex('carts').insert({ user_id: userId }).returning('id');
    const [product] = await db.knex('products').insert({ slug: 'growth', name: 'Growth', price_gross: '99.00' }).returning('id');
    await db.knex('cart_items').insert({ cart_id: cart.id, product_id: product.id });
    await db.knex('notifications').insert({ user_id: userId, channel: 'email', template: 'order.paid', subject: `Thank you, ${ANNA.firstName} ${ANNA.lastName}`, data: JSON.stringify({ email: ANNA.email }) });
    await storeCredential(db.knex, keyring, { ownerType: 'customer_profile', customerProfileId: profileId!, service: 'instagram' }, 'IGQ-anna-token-000000000000');
    const [account] = await db.knex('instagram_accounts').insert({ customer_profile_id: profileId, username: ANNA.handle }).returning('id');
    await db.knex('instagram_account_snapshots').insert({ customer_profile_id: profileId, instagram_account_id: account.id, recorded_at: '2025-10-20T06:00:00Z', followers_count: 2290, following_count: 321, media_count: 215 });

    const { orderId } = await insertPaidOrder(db.knex, userId, 'anna');
    annaOrderId = orderId;
    await db.knex('orders').where({ id: orderId }).update({
      customer_email: ANNA.email,
      billing_address: JSON.stringify({ name: `${ANNA.firstName} ${ANNA.lastName}`, line1: ANNA.street, city: 'Berlin' }),
      notes: `Call ${ANNA.phone} before starting`,
    });
    await db.knex('order_items').where({ order_id: orderId }).update({ selections: JSON.stringify({ options: { target_region: 'dach' }, fields: { instagram_handle: ANNA.handle } }) });
    // The invoice keeps the buyer as invoiced: that is what the law retains.
    await db.knex('invoices').where({ order_id: orderId }).update({ billing_name: `${ANNA.firstName} ${ANNA.lastName}`, billing_address: JSON.stringify({ line1: ANNA.street, postal_code: '10435', city: 'Berlin', country: 'DE' }) });
    const [item] = await db.knex('order_items').where({ order_id: orderId }).select('id');
    await db.knex('fulfillment_tasks').insert({ order_item_id: item.id, title: 'Kick-off call' });
    await db.knex('service_campaigns').insert({ customer_profile_id: profileId, instagram_account_id: account.id, order_item_id: item.id, name: 'Pro growth campaign' });
    const [plan] = await db.knex('subscription_plans').insert({ product_id: product.id, code: 'plan', name: 'Plan', stripe_price_id: 'price_x', price_gross: '9.00' }).returning('id');
    await db.knex('subscriptions').insert({ user_id: userId, subscription_plan_id: plan.id, stripe_subscription_id: 'sub_anna', status: 'active', current_period_start: '2025-10-01T00:00:00Z', current_period_end: '2025-11-01T00:00:00Z' });
    await db.knex('support_tickets').insert({ ticket_number: 'TCK-ANNA', user_id: userId, requester_email: ANNA.email, order_id: orderId, subject: `Refund for ${ANNA.handle}`, body: `Hi, this is ${ANNA.firstName} ${ANNA.lastName}, phone ${ANNA.phone}.` });
    await db.knex('webhook_events').insert([
      { provider: 'stripe', external_id: 'evt_anna', event_type: 'checkout.session.completed', payload: JSON.stringify({ data: { object: { customer_details: { email: 'Anna.Schmidt@example.com' } } } }) },
      { provider: 'stripe', external_id: 'evt_other', event_type: 'checkout.session.completed', payload: JSON.stringify({ data: { object: { customer_details: { email: 'someone@example.com' } } } }) },
    ]);
    await db.knex('audit_logs').insert({ actor_user_id: userId, action: 'profile.updated', entity_type: 'customer_profiles', entity_id: profileId, ip_address: ANNA.ip, user_agent: 'Mozilla/5.0' });
    await db.knex('gdpr_requests').insert({ user_id: userId, request_type: 'erasure', subject_email_sha256: emailSha256(ANNA.email), due_at: db.knex.raw(`now() + interval '1 month'`) });
  }

  beforeAll(async () => {
    await buildAnna();
  });

  /** The tables in which any of Anna's markers still appear (rows printed as text, case-insensitive). */
  async function tablesMentioningAnna(): Promise<string[]> {
    const found: string[] = [];
    for (const table of await ownTables(db.knex)) {
      const { rows } = await db.knex.raw<{ rows: { row: string }[] }>(`SELECT lower(t::text) AS row FROM ?? t`, [table]);
      if (rows.some((r) => MARKERS.some((marker) => r.row.includes(marker.toLowerCase())))) found.push(table);
    }
    return found;
  }

  describe('retention: deleting a user', () => {
    it('is refused while the user has orders, and removes nothing', async () => {
      const ben = await insertCustomer(db.knex, 'ben@example.com');
      const { orderId, paymentId, invoiceId } = await insertPaidOrder(db.knex, ben.userId, 'ben');
      const error = await pgError(db.knex('users').where({ id: ben.userId }).delete());
      expect(RESTRICT_CODES).toContain(error.code);
      expect(error.constraint).toBe('fk_orders_user_id');
      expect(await db.knex('orders').where({ id: orderId }).first('user_id')).toEqual({ user_id: ben.userId });
      expect(await db.knex('payments').where({ id: paymentId }).pluck('amount')).toEqual(['119.0000']);
      expect(await db.knex('invoices').where({ id: invoiceId }).pluck('gross_amount')).toEqual(['119.0000']);
      expect(await db.knex('customer_profiles').where({ user_id: ben.userId }).pluck('id')).toEqual([ben.profileId]);
    });

    it('is refused while the user has a subscription', async () => {
      const carl = await insertCustomer(db.knex, 'carl@example.com');
      const plan = await db.knex('subscription_plans').where({ code: 'plan' }).first('id');
      await db.knex('subscriptions').insert({ user_id: carl.userId, subscription_plan_id: plan.id, stripe_subscription_id: 'sub_carl', current_period_start: '2025-10-01T00:00:00Z', current_period_end: '2025-11-01T00:00:00Z' });
      const error = await pgError(db.knex('users').where({ id: carl.userId }).delete());
      expect(RESTRICT_CODES).toContain(error.code);
      expect(error.constraint).toBe('fk_subscriptions_user_id');
    });

    it('of a user without commerce history takes their own data along and leaves shared records', async () => {
      const dora = await insertCustomer(db.knex, 'dora@example.com');
      await db.knex('sessions').insert({ user_id: dora.userId, token_hash: 'd'.repeat(64), expires_at: '2099-01-01T00:00:00Z' });
      await db.knex('carts').insert({ user_id: dora.userId });
      await db.knex('notifications').insert({ user_id: dora.userId, channel: 'in_app', template: 'welcome' });
      await db.knex('support_tickets').insert({ ticket_number: 'TCK-DORA', user_id: dora.userId, requester_email: 'dora@example.com', subject: 'Hello', body: 'A question before I buy' });
      await db.knex('audit_logs').insert({ actor_user_id: dora.userId, action: 'cart.created' });
      await db.knex('gdpr_requests').insert({ user_id: dora.userId, request_type: 'access', subject_email_sha256: emailSha256('dora@example.com'), due_at: db.knex.raw(`now() + interval '1 month'`) });

      await db.knex('users').where({ id: dora.userId }).delete();

      const count = async (table: string, where: Record<string, unknown>) => Number((await db.knex(table).where(where).count<{ count: string }[]>({ count: '*' }))[0]!.count);
      expect({
        profiles: await count('customer_profiles', { id: dora.profileId }),
        sessions: await count('sessions', { user_id: dora.userId }),
        carts: await count('carts', { user_id: dora.userId }),
        notifications: await count('notifications', { user_id: dora.userId }),
      }).toEqual({ profiles: 0, sessions: 0, carts: 0, notifications: 0 });
      // Correspondence, the audit trail and the GDPR request stay, unlinked.
      expect(await db.knex('support_tickets').where({ ticket_number: 'TCK-DORA' }).first('user_id', 'body')).toEqual({ user_id: null, body: 'A question before I buy' });
      expect(await db.knex('audit_logs').where({ action: 'cart.created' }).pluck('actor_user_id')).toEqual([null]);
      expect(await db.knex('gdpr_requests').where({ subject_email_sha256: emailSha256('dora@example.com') }).pluck('user_id')).toEqual([null]);
    });
  });

  describe('GDPR erasure', () => {
    it('starts from a customer whose details are all over the schema', async () => {
      expect(await tablesMentioningAnna()).toEqual([
        'audit_logs', 'customer_profiles', 'instagram_accounts', 'invoices', 'notifications', 'order_items', 'orders', 'sessions', 'support_tickets', 'users', 'webhook_events',
      ]);
    });

    it('anonymises her: no personal detail is left but on the invoice the law retains', async () => {
      const result = await eraseUser(db.knex, annaId);
      expect(result).toEqual({
        user_id: annaId,
        already_erased: false,
        sessions_deleted: 1,
        carts_deleted: 1,
        notifications_deleted: 1,
        credentials_deleted: 1,
        instagram_accounts_deleted: 1,
        orders_anonymised: 1,
        support_tickets_redacted: 1,
        webhook_payloads_redacted: 1,
      });
      expect(await tablesMentioningAnna()).toEqual(['invoices']);
      expect(await db.knex('users').where({ id: annaId }).first('email', 'status', 'password_hash', db.knex.raw('erased_at IS NOT NULL AS erased'))).toEqual({
        email: `erased-${annaId}@erased.invalid`,
        status: 'erased',
        password_hash: null,
        erased: true,
      });
      // The other customer's webhook payload is untouched.
      expect(await db.knex('webhook_events').where({ external_id: 'evt_other' }).first('payload')).toEqual({ payload: { data: { object: { customer_details: { email: 'someone@example.com' } } } } });
      expect(await db.knex('audit_logs').where({ action: 'user.erased', entity_id: annaId }).first('changes')).toEqual({ changes: expect.objectContaining({ orders_anonymised: 1 }) });
    });

    it('keeps the commercial records: order, lines, payment, invoice, subscription, fulfillment, campaign', async () => {
      expect(await db.knex('orders').where({ id: annaOrderId }).first('user_id', 'total_gross', 'customer_email', 'billing_address')).toEqual({ user_id: annaId, total_gross: '119.0000', customer_email: null, billing_address: null });
      expect(await db.knex('order_items').where({ order_id: annaOrderId }).first('line_total_gross', 'selections')).toEqual({ line_total_gross: '119.0000', selections: { options: { target_region: 'dach' } } });
      expect(await db.knex('payments').where({ order_id: annaOrderId }).pluck('status')).toEqual(['succeeded']);
      expect(await db.knex('invoices').where({ order_id: annaOrderId }).first('billing_name', 'gross_amount')).toEqual({ billing_name: 'Anna Schmidt', gross_amount: '119.0000' });
      expect(await db.knex('subscriptions').where({ user_id: annaId }).pluck('stripe_subscription_id')).toEqual(['sub_anna']);
      expect(await db.knex('fulfillment_tasks').count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '1' }]);
      expect(await db.knex('service_campaigns').first('name', 'instagram_account_id')).toEqual({ name: 'Pro growth campaign', instagram_account_id: null });
      expect(await db.knex('instagram_account_snapshots').count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '0' }]);
      expect(await db.knex('customer_profiles').where({ user_id: annaId }).first('first_name', 'last_name', 'phone', 'billing_address', 'marketing_opt_in')).toEqual({
        first_name: null, last_name: null, phone: null, billing_address: null, marketing_opt_in: false,
      });
      // The request is answered with what was done, and still recognisable by the address's hash.
      expect(await db.knex('gdpr_requests').where({ subject_email_sha256: emailSha256(' Anna.Schmidt@Example.com ') }).pluck('user_id')).toEqual([annaId]);
    });

    it('does nothing the second time, and refuses an unknown user', async () => {
      expect(await eraseUser(db.knex, annaId)).toEqual({ user_id: annaId, already_erased: true });
      const unknown = '01900000-0000-7000-8000-000000000000';
      const error = await pgError(eraseUser(db.knex, unknown));
      expect(error.code).toBe('P0002');
      expect(error.message).toContain(`no user with id ${unknown}: nothing was erased`);
    });
  });
});

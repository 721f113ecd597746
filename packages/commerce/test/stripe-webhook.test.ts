/**
 * Stripe webhook → order in one transaction (seed 003, "Testing"), on real PostgreSQL:
 * 8 concurrent deliveries of one event create exactly one webhook_events row and one order; a
 * failure midway leaves neither; and the guarantee is the schema's — its unique keys — which the
 * last tests show without any application code in between.
 */
import knexFactory, { type Knex } from 'knex';
import { StrataError } from '@strata/core';
import { pgError, testServers, usePackageDatabase } from '@strata/core/testing';
import { checkoutFromStripeEvent, recordCheckoutCompleted, type CheckoutLine, type CheckoutOutcome } from '../src/stripe-checkout';
import { cli, insertCustomer, insertPaidOrder, insertProduct } from './support';

const DELIVERIES = 8;
/** Names the test's own connections in pg_stat_activity, to watch them wait. */
const APPLICATION_NAME = 'commerce-webhook-deliveries';

/** A `checkout.session.completed` event as Stripe delivers it (trimmed to the fields used). */
function checkoutEvent(id: string, session: string, paymentIntent: string, userId: string, cartId: string | null = null): Record<string, unknown> {
  return {
    id,
    object: 'event',
    type: 'checkout.session.completed',
    api_version: '2025-09-30.clover',
    created: 1761037200,
    livemode: false,
    data: {
      object: {
        id: session,
        object: 'checkout.session',
        amount_subtotal: 29800,
        amount_total: 29800,
        currency: 'eur',
        customer: 'cus_test',
        customer_details: { email: 'Buyer@Example.com', name: 'Bea Buyer' },
        client_reference_id: userId,
        payment_intent: paymentIntent,
        payment_method_types: ['card'],
        payment_status: 'paid',
        status: 'complete',
        total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 4758 },
        metadata: cartId ? { cart_id: cartId } : {},
      },
    },
  };
}

describe.each(testServers())('Stripe webhook → order ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'commerce_webhook' });
  /** One connection per delivery, as N web workers would have. */
  let deliveries: Knex;
  let userId: string;
  let lines: CheckoutLine[];

  beforeAll(async () => {
    deliveries = knexFactory({ client: 'pg', connection: { connectionString: db.url, application_name: APPLICATION_NAME }, pool: { min: 0, max: DELIVERIES + 2 } });
    ({ userId } = await insertCustomer(db.knex, 'buyer@example.com'));
    const { productId, variantId } = await insertProduct(db.knex, 'instagram-growth-package', 'IG-GROWTH-PRO');
    lines = [
      {
        productId,
        variantId,
        name: 'Instagram Growth Package',
        variantName: 'Pro (3 months)',
        sku: 'IG-GROWTH-PRO',
        quantity: 1,
        unitAmount: 29800,
        taxAmount: 4758,
        vatRate: '19.00',
        selections: { options: { target_region: 'worldwide' }, add_ons: ['express_start'] },
      },
    ];
  });

  afterAll(async () => {
    await deliveries?.destroy();
  });

  /** How many rows each table holds for one event / session. */
  async function rowsFor(eventId: string, session: string) {
    const count = async (query: Knex.QueryBuilder) => Number(((await query.count<{ count: string }[]>({ count: '*' })) as { count: string }[])[0]!.count);
    const orderIds = db.knex('orders').where({ stripe_checkout_session_id: session }).select('id');
    return {
      webhook_events: await count(db.knex('webhook_events').where({ provider: 'stripe', external_id: eventId })),
      orders: await count(db.knex('orders').where({ stripe_checkout_session_id: session })),
      order_items: await count(db.knex('order_items').whereIn('order_id', orderIds.clone())),
      payments: await count(db.knex('payments').whereIn('order_id', orderIds.clone())),
      order_events: await count(db.knex('order_events').whereIn('order_id', orderIds.clone())),
    };
  }

  /** The lock waits of the delivery connections, by lock type (e.g. { transactionid: 7 }). */
  async function waitsByLockType(): Promise<Record<string, number>> {
    const { rows } = await db.knex.raw<{ rows: { locktype: string; waiting: string }[] }>(
      `SELECT l.locktype, count(*) AS waiting
         FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND a.application_name = ? AND a.datname = current_database()
        GROUP BY l.locktype`,
      [APPLICATION_NAME],
    );
    return Object.fromEntries(rows.map((row) => [row.locktype, Number(row.waiting)]));
  }

  async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const tally = (outcomes: readonly CheckoutOutcome[]) => outcomes.reduce<Record<string, number>>((counts, o) => ({ ...counts, [o.outcome]: (counts[o.outcome] ?? 0) + 1 }), {});

  it(`${DELIVERIES} concurrent deliveries of one event create one webhook_events row and one order`, async () => {
    const [cart] = await db.knex('carts').insert({ user_id: userId }).returning('id');
    const event = checkoutEvent('evt_concurrent', 'cs_concurrent', 'pi_concurrent', userId, cart.id);

    // Hold all eight deliveries in flight at the same moment: a lock on orders stops the one
    // that claims the event just after its claim. The test does not order them: the other seven
    // queue on the unique index of webhook_events behind the claiming transaction, by themselves.
    const gate = await db.knex.transaction();
    await gate.raw('LOCK TABLE orders IN EXCLUSIVE MODE');
    const running = Array.from({ length: DELIVERIES }, () => recordCheckoutCompleted(deliveries, checkoutFromStripeEvent(event, lines)));
    try {
      await until(`all ${DELIVERIES} deliveries wait`, async () => {
        const waits = await waitsByLockType();
        return (waits.relation ?? 0) + (waits.transactionid ?? 0) === DELIVERIES;
      });
      // One waits on the orders table (it holds the claim), seven wait on its transaction (the
      // unique key (provider, external_id) they tried to insert is held by that claim).
      expect(await waitsByLockType()).toEqual({ relation: 1, transactionid: DELIVERIES - 1 });
    } finally {
      await gate.commit();
    }
    const outcomes = await Promise.all(running);

    expect(tally(outcomes)).toEqual({ created: 1, duplicate_event: DELIVERIES - 1 });
    expect(await rowsFor('evt_concurrent', 'cs_concurrent')).toEqual({ webhook_events: 1, orders: 1, order_items: 1, payments: 1, order_events: 2 });
    const created = outcomes.find((o) => o.outcome === 'created')!;
    const order = await db.knex('orders').where({ stripe_checkout_session_id: 'cs_concurrent' }).first('id', 'status', 'subtotal_net', 'tax_total', 'total_gross', 'currency', 'customer_email');
    expect(order).toEqual({ id: 'orderId' in created ? created.orderId : '', status: 'paid', subtotal_net: '250.4200', tax_total: '47.5800', total_gross: '298.0000', currency: 'EUR', customer_email: 'buyer@example.com' });
    expect(await db.knex('payments').where({ order_id: order.id }).first('status', 'amount', 'stripe_payment_intent_id')).toEqual({ status: 'succeeded', amount: '298.0000', stripe_payment_intent_id: 'pi_concurrent' });
    expect(await db.knex('carts').where({ id: cart.id }).first('status', 'converted_order_id')).toEqual({ status: 'converted', converted_order_id: order.id });
    const stored = await db.knex('webhook_events').where({ external_id: 'evt_concurrent' }).first('event_type', 'payload', db.knex.raw('processed_at IS NOT NULL AS processed'));
    expect(stored).toEqual({ event_type: 'checkout.session.completed', payload: event, processed: true });
  });

  it(`${DELIVERIES} deliveries racing freely (no gate) still make one order`, async () => {
    const event = checkoutEvent('evt_race', 'cs_race', 'pi_race', userId);
    const outcomes = await Promise.all(Array.from({ length: DELIVERIES }, () => recordCheckoutCompleted(deliveries, checkoutFromStripeEvent(event, lines))));
    expect(tally(outcomes)).toEqual({ created: 1, duplicate_event: DELIVERIES - 1 });
    expect(await rowsFor('evt_race', 'cs_race')).toEqual({ webhook_events: 1, orders: 1, order_items: 1, payments: 1, order_events: 2 });
  });

  it('a failure midway (after the order, its lines and the payment) leaves neither event nor order; the retry succeeds', async () => {
    // Stands in for any failure late in the transaction (a lost connection, a deadlock victim):
    // the history insert, the step after the payment, fails while this trigger exists.
    await db.knex.raw(`CREATE FUNCTION test_fail_order_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure after the payment'; END $$`);
    await db.knex.raw('CREATE TRIGGER trg_order_events_test_failure BEFORE INSERT ON order_events FOR EACH ROW EXECUTE FUNCTION test_fail_order_event()');
    const event = checkoutEvent('evt_midway', 'cs_midway', 'pi_midway', userId);
    const sequenceBefore = await db.knex.raw('SELECT last_value FROM orders_order_number_seq');
    try {
      await expect(recordCheckoutCompleted(deliveries, checkoutFromStripeEvent(event, lines))).rejects.toThrow('simulated failure after the payment');
    } finally {
      await db.knex.raw('DROP TRIGGER trg_order_events_test_failure ON order_events');
      await db.knex.raw('DROP FUNCTION test_fail_order_event()');
    }
    // The order was written (it took an order number) and then rolled back with everything else.
    expect((await db.knex.raw('SELECT last_value FROM orders_order_number_seq')).rows).not.toEqual(sequenceBefore.rows);
    expect(await rowsFor('evt_midway', 'cs_midway')).toEqual({ webhook_events: 0, orders: 0, order_items: 0, payments: 0, order_events: 0 });

    // Stripe delivers again; nothing of the failed attempt is in the way.
    expect(await recordCheckoutCompleted(deliveries, checkoutFromStripeEvent(event, lines))).toMatchObject({ outcome: 'created' });
    expect(await rowsFor('evt_midway', 'cs_midway')).toEqual({ webhook_events: 1, orders: 1, order_items: 1, payments: 1, order_events: 2 });
  });

  it('a payment intent already recorded for another order fails the delivery, leaving neither', async () => {
    await insertPaidOrder(db.knex, userId, 'taken');
    const event = checkoutEvent('evt_taken', 'cs_taken', 'pi_taken', userId);
    const error = await pgError(recordCheckoutCompleted(deliveries, checkoutFromStripeEvent(event, lines)));
    expect(error).toMatchObject({ code: '23505', constraint: 'uq_payments_stripe_payment_intent_id' });
    expect(await rowsFor('evt_taken', 'cs_taken')).toEqual({ webhook_events: 0, orders: 0, order_items: 0, payments: 0, order_events: 0 });
  });

  it('a second event about the same session records the event but no second order', async () => {
    const first = checkoutEvent('evt_session_a', 'cs_twice', 'pi_twice', userId);
    const second = { ...checkoutEvent('evt_session_b', 'cs_twice', 'pi_twice', userId), type: 'checkout.session.async_payment_succeeded' };
    const created = await recordCheckoutCompleted(deliveries, checkoutFromStripeEvent(first, lines));
    const again = await recordCheckoutCompleted(deliveries, checkoutFromStripeEvent(second, lines));
    expect(again).toEqual({ outcome: 'order_exists', webhookEventId: expect.any(String), orderId: 'orderId' in created ? created.orderId : '' });
    expect(await db.knex('orders').where({ stripe_checkout_session_id: 'cs_twice' }).count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '1' }]);
    expect(await db.knex('webhook_events').whereIn('external_id', ['evt_session_a', 'evt_session_b']).orderBy('external_id').pluck('event_type')).toEqual([
      'checkout.session.completed',
      'checkout.session.async_payment_succeeded',
    ]);
  });

  it('refuses an event whose lines do not add up, or that lacks the user, before writing anything', async () => {
    const event = checkoutEvent('evt_bad', 'cs_bad', 'pi_bad', userId);
    await expect(recordCheckoutCompleted(deliveries, checkoutFromStripeEvent(event, [{ ...lines[0]!, quantity: 2 }]))).rejects.toThrow(
      'checkout cs_bad: lines add up to 59600 (tax 4758) but Stripe charged 29800 (tax 4758) minor units',
    );
    const anonymous = checkoutEvent('evt_anonymous', 'cs_anonymous', 'pi_anonymous', userId) as { data: { object: Record<string, unknown> } };
    delete anonymous.data.object.client_reference_id;
    expect(() => checkoutFromStripeEvent(anonymous, lines)).toThrow(StrataError);
    expect(() => checkoutFromStripeEvent(anonymous, lines)).toThrow('has no data.object.client_reference_id (the user id)');
    expect(await rowsFor('evt_bad', 'cs_bad')).toEqual({ webhook_events: 0, orders: 0, order_items: 0, payments: 0, order_events: 0 });
  });

  describe('the guarantee is the schema\'s: the same races with plain INSERTs', () => {
    async function race(insert: () => Promise<unknown>): Promise<{ inserted: number; refused: { code?: string; constraint?: string }[] }> {
      const results = await Promise.allSettled(Array.from({ length: DELIVERIES }, insert));
      return {
        inserted: results.filter((r) => r.status === 'fulfilled').length,
        refused: results.flatMap((r) => (r.status === 'rejected' ? [{ code: r.reason.code, constraint: r.reason.constraint }] : [])),
      };
    }

    it('webhook_events accepts one row per (provider, external_id)', async () => {
      const result = await race(() => deliveries('webhook_events').insert({ provider: 'stripe', external_id: 'evt_plain', event_type: 'x', payload: '{}' }));
      expect(result.inserted).toBe(1);
      expect(result.refused).toEqual(Array(DELIVERIES - 1).fill({ code: '23505', constraint: 'uq_webhook_events_provider_external_id' }));
      // Another provider may use the same id.
      await deliveries('webhook_events').insert({ provider: 'lexoffice', external_id: 'evt_plain', event_type: 'x', payload: '{}' });
    });

    it('orders accepts one row per Checkout Session', async () => {
      const order = { user_id: userId, subtotal_net: '0', tax_total: '0', total_gross: '0', stripe_checkout_session_id: 'cs_plain' };
      const result = await race(() => deliveries('orders').insert(order));
      expect(result.inserted).toBe(1);
      expect(result.refused).toEqual(Array(DELIVERIES - 1).fill({ code: '23505', constraint: 'uq_orders_stripe_checkout_session_id' }));
    });
  });
});

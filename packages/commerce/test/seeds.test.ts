/**
 * The seeds through the real CLI (`strata seed run|undo`) on real PostgreSQL: the reference data
 * (roles, categories, German VAT), the demo data, exact reruns and undo, and the refusal of demo
 * data on a production target.
 */
import { expectDemoProfileRefused, expectReferenceSeededOnProduction, expectSeedRefusesProduction, expectSeedRerunChangesNothing, ownTables, rowCounts, tablesWithRows, testServers, usePackageDatabase } from '@strata/core/testing';
import * as demoCustomers from '../seeds/004_demo_customers';
import { UserRole } from '../src/enums';
import { searchTickets } from '../src/support';
import { cli, strataOk } from './support';

describe.each(testServers())('commerce seeds ($label)', (server) => {
  describe('development: reference + demo', () => {
    const db = usePackageDatabase(cli, server, { prefix: 'commerce_seed', seed: 'demo' });
    let tables: string[];

    beforeAll(async () => {
      tables = await ownTables(db.knex);
    });

    it('writes one role per user_role value', async () => {
      const roles = await db.knex('roles').orderByRaw('code').select('code', 'name', 'permissions');
      expect(roles.map((r: { code: string }) => r.code)).toEqual([...UserRole.values]);
      expect(roles.find((r: { code: string }) => r.code === 'admin')).toEqual({ code: 'admin', name: 'Administrator', permissions: ['*'] });
    });

    it('writes the German VAT rates: 19 % standard and 7 % reduced', async () => {
      expect(await db.knex('vat_rates').orderBy('rate', 'desc').select('country_code', 'category', 'rate', db.knex.raw(`to_char(valid_from, 'YYYY-MM-DD') AS valid_from`), 'valid_until')).toEqual([
        { country_code: 'DE', category: 'standard', rate: '19.00', valid_from: '2021-01-01', valid_until: null },
        { country_code: 'DE', category: 'reduced', rate: '7.00', valid_from: '2021-01-01', valid_until: null },
      ]);
    });

    it('writes the product categories', async () => {
      expect(await db.knex('product_categories').orderBy('sort_order').pluck('slug')).toEqual(['instagram-growth', 'content-creation', 'consulting', 'guides']);
    });

    it('writes the demo data: users with profiles, products with variants and options, carts, orders, payments, invoices, a subscription, tickets', async () => {
      expect(await rowCounts(db.knex, tables)).toMatchObject({
        users: 4,
        customer_profiles: 2,
        instagram_accounts: 1,
        instagram_account_snapshots: 3,
        products: 3,
        product_variants: 4,
        product_option_groups: 1,
        product_options: 3,
        product_add_ons: 1,
        product_custom_fields: 3,
        subscription_plans: 1,
        carts: 2,
        cart_items: 2,
        orders: 3,
        order_items: 3,
        order_events: 5,
        payments: 2,
        invoices: 2,
        fulfillment_tasks: 2,
        service_campaigns: 1,
        campaign_activities: 2,
        notifications: 1,
        subscriptions: 1,
        support_tickets: 2,
      });
      const orders = await db.knex('orders as o')
        .join('users as u', 'u.id', 'o.user_id')
        .leftJoin('invoices as i', 'i.order_id', 'o.id')
        .leftJoin('payments as p', 'p.order_id', 'o.id')
        .orderBy('o.order_number')
        .select('o.order_number', 'u.email', 'o.status', 'o.subtotal_net', 'o.tax_total', 'o.total_gross', 'p.amount', 'i.invoice_number', 'i.gross_amount');
      expect(orders).toEqual([
        { order_number: 'ORD-DEMO-0001', email: 'anna.schmidt@example.com', status: 'in_fulfillment', subtotal_net: '250.4200', tax_total: '47.5800', total_gross: '298.0000', amount: '298.0000', invoice_number: 'RE-2025-00001', gross_amount: '298.0000' },
        { order_number: 'ORD-DEMO-0002', email: 'max.mueller@example.com', status: 'paid', subtotal_net: '18.6000', tax_total: '1.3000', total_gross: '19.9000', amount: '19.9000', invoice_number: 'RE-2025-00002', gross_amount: '19.9000' },
        { order_number: 'ORD-DEMO-0003', email: 'anna.schmidt@example.com', status: 'pending', subtotal_net: '83.1900', tax_total: '15.8100', total_gross: '99.0000', amount: null, invoice_number: null, gross_amount: null },
      ]);
      expect(await db.knex('carts').orderByRaw('user_id NULLS LAST').select(db.knex.raw('user_id IS NOT NULL AS has_user'), db.knex.raw('session_id IS NOT NULL AS has_session'), 'status')).toEqual([
        { has_user: true, has_session: false, status: 'active' },
        { has_user: false, has_session: true, status: 'active' },
      ]);
      expect((await searchTickets(db.knex, 'Rechnungsadresse')).map((hit) => hit.ticket_number)).toEqual(['TCK-DEMO-0002']);
    });

    it('re-running every seed (--rerun) changes no row at all', () => expectSeedRerunChangesNothing(cli, db, { seeds: 7 }));

    it('a rerun keeps a renamed category but restores a VAT rate the package owns', async () => {
      await db.knex('product_categories').where({ slug: 'consulting' }).update({ name: 'Beratung' });
      await db.knex('vat_rates').where({ category: 'standard' }).update({ rate: '16.00' });
      await strataOk(db.url, ['seed', 'run', '--profile', 'reference', '--rerun']);
      expect(await db.knex('product_categories').where({ slug: 'consulting' }).pluck('name')).toEqual(['Beratung']);
      expect(await db.knex('vat_rates').where({ category: 'standard' }).pluck('rate')).toEqual(['19.00']);
    });

    it('undo removes exactly the seeded rows, and leaves other rows alone', async () => {
      await db.knex('users').insert({ email: 'real.customer@example.com', status: 'active' });
      await db.knex('product_categories').insert({ slug: 'workshops', name: 'Workshops' });
      await strataOk(db.url, ['seed', 'undo']);
      expect(await tablesWithRows(db.knex)).toEqual({ product_categories: 1, users: 1 });
      await db.knex('users').delete();
      await db.knex('product_categories').delete();
    });
  });

  describe('production target (STRATA_ENV=production)', () => {
    const db = usePackageDatabase(cli, server, { prefix: 'commerce_prod' });

    it('refuses the demo profile, writing nothing', () => expectDemoProfileRefused(cli, db));

    it('a demo seed refuses production by itself too', () => expectSeedRefusesProduction(db.knex, demoCustomers));

    it('writes the reference data (it needs no secrets)', () => expectReferenceSeededOnProduction(cli, db, { roles: 4, product_categories: 4, vat_rates: 2 }));
  });
});

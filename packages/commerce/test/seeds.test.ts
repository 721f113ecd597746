/**
 * The seeds through the real CLI (`strata seed run|undo`) on real PostgreSQL: the reference data
 * (roles, categories, German VAT), the demo data, exact reruns and undo, and the refusal of demo
 * data on a production target.
 */
import type { Knex } from 'knex';
import { connect, SafetyError } from '@strata/core';
import { createTestDatabase, dump, ownTables, rowCounts, testServers, type TestDatabase } from '@strata/core/testing';
import * as demoCustomers from '../seeds/004_demo_customers';
import { UserRole } from '../src/enums';
import { searchTickets } from '../src/support';
import { strata, strataOk } from './support';

const PRODUCTION = { STRATA_ENV: 'production' };
const REFERENCE_TABLES = ['roles', 'product_categories', 'vat_rates'];

describe.each(testServers())('commerce seeds ($label)', (server) => {
  describe('development: reference + demo', () => {
    let db: TestDatabase;
    let knex: Knex;
    let tables: string[];

    beforeAll(async () => {
      db = await createTestDatabase(server, 'commerce_seed');
      await strataOk(db.url, ['migrate', 'latest']);
      await strataOk(db.url, ['seed', 'run', '--profile', 'demo']);
      knex = connect(db.url);
      tables = await ownTables(knex);
    });

    afterAll(async () => {
      await knex?.destroy();
      await db?.drop();
    });

    it('writes one role per user_role value', async () => {
      const roles = await knex('roles').orderByRaw('code').select('code', 'name', 'permissions');
      expect(roles.map((r: { code: string }) => r.code)).toEqual([...UserRole.values]);
      expect(roles.find((r: { code: string }) => r.code === 'admin')).toEqual({ code: 'admin', name: 'Administrator', permissions: ['*'] });
    });

    it('writes the German VAT rates: 19 % standard and 7 % reduced', async () => {
      expect(await knex('vat_rates').orderBy('rate', 'desc').select('country_code', 'category', 'rate', knex.raw(`to_char(valid_from, 'YYYY-MM-DD') AS valid_from`), 'valid_until')).toEqual([
        { country_code: 'DE', category: 'standard', rate: '19.00', valid_from: '2021-01-01', valid_until: null },
        { country_code: 'DE', category: 'reduced', rate: '7.00', valid_from: '2021-01-01', valid_until: null },
      ]);
    });

    it('writes the product categories', async () => {
      expect(await knex('product_categories').orderBy('sort_order').pluck('slug')).toEqual(['instagram-growth', 'content-creation', 'consulting', 'guides']);
    });

    it('writes the demo data: users with profiles, products with variants and options, carts, orders, payments, invoices, a subscription, tickets', async () => {
      expect(await rowCounts(knex, tables)).toMatchObject({
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
      const orders = await knex('orders as o')
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
      expect(await knex('carts').orderByRaw('user_id NULLS LAST').select(knex.raw('user_id IS NOT NULL AS has_user'), knex.raw('session_id IS NOT NULL AS has_session'), 'status')).toEqual([
        { has_user: true, has_session: false, status: 'active' },
        { has_user: false, has_session: true, status: 'active' },
      ]);
      expect((await searchTickets(knex, 'Rechnungsadresse')).map((hit) => hit.ticket_number)).toEqual(['TCK-DEMO-0002']);
    });

    it('re-running every seed (--rerun) changes no row at all', async () => {
      const before = await dump(knex, tables);
      const result = await strataOk(db.url, ['seed', 'run', '--profile', 'demo', '--rerun']);
      expect(result.stdout).toContain('applied 7 seed(s)');
      expect(await dump(knex, tables)).toBe(before);
    });

    it('a rerun keeps a renamed category but restores a VAT rate the package owns', async () => {
      await knex('product_categories').where({ slug: 'consulting' }).update({ name: 'Beratung' });
      await knex('vat_rates').where({ category: 'standard' }).update({ rate: '16.00' });
      await strataOk(db.url, ['seed', 'run', '--profile', 'reference', '--rerun']);
      expect(await knex('product_categories').where({ slug: 'consulting' }).pluck('name')).toEqual(['Beratung']);
      expect(await knex('vat_rates').where({ category: 'standard' }).pluck('rate')).toEqual(['19.00']);
    });

    it('undo removes exactly the seeded rows, and leaves other rows alone', async () => {
      await knex('users').insert({ email: 'real.customer@example.com', status: 'active' });
      await knex('product_categories').insert({ slug: 'workshops', name: 'Workshops' });
      await strataOk(db.url, ['seed', 'undo']);
      const counts = await rowCounts(knex, tables);
      expect(Object.entries(counts).filter(([, n]) => n > 0)).toEqual([
        ['product_categories', 1],
        ['users', 1],
      ]);
      await knex('users').delete();
      await knex('product_categories').delete();
    });
  });

  describe('production target (STRATA_ENV=production)', () => {
    let db: TestDatabase;
    let knex: Knex;

    beforeAll(async () => {
      db = await createTestDatabase(server, 'commerce_prod');
      await strataOk(db.url, ['migrate', 'latest']);
      knex = connect(db.url);
    });

    afterAll(async () => {
      await knex?.destroy();
      await db?.drop();
    });

    it('refuses the demo profile, writing nothing', async () => {
      const result = await strata(db.url, ['seed', 'run', '--profile', 'demo'], PRODUCTION);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('refused');
      expect(Object.values(await rowCounts(knex, await ownTables(knex))).every((n) => n === 0)).toBe(true);
    });

    it('a demo seed refuses production by itself too', async () => {
      const error = await knex.transaction((trx) => demoCustomers.seed(trx, { production: true, env: {} })).then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(SafetyError);
      expect(await knex('users').count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '0' }]);
    });

    it('writes the reference data (it needs no secrets)', async () => {
      await strataOk(db.url, ['seed', 'run', '--profile', 'reference'], PRODUCTION);
      expect(await rowCounts(knex, REFERENCE_TABLES)).toEqual({ roles: 4, product_categories: 4, vat_rates: 2 });
      expect(await knex('users').count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '0' }]);
    });
  });
});

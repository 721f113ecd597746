/**
 * The seeds through the real CLI (`strata seed run|undo`): what they write, that a rerun changes
 * no row, that undo removes exactly the seeded rows, and what production allows.
 */
import { expectDemoProfileRefused, expectReferenceSeededOnProduction, expectSeedRefusesProduction, expectSeedRerunChangesNothing, rowCounts, tablesWithRows, testServers, usePackageDatabase } from '@strata/core/testing';
import * as demoOrganizations from '../seeds/002_demo_organizations';
import { Table } from '../src/tables';
import { cli, strataOk } from './support';

const TABLES = Object.values(Table);

describe.each(testServers())('content-platform seeds ($label)', (server) => {
  describe('development: reference + demo', () => {
    const db = usePackageDatabase(cli, server, { prefix: 'cp_seeds', seed: 'demo' });

    it('writes rows in every table', async () => {
      expect(await rowCounts(db.knex, TABLES)).toEqual({
        organizations: 2,
        users: 3,
        content_items: 4,
        organization_billing: 2,
        coupons: 3,
        billing_history: 3,
        asset_templates: 4,
        template_usage: 3,
        conversations: 2,
        messages: 4,
        ai_budgets: 2,
      });
    });

    it('writes the three reference coupons', async () => {
      const coupons = await db.knex('coupons').orderBy('code').select('code', 'discount_type', 'discount_value', 'applicable_plans', 'max_uses', 'min_amount_cents', 'used_count', 'is_active');
      expect(coupons).toEqual([
        { code: 'GROWTH20', discount_type: 'percent', discount_value: 20, applicable_plans: 'growth', max_uses: 500, min_amount_cents: null, used_count: 0, is_active: true },
        { code: 'PRO50', discount_type: 'fixed', discount_value: 5000, applicable_plans: 'pro', max_uses: 100, min_amount_cents: 10000, used_count: 0, is_active: true },
        { code: 'WELCOME10', discount_type: 'percent', discount_value: 10, applicable_plans: null, max_uses: null, min_amount_cents: null, used_count: 0, is_active: true },
      ]);
    });

    it('gives each demo organisation its users, billing record, AI budget and payment history', async () => {
      const rows = await db.knex('organizations as o')
        .join('organization_billing as b', 'b.org_id', 'o.id')
        .join('ai_budgets as a', 'a.org_id', 'o.id')
        .orderBy('o.slug')
        .select('o.slug', 'b.plan', 'b.status', 'b.coupon_code', 'b.trial_used', 'b.last_payment_amount_cents', 'a.daily_token_limit', 'a.daily_cost_limit_gbp')
        .select(db.knex.raw('(SELECT count(*)::int FROM users u WHERE u.org_id = o.id) AS users'))
        .select(db.knex.raw(`(SELECT string_agg(h.status, ',' ORDER BY h.created_at) FROM billing_history h WHERE h.org_id = o.id) AS payments`));
      expect(rows).toEqual([
        { slug: 'acme-studio', plan: 'growth', status: 'active', coupon_code: 'GROWTH20', trial_used: false, last_payment_amount_cents: 3920, daily_token_limit: 250000, daily_cost_limit_gbp: 80, users: 2, payments: 'succeeded,failed,succeeded' },
        { slug: 'northwind-media', plan: 'starter', status: 'trialing', coupon_code: null, trial_used: true, last_payment_amount_cents: null, daily_token_limit: 100000, daily_cost_limit_gbp: 50, users: 1, payments: null },
      ]);
    });

    it('links template uses to the content they produced, and lets one author own two templates in an organisation', async () => {
      const uses = await db.knex('template_usage as u')
        .join('asset_templates as t', 't.id', 'u.template_id')
        .join('content_items as c', 'c.id', 'u.content_item_id')
        .orderBy('u.used_at')
        .select('t.name as template', 'c.title as content');
      expect(uses).toEqual([
        { template: 'Product hero image', content: 'Spring launch hero image' },
        { template: 'Acme story teaser', content: 'Spring launch teaser' },
        { template: 'Product hero image', content: 'First Instagram post' },
      ]);
      const byAuthor = await db.knex('asset_templates as t').join('users as u', 'u.id', 't.created_by').groupBy('u.email').select('u.email', db.knex.raw('count(*)::int AS templates'));
      expect(byAuthor).toEqual([{ email: 'alice@acme-studio.example', templates: 2 }]);
      expect(await db.knex('asset_templates').whereNull('org_id').orderBy('name').pluck('name')).toEqual(['15-second promo', 'Product hero image']);
    });

    it('writes conversations whose last_message_at is their last message', async () => {
      const conversations = await db.knex('conversations as c')
        .orderBy('c.channel')
        .select('c.channel', 'c.peer_id', db.knex.raw('(SELECT count(*)::int FROM messages m WHERE m.conversation_id = c.id) AS messages'))
        .select(db.knex.raw('c.last_message_at = (SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = c.id) AS last_is_latest'));
      expect(conversations).toEqual([
        { channel: 'instagram', peer_id: '17841400000000001', messages: 1, last_is_latest: true },
        { channel: 'whatsapp', peer_id: '+447700900123', messages: 3, last_is_latest: true },
      ]);
    });

    it('a rerun of every seed (--rerun) changes no row at all', () => expectSeedRerunChangesNothing(cli, db, { seeds: 3 }));

    it('undo removes exactly the seeded rows, leaving a coupon created by hand', async () => {
      await db.knex('coupons').insert({ id: 'hand-made', code: 'SPRING5', name: 'Spring 5%', discount_type: 'percent', discount_value: 5, valid_from: '2025-03-01', created_at: '2025-03-01', updated_at: '2025-03-01' });
      await strataOk(db.url, ['seed', 'undo']);
      expect(await tablesWithRows(db.knex)).toEqual({ coupons: 1 });
      expect(await db.knex('coupons').pluck('code')).toEqual(['SPRING5']);
    });
  });

  describe('production target (STRATA_ENV=production)', () => {
    const db = usePackageDatabase(cli, server, { prefix: 'cp_prod' });

    it('refuses the demo profile, writing nothing', () => expectDemoProfileRefused(cli, db));

    it('the demo seed refuses production by itself too', () => expectSeedRefusesProduction(db.knex, demoOrganizations));

    it('writes the reference coupons, and only them', () => expectReferenceSeededOnProduction(cli, db, { coupons: 3 }));
  });
});

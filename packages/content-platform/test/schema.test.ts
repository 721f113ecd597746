/**
 * (a) An empty database → latest through the real CLI, on real PostgreSQL: the seed's tables
 * with its columns, defaults, keys and indexes (compared with the seed's own text), the decisions
 * where the seed's sketch was wrong, and the additive-only rollback: down() keeps everything and
 * latest converges again.
 */
import type { Knex } from 'knex';
import { appliedMigrations, byTableAndName, committedSchema, declaredEnums, foreignKeyFact, indexFact, inRolledBackTransaction, inSavepoint, liveSchema, ownTables, pgError, testServers, usePackageDatabase } from '@strata/core/testing';
import * as enums from '../src/enums';
import { Table } from '../src/tables';
import { seedColumns } from './seed-columns';
import { cli, MIGRATIONS, PACKAGE_DIR, strataOk } from './support';

/** Every index: [table, name, columns, unique]. Primary keys and unique constraints are backed by theirs. */
const INDEXES: Array<[string, string, string[], boolean]> = [
  ['organizations', 'organizations_pkey', ['id'], true],
  ['organizations', 'ix_organizations_slug', ['slug'], true],
  ['users', 'users_pkey', ['id'], true],
  ['users', 'ix_users_org_id', ['org_id'], false],
  ['users', 'ix_users_email', ['email'], true],
  ['content_items', 'content_items_pkey', ['id'], true],
  ['content_items', 'ix_content_items_org_id', ['org_id'], false],
  ['content_items', 'ix_content_items_created_by', ['created_by'], false],
  // The seed's indexes, by the seed's names.
  ['organization_billing', 'organization_billing_pkey', ['id'], true],
  ['organization_billing', 'organization_billing_org_id_key', ['org_id'], true],
  ['organization_billing', 'ix_organization_billing_org_id', ['org_id'], false],
  ['organization_billing', 'ix_organization_billing_stripe_customer_id', ['stripe_customer_id'], false],
  ['organization_billing', 'ix_organization_billing_stripe_subscription_id', ['stripe_subscription_id'], false],
  ['organization_billing', 'ix_organization_billing_coupon_code', ['coupon_code'], false],
  ['coupons', 'coupons_pkey', ['id'], true],
  ['coupons', 'ix_coupons_code', ['code'], true],
  ['coupons', 'ix_coupons_is_active', ['is_active'], false],
  ['billing_history', 'billing_history_pkey', ['id'], true],
  ['billing_history', 'ix_billing_history_org_id', ['org_id'], false],
  ['billing_history', 'ix_billing_history_stripe_payment_intent_id', ['stripe_payment_intent_id'], false],
  ['asset_templates', 'asset_templates_pkey', ['id'], true],
  ['asset_templates', 'ix_asset_templates_org_id', ['org_id'], false],
  // Not in the seed: the index of the created_by foreign key.
  ['asset_templates', 'ix_asset_templates_created_by', ['created_by'], false],
  ['template_usage', 'template_usage_pkey', ['id'], true],
  ['template_usage', 'ix_template_usage_template_id', ['template_id'], false],
  ['template_usage', 'ix_template_usage_org_id', ['org_id'], false],
  ['template_usage', 'ix_template_usage_content_item_id', ['content_item_id'], false],
  ['conversations', 'conversations_pkey', ['id'], true],
  ['conversations', 'ix_conversations_org_id', ['org_id'], false],
  ['conversations', 'ix_conversations_peer_id', ['peer_id'], false],
  ['messages', 'messages_pkey', ['id'], true],
  ['messages', 'ix_messages_conversation_id', ['conversation_id'], false],
  ['ai_budgets', 'ai_budgets_pkey', ['id'], true],
  ['ai_budgets', 'ix_ai_budgets_org_id', ['org_id'], false],
];

/** Every foreign key: [table, name, column, references, ON DELETE] — the seed's, named as PostgreSQL names them. */
const FOREIGN_KEYS: Array<Parameters<typeof foreignKeyFact>> = [
  ['users', 'users_org_id_fkey', 'org_id', 'organizations', 'CASCADE'],
  ['content_items', 'content_items_org_id_fkey', 'org_id', 'organizations', 'CASCADE'],
  ['content_items', 'content_items_created_by_fkey', 'created_by', 'users', 'SET NULL'],
  ['organization_billing', 'organization_billing_org_id_fkey', 'org_id', 'organizations', 'CASCADE'],
  ['billing_history', 'billing_history_org_id_fkey', 'org_id', 'organizations', 'CASCADE'],
  ['asset_templates', 'asset_templates_org_id_fkey', 'org_id', 'organizations', 'CASCADE'],
  ['asset_templates', 'asset_templates_created_by_fkey', 'created_by', 'users', 'SET NULL'],
  ['template_usage', 'template_usage_template_id_fkey', 'template_id', 'asset_templates', 'CASCADE'],
  ['template_usage', 'template_usage_org_id_fkey', 'org_id', 'organizations', 'CASCADE'],
  ['template_usage', 'template_usage_content_item_id_fkey', 'content_item_id', 'content_items', 'SET NULL'],
  ['conversations', 'conversations_org_id_fkey', 'org_id', 'organizations', 'CASCADE'],
  ['messages', 'messages_conversation_id_fkey', 'conversation_id', 'conversations', 'CASCADE'],
  ['ai_budgets', 'ai_budgets_org_id_fkey', 'org_id', 'organizations', 'CASCADE'],
];

describe.each(testServers())('content-platform schema ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'cp_schema', schema: true });

  it('applies the baseline and the three safe migrations, in order', async () => {
    expect(await appliedMigrations(db.knex)).toEqual([...MIGRATIONS]);
  });

  it('creates exactly the baseline tables and the seed tables, and matches schema.snapshot', async () => {
    expect(await ownTables(db.knex)).toEqual(Object.values(Table).sort());
    expect(db.schema).toEqual(committedSchema(PACKAGE_DIR));
  });

  it.each(Object.values(Table))('%s has the columns of the seed text, in order, with their types, nullability and defaults', (table) => {
    const columns = db.schema.filter((e) => e.kind === 'column' && e.table === table).map((e) => `${e.name}: ${e.value}`);
    expect(columns).toEqual(seedColumns(table));
  });

  it('has exactly the seed indexes (plus the created_by foreign key index)', () => {
    expect(byTableAndName(db.facts.indexes)).toEqual(byTableAndName(INDEXES.map(([table, name, columns, unique]) => indexFact(table, name, columns, { unique }))));
  });

  it('has exactly the seed foreign keys, each with its ON DELETE', () => {
    expect(byTableAndName(db.facts.foreignKeys)).toEqual(byTableAndName(FOREIGN_KEYS.map((fk) => foreignKeyFact(...fk))));
  });

  it('creates plan_tier, billing_status and template_type with the seed values, in order', () => {
    const expected = declaredEnums(enums);
    expect(db.facts.enums).toEqual(expected);
    expect(expected.map((e) => e.name)).toEqual(['billing_status', 'plan_tier', 'template_type']);
  });

  describe('at work (each case in a rolled-back transaction)', () => {
    async function organization(trx: Knex.Transaction, slug: string): Promise<{ orgId: string; userId: string }> {
      const orgId = `org-${slug}`;
      await trx('organizations').insert({ id: orgId, name: slug, slug, created_at: '2025-01-01', updated_at: '2025-01-01' });
      const userId = `user-${slug}`;
      await trx('users').insert({ id: userId, org_id: orgId, email: `${slug}@example.com`, created_at: '2025-01-01', updated_at: '2025-01-01' });
      return { orgId, userId };
    }

    it('lets one author write several templates in an organisation (no UNIQUE (org_id, created_by))', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { orgId, userId } = await organization(trx, 'a');
        const template = (id: string, name: string) => ({ id, org_id: orgId, created_by: userId, name, type: 'image', spec: '{}', created_at: '2025-01-01' });
        await trx('asset_templates').insert([template('t1', 'Weekly post'), template('t2', 'Story teaser')]);
        expect(await trx('asset_templates').where({ org_id: orgId, created_by: userId }).count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '2' }]);
      });
    });

    it('keeps "current_date" a column only when quoted: bare, it is the CURRENT_DATE function', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { orgId } = await organization(trx, 'b');
        await trx('ai_budgets').insert({ id: 'budget-b', org_id: orgId, current_date: '2020-02-29' });
        const { rows } = await trx.raw<{ rows: Array<{ quoted: string; bare: string; today: string }> }>(
          `SELECT to_char("current_date", 'YYYY-MM-DD') AS quoted, to_char(current_date, 'YYYY-MM-DD') AS bare, to_char(CURRENT_DATE, 'YYYY-MM-DD') AS today FROM ai_budgets WHERE id = 'budget-b'`,
        );
        expect(rows[0]!.quoted).toBe('2020-02-29');
        expect(rows[0]!.bare).toBe(rows[0]!.today);
        // Knex's query builder quotes the name, so it reaches the column.
        expect(await trx('ai_budgets').where('current_date', '2020-02-29').pluck('id')).toEqual(['budget-b']);
      });
    });

    it("fills the seed's defaults for what the application leaves out", async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { orgId } = await organization(trx, 'c');
        const [billing] = await trx('organization_billing').insert({ id: 'ob-c', org_id: orgId, created_at: '2025-01-01', updated_at: '2025-01-01' }).returning(['plan', 'status', 'trial_used']);
        expect(billing).toEqual({ plan: 'starter', status: 'active', trial_used: false });
        const [budget] = await trx('ai_budgets').insert({ id: 'budget-c', org_id: orgId }).returning(['daily_token_limit', 'daily_cost_limit_gbp', 'tokens_used_today', 'cost_gbp_today', 'is_active']);
        expect(budget).toEqual({ daily_token_limit: 100000, daily_cost_limit_gbp: 50, tokens_used_today: 0, cost_gbp_today: 0, is_active: true });
        const [payment] = await trx('billing_history').insert({ id: 'bh-c', org_id: orgId, amount_cents: 1900, description: 'Starter', plan: 'starter', status: 'succeeded', created_at: '2025-01-01' }).returning(['currency']);
        expect(payment).toEqual({ currency: 'usd' });
      });
    });

    it('allows one billing record per organisation, and one coupon per code', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { orgId } = await organization(trx, 'd');
        const billing = (id: string) => ({ id, org_id: orgId, created_at: '2025-01-01', updated_at: '2025-01-01' });
        await trx('organization_billing').insert(billing('ob-d1'));
        expect(await pgError(inSavepoint(trx, (sp) => sp('organization_billing').insert(billing('ob-d2'))))).toMatchObject({ code: '23505', constraint: 'organization_billing_org_id_key' });
        const coupon = (id: string) => ({ id, code: 'SAME', name: 'x', discount_type: 'percent', discount_value: 5, valid_from: '2025-01-01', created_at: '2025-01-01', updated_at: '2025-01-01' });
        await trx('coupons').insert(coupon('c1'));
        expect(await pgError(inSavepoint(trx, (sp) => sp('coupons').insert(coupon('c2'))))).toMatchObject({ code: '23505', constraint: 'ix_coupons_code' });
      });
    });

    it('CASCADE and SET NULL: deleting a user keeps its content and templates; deleting the organisation removes everything of it', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { orgId, userId } = await organization(trx, 'e');
        await trx('content_items').insert({ id: 'ci-e', org_id: orgId, created_by: userId, title: 'x', kind: 'image', created_at: '2025-01-01', updated_at: '2025-01-01' });
        await trx('asset_templates').insert({ id: 'at-e', org_id: orgId, created_by: userId, name: 'x', type: 'video', spec: '{}', created_at: '2025-01-01' });
        await trx('template_usage').insert({ id: 'tu-e', template_id: 'at-e', org_id: orgId, content_item_id: 'ci-e', used_at: '2025-01-01' });
        await trx('users').where({ id: userId }).delete();
        expect(await trx('content_items').pluck('created_by')).toEqual([null]);
        expect(await trx('asset_templates').pluck('created_by')).toEqual([null]);
        await trx('content_items').where({ id: 'ci-e' }).delete();
        expect(await trx('template_usage').pluck('content_item_id')).toEqual([null]);
        await trx('organizations').where({ id: orgId }).delete();
        expect(await trx('template_usage').count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '0' }]);
        expect(await trx('asset_templates').count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '0' }]);
      });
    });
  });

  it('rolls every migration back keeping every table and row, and latest converges to the same schema', async () => {
    await db.knex('organizations').insert({ id: 'kept', name: 'Kept', slug: 'kept', created_at: '2025-01-01', updated_at: '2025-01-01' });
    const rollback = await strataOk(db.url, ['migrate', 'rollback', '--every-batch']);
    expect(rollback.stdout).toContain('rolled back 4 migration(s)');
    expect(await db.knex('knex_migrations').count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '0' }]);
    expect(await liveSchema(db.knex)).toEqual(db.schema);
    expect(await db.knex('organizations').pluck('slug')).toEqual(['kept']);
    await strataOk(db.url, ['migrate', 'latest']);
    expect(await liveSchema(db.knex)).toEqual(db.schema);
    expect(await appliedMigrations(db.knex)).toEqual([...MIGRATIONS]);
  });
});

import { destructiveOperations, destructiveOperationsSync, loadParser, ParseError } from '../../src/lint';

describe('destructiveOperations (no database: every named object counts as holding data)', () => {
  beforeAll(() => loadParser());

  it.each([
    ['DROP TABLE orders', [{ rule: 'drop-table', object: 'orders' }]],
    ['drop table "billing"."invoices", "coupons" cascade', [{ rule: 'drop-table', object: 'billing.invoices' }, { rule: 'drop-table', object: 'coupons' }]],
    ['DROP TABLE IF EXISTS ai_budgets', [{ rule: 'drop-table', object: 'ai_budgets' }]],
    ['alter table "organization_billing" drop column "coupon_code", drop column "notes"', [{ rule: 'drop-column', object: 'organization_billing.coupon_code' }, { rule: 'drop-column', object: 'organization_billing.notes' }]],
    ['DROP TYPE billing_status CASCADE', [{ rule: 'drop-type', object: 'billing_status' }]],
    ['DROP SCHEMA archive CASCADE', [{ rule: 'drop-schema', object: 'archive' }]],
    ['TRUNCATE messages, conversations', [{ rule: 'truncate', object: 'messages' }, { rule: 'truncate', object: 'conversations' }]],
    ['DELETE FROM template_usage', [{ rule: 'delete-all-rows', object: 'template_usage' }]],
    ['UPDATE coupons SET is_active = false', [{ rule: 'update-all-rows', object: 'coupons' }]],
    ['DROP DATABASE IF EXISTS billing', [{ rule: 'drop-database', object: 'billing' }]],
    // one string, several statements; static SQL of a DO block
    ['CREATE TABLE t (id int); DROP TABLE messages; SELECT 1', [{ rule: 'drop-table', object: 'messages' }]],
    ['DO $$ BEGIN DROP TABLE asset_templates; END $$', [{ rule: 'drop-table', object: 'asset_templates' }]],
    // not destructive
    ['DELETE FROM coupons WHERE code = \'X\'', []],
    ['UPDATE coupons SET is_active = false WHERE id = 1', []],
    ['ALTER TABLE orders DROP CONSTRAINT orders_customer_id_foreign', []],
    ['DROP INDEX ix_coupons_code', []],
    ['CREATE TABLE IF NOT EXISTS ai_budgets (id varchar(36) PRIMARY KEY)', []],
    ["SELECT 'DROP TABLE x; --'", []],
  ])('%s', async (sql, expected) => {
    expect(await destructiveOperations(sql)).toEqual(expected);
    expect(destructiveOperationsSync(sql)).toEqual(expected);
  });

  it('refuses to vouch for SQL it cannot read', async () => {
    await expect(destructiveOperations('DROP TABEL orders')).rejects.toThrow(ParseError);
  });
});

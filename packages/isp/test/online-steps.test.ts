/**
 * Steps 2, 10 and 14 change tables that already hold data. Here they run, through the real CLI,
 * on populated tables: every row is kept exactly (a fingerprint of the table's columns before
 * and after), the new constraints end up validated and the new indexes valid; bad data is
 * refused before anything changes, with one line saying what to fix; an interrupted concurrent
 * index build is picked up by the next run; and rolling the steps back keeps every row too.
 */
import type { Knex } from 'knex';
import type { SnapshotEntry } from '@strata/core';
import { appliedMigrations, liveSchema, testServers, usePackageDatabase } from '@strata/core/testing';
import { Table } from '../src/tables';
import { cli, stepFile, strata, strataOk } from './support';

/** How many customers and API keys the populated tables hold. */
const CUSTOMERS = 3000;
const API_KEYS = 2000;

/** The columns customers has before step 10, and api_keys before step 14. */
const CUSTOMER_COLUMNS = ['id', 'customer_number', 'customer_type', 'status', 'display_name', 'email', 'phone', 'parent_customer_id', 'portal_id', 'created_at', 'updated_at'];
const API_KEY_COLUMNS = ['id', 'api_client_id', 'name', 'key_prefix', 'key_hash', 'status', 'expires_at', 'revoked_at', 'last_used_at', 'created_at', 'updated_at'];

/** Row count and an md5 over every row's `columns`, in id order: equal fingerprints, same rows. */
async function fingerprint(knex: Knex, table: string, columns: readonly string[]): Promise<{ rows: number; md5: string }> {
  const list = columns.map((c) => `coalesce(${c}::text, '∅')`).join(`, '|', `);
  const { rows } = await knex.raw<{ rows: { rows: string; md5: string }[] }>(`SELECT count(*) AS rows, md5(string_agg(concat(${list}), ',' ORDER BY id)) AS md5 FROM ${table}`);
  return { rows: Number(rows[0]!.rows), md5: rows[0]!.md5 };
}

/** Whether each named constraint is validated, and each named index valid. */
async function catalogState(knex: Knex, constraints: readonly string[], indexes: readonly string[]): Promise<Record<string, boolean>> {
  const { rows: c } = await knex.raw<{ rows: { name: string; ok: boolean }[] }>('SELECT conname AS name, convalidated AS ok FROM pg_constraint WHERE conname = ANY(?)', [[...constraints]]);
  const { rows: i } = await knex.raw<{ rows: { name: string; ok: boolean }[] }>('SELECT c.relname AS name, x.indisvalid AS ok FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE c.relname = ANY(?)', [[...indexes]]);
  return Object.fromEntries([...c, ...i].map((row) => [row.name, row.ok]));
}

describe.each(testServers())('steps 2, 10 and 14 on populated tables ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'isp_online', migrate: stepFile(1) });

  beforeAll(async () => {
    // A hierarchy: every tenth customer is the parent of the nine after it. Two share a portal id.
    await db.knex.raw(
      `INSERT INTO customers (id, customer_number, customer_type, status, display_name, email, phone, parent_customer_id, portal_id)
       SELECT strata_uuidv7(), 'C-' || lpad(n::text, 6, '0'), (ARRAY['residential', 'business', 'enterprise']::customer_type[])[1 + n % 3],
              'active', 'Customer ' || n, 'c' || n || '@mail.example', NULL, NULL,
              CASE WHEN n % 7 = 0 THEN NULL WHEN n = 2 THEN 'PORTAL-000001' ELSE 'PORTAL-' || lpad(n::text, 6, '0') END
         FROM generate_series(1, ?) AS n`,
      [CUSTOMERS],
    );
    await db.knex.raw(
      `UPDATE customers c SET parent_customer_id = p.id FROM customers p
        WHERE p.customer_number = 'C-' || lpad(((substring(c.customer_number, 3)::int - 1) / 10 * 10 + 1)::text, 6, '0') AND c.id <> p.id`,
    );
  });

  it('step 2 refuses duplicated portal ids before changing anything, naming them', async () => {
    const before: SnapshotEntry[] = await liveSchema(db.knex);
    const result = await strata(db.url, ['migrate', 'to', stepFile(2)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("customers.portal_id has 1 duplicated value(s) ('PORTAL-000001' ×2), so it cannot be made unique: give each customer its own portal id (or NULL until the customer is invited), then run the migration again (nothing was changed)");
    expect(await liveSchema(db.knex)).toEqual(before);
    expect(await appliedMigrations(db.knex)).toEqual([stepFile(1)]);
  });

  it('step 2 refuses malformed portal ids the same way', async () => {
    await db.knex(Table.customers).where({ customer_number: 'C-000002' }).update({ portal_id: 'jane doe' });
    const result = await strata(db.url, ['migrate', 'to', stepFile(2)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("1 row(s) of customers break the rule that a portal id is 4–32 upper-case letters, digits or hyphens (customer_number 'C-000002'): correct those portal ids (or set them to NULL)");
    await db.knex(Table.customers).where({ customer_number: 'C-000002' }).update({ portal_id: 'PORTAL-000002' });
  });

  it('step 2 picks up an interrupted concurrent build, and keeps every row', async () => {
    // An earlier run died building the index: PostgreSQL leaves it INVALID (here, a duplicate that was fixed since).
    await db.knex(Table.customers).where({ customer_number: 'C-000003' }).update({ portal_id: 'PORTAL-000001' });
    await db.knex.raw('CREATE UNIQUE INDEX CONCURRENTLY uq_customers_portal_id ON customers (portal_id)').catch(() => undefined);
    expect(await catalogState(db.knex, [], ['uq_customers_portal_id'])).toEqual({ uq_customers_portal_id: false });
    await db.knex(Table.customers).where({ customer_number: 'C-000003' }).update({ portal_id: 'PORTAL-000003' });

    const before = await fingerprint(db.knex, Table.customers, CUSTOMER_COLUMNS);
    await strataOk(db.url, ['migrate', 'to', stepFile(2)]);
    expect(await fingerprint(db.knex, Table.customers, CUSTOMER_COLUMNS)).toEqual(before);
    expect(before.rows).toBe(CUSTOMERS);
    expect(await catalogState(db.knex, ['uq_customers_portal_id', 'ck_customers_portal_id_format'], ['uq_customers_portal_id'])).toEqual({ uq_customers_portal_id: true, ck_customers_portal_id_format: true });
  });

  it('step 10 adds to customers without losing or changing a row, and validates its constraints', async () => {
    const before = await fingerprint(db.knex, Table.customers, CUSTOMER_COLUMNS);
    await strataOk(db.url, ['migrate', 'to', stepFile(10)]);
    expect(await fingerprint(db.knex, Table.customers, CUSTOMER_COLUMNS)).toEqual(before);
    const added = await db.knex(Table.customers)
      .select(db.knex.raw('count(*) FILTER (WHERE marketing_opt_in = false) AS opted_out, count(legal_name) AS legal, count(credit_limit) AS limits, count(account_manager_id) AS managers'))
      .first();
    expect(added).toEqual({ opted_out: String(CUSTOMERS), legal: '0', limits: '0', managers: '0' });
    expect(await catalogState(
      db.knex,
      ['fk_customers_account_manager_id', 'ck_customers_credit_limit_not_negative', 'ck_customers_preferred_language_bcp47'],
      ['ix_customers_account_manager_id', 'ix_customers_tax_id'],
    )).toEqual({
      fk_customers_account_manager_id: true,
      ck_customers_credit_limit_not_negative: true,
      ck_customers_preferred_language_bcp47: true,
      ix_customers_account_manager_id: true,
      ix_customers_tax_id: true,
    });
  });

  it('step 14 refuses duplicated key prefixes, then adds to api_keys keeping every row', async () => {
    await strataOk(db.url, ['migrate', 'to', stepFile(13)]);
    const [client] = await db.knex(Table.apiClients).insert({ name: 'Partner integration', customer_id: db.knex(Table.customers).first('id') }).returning('id');
    await db.knex.raw(
      `INSERT INTO api_keys (api_client_id, name, key_prefix, key_hash, status)
       SELECT ?, 'key ' || n, 'isp_live_' || lpad(n::text, 6, '0'), sha256(('secret-' || n)::bytea), 'active' FROM generate_series(1, ?) AS n`,
      [client.id, API_KEYS],
    );
    await db.knex(Table.apiKeys).where({ key_prefix: 'isp_live_000002' }).update({ key_prefix: 'isp_live_000001' });
    const refused = await strata(db.url, ['migrate', 'to', stepFile(14)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("api_keys.key_prefix has 1 duplicated value(s) ('isp_live_000001' ×2)");
    await db.knex(Table.apiKeys).where({ name: 'key 2' }).update({ key_prefix: 'isp_live_000002' });

    const before = await fingerprint(db.knex, Table.apiKeys, API_KEY_COLUMNS);
    await strataOk(db.url, ['migrate', 'to', stepFile(14)]);
    expect(await fingerprint(db.knex, Table.apiKeys, API_KEY_COLUMNS)).toEqual(before);
    expect(before.rows).toBe(API_KEYS);
    expect(await catalogState(
      db.knex,
      ['uq_api_keys_key_prefix', 'fk_api_keys_rate_limit_policy_id', 'ck_api_keys_allowed_cidrs_not_empty'],
      ['uq_api_keys_key_prefix', 'ix_api_keys_rate_limit_policy_id', 'ix_api_keys_key_prefix'],
    )).toEqual({
      uq_api_keys_key_prefix: true,
      fk_api_keys_rate_limit_policy_id: true,
      ck_api_keys_allowed_cidrs_not_empty: true,
      ix_api_keys_rate_limit_policy_id: true,
    });
  });

  it('rolling steps 14 … 2 back keeps every customer and API key', async () => {
    const keys = await fingerprint(db.knex, Table.apiKeys, API_KEY_COLUMNS);
    await strataOk(db.url, ['migrate', 'to', stepFile(13)]);
    expect(await fingerprint(db.knex, Table.apiKeys, API_KEY_COLUMNS)).toEqual(keys);
    expect(await catalogState(db.knex, [], ['ix_api_keys_key_prefix'])).toEqual({ ix_api_keys_key_prefix: true });

    const customers = await fingerprint(db.knex, Table.customers, CUSTOMER_COLUMNS);
    await strataOk(db.url, ['migrate', 'to', stepFile(1)]);
    expect(await fingerprint(db.knex, Table.customers, CUSTOMER_COLUMNS)).toEqual(customers);
    expect(await appliedMigrations(db.knex)).toEqual([stepFile(1)]);
  });
});

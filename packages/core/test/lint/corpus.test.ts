import path from 'node:path';
import { Client } from 'pg';
import { lintMigrations, type Finding } from '../../src/lint';
import { createTestDatabase, testServers } from '../../src/testing';

const CORPUS = path.join(__dirname, 'corpus');

/** `<migration> <direction> <rule> <severity>[ acknowledged]`, in the order the lint reports them. */
const line = (f: Finding): string => `${f.migration} ${f.direction} ${f.rule} ${f.severity}${f.acknowledged ? ' acknowledged' : ''}`;

/**
 * Every finding of every corpus folder, exactly: a rule that stops firing, or a near miss
 * that starts to, changes the list. Near misses are the migrations (or statements) absent here.
 */
const EXPECTED: Record<string, string[]> = {
  destructive: [
    '001_create_shop.ts down drop-schema info',
    '001_create_shop.ts down drop-table info',
    '001_create_shop.ts down drop-table info',
    '001_create_shop.ts down drop-table info',
    '001_create_shop.ts down drop-table info',
    '001_create_shop.ts down drop-type info',
    '002_drop_order_note.ts up drop-column error',
    '003_drop_computed_table.ts up drop-table error acknowledged',
    '004_hidden_in_raw.ts up delete-all-rows error',
    '004_hidden_in_raw.ts up truncate error',
    '004_hidden_in_raw.ts up delete-all-rows error',
    '005_drop_type_schema_fk.ts up drop-foreign-key error',
    '005_drop_type_schema_fk.ts up drop-type error',
    '005_drop_type_schema_fk.ts up drop-schema error',
    '007_reasonless_ack.ts up allow-without-reason error',
    '007_reasonless_ack.ts up allow-unknown-rule warning',
    '007_reasonless_ack.ts up drop-column error',
  ],
  locking: [
    '001_create_accounts.ts up prefer-timestamptz warning',
    '001_create_accounts.ts up prefer-timestamptz warning',
    '001_create_accounts.ts down drop-table info',
    '001_create_accounts.ts down drop-table info',
    '002_index_existing_table.ts up index-not-concurrent error',
    '002_index_existing_table.ts down drop-table info',
    '002_index_existing_table.ts down drop-index-not-concurrent warning',
    '004_constraints_not_valid.ts down drop-foreign-key info',
    '006_set_not_null.ts up set-not-null error',
    '007_validating_constraints.ts up fk-not-valid error',
    '007_validating_constraints.ts up unique-constraint error',
    '007_validating_constraints.ts up check-not-valid error',
    '007_validating_constraints.ts down drop-foreign-key info',
    '011_rewrite_types.ts up column-type-change error',
    '011_rewrite_types.ts up column-type-change error',
    '011_rewrite_types.ts up column-type-change error',
    '012_add_columns.ts up add-column-rewrite error',
    '012_add_columns.ts up add-column-rewrite error',
    '012_add_columns.ts up add-column-rewrite error',
    '013_concurrently_in_transaction.ts up concurrently-in-transaction error',
    '013_concurrently_in_transaction.ts up capture-failed error',
  ],
  compatibility: [
    '001_create_members.ts down drop-table info',
    '001_create_members.ts down drop-table info',
    '001_create_members.ts down drop-type info',
    '002_renames.ts up rename-table error',
    '002_renames.ts up rename-column error',
    '002_renames.ts down drop-table info',
    '002_renames.ts down rename-column warning',
    '002_renames.ts down rename-table warning',
    '003_required_column.ts up required-column error',
    '003_required_column.ts down drop-column info',
    '003_required_column.ts down drop-column info',
    '004_enum_values.ts up rename-enum-value error',
    '004_enum_values.ts up enum-value-order warning',
    '004_enum_values.ts down drop-type info',
  ],
  hygiene: [
    '001_create_events.ts up json-column warning',
    '001_create_events.ts up prefer-timestamptz warning',
    '001_create_events.ts up identifier-too-long warning',
    '001_create_events.ts down drop-table info',
    '002_no_down.ts down missing-down warning',
  ],
};

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.each(testServers())('strata lint corpus ($label)', (server) => {
  it.each(Object.keys(EXPECTED))('%s: reports exactly the expected findings', async (folder) => {
    const db = await createTestDatabase(server, 'lint');
    try {
      const { findings } = await lintMigrations({ migrationsDir: path.join(CORPUS, folder), scratchUrl: db.url });
      expect(findings.map(line)).toEqual(EXPECTED[folder]);
    } finally {
      await db.drop();
    }
  });

  it('names the objects and the data at stake', async () => {
    const db = await createTestDatabase(server, 'lint');
    try {
      const { findings } = await lintMigrations({ migrationsDir: path.join(CORPUS, 'destructive'), scratchUrl: db.url });
      const pick = (migration: string, rule: string): Finding[] => findings.filter((f) => f.migration === migration && f.rule === rule);
      // computed at run time: SELECT 'sess' || 'ions'
      expect(pick('003_drop_computed_table.ts', 'drop-table')).toEqual([
        expect.objectContaining({ object: 'sessions', statement: 'drop table "sessions"', reason: 'sessions moved to the cache service in release 2025.01' }),
      ]);
      // one knex.raw string with three statements and a DO block: each statement on its own
      expect(pick('004_hidden_in_raw.ts', 'delete-all-rows').map((f) => [f.object, f.statement])).toEqual([
        ['orders', 'DELETE FROM orders'],
        ['customers', 'UPDATE customers SET name = upper(name)'],
      ]);
      expect(pick('004_hidden_in_raw.ts', 'truncate').map((f) => f.statement)).toEqual(['TRUNCATE audit_log']);
      expect(pick('002_drop_order_note.ts', 'drop-column')[0]).toMatchObject({ object: 'orders.note', message: 'drops column orders.note (text) and its value in every row.' });
      // down(): the data a rollback would destroy, below error since up() created it
      expect(pick('001_create_shop.ts', 'drop-table').map((f) => f.message)).toContain(
        'rollback drops table orders (id, customer_id, note, status) and every row in it. (created by up(): expected, but its data is lost)',
      );
      expect(pick('005_drop_type_schema_fk.ts', 'drop-type')[0]?.message).toBe(
        'drops type plan_tier (enum: starter, growth, pro) used by customers.plan. CASCADE also drops everything that depends on it.',
      );
    } finally {
      await db.drop();
    }
  });

  it('leaves the scratch database as the migrations left it: down() of a transaction:false migration ran on a dropped copy', async () => {
    const db = await createTestDatabase(server, 'lint');
    try {
      await lintMigrations({ migrationsDir: path.join(CORPUS, 'locking'), scratchUrl: db.url });
      // 003 (transaction: false) created accounts_name_idx; its down() dropped it only on the copy.
      const indexes = await query<{ indexname: string }>(db.url, `SELECT indexname FROM pg_indexes WHERE tablename = 'accounts' ORDER BY 1`);
      expect(indexes.map((i) => i.indexname)).toEqual(expect.arrayContaining(['accounts_name_idx', 'accounts_name_unique']));
      // 013 failed inside its transaction: nothing of it is left.
      expect(indexes.map((i) => i.indexname)).not.toContain('accounts_note_idx');
      const copies = await query<{ datname: string }>(db.url, `SELECT datname FROM pg_database WHERE datname LIKE '${db.name}_down_%'`);
      expect(copies).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('refuses a scratch database that is not empty', async () => {
    const db = await createTestDatabase(server, 'lint');
    try {
      await query(db.url, 'CREATE TABLE precious (id int)');
      await expect(lintMigrations({ migrationsDir: path.join(CORPUS, 'hygiene'), scratchUrl: db.url })).rejects.toThrow(/is not empty \(it has table public\.precious\)/);
      expect(await query(db.url, `SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'`)).toHaveLength(1);
    } finally {
      await db.drop();
    }
  });
});

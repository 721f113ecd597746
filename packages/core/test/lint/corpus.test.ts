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
    '001_create_shop.ts up prefer-bigint-over-int warning',
    '001_create_shop.ts up prefer-bigint-over-int warning',
    '001_create_shop.ts up prefer-bigint-over-int warning',
    '001_create_shop.ts up prefer-bigint-over-int warning',
    '001_create_shop.ts up prefer-bigint-over-int warning',
    '001_create_shop.ts down drop-schema info',
    '001_create_shop.ts down drop-table info',
    '001_create_shop.ts down drop-table info',
    '001_create_shop.ts down drop-table info',
    '001_create_shop.ts down drop-table info',
    '001_create_shop.ts down drop-type info',
    '002_drop_order_note.ts up drop-column error',
    '003_drop_computed_table.ts up drop-table error acknowledged',
    '003_drop_computed_table.ts down prefer-bigint-over-int info',
    '004_hidden_in_raw.ts up delete-all-rows error',
    '004_hidden_in_raw.ts up truncate error',
    '004_hidden_in_raw.ts up update-all-rows error',
    '004_hidden_in_raw.ts down empty-down warning',
    '005_drop_type_schema_fk.ts up drop-foreign-key error',
    '005_drop_type_schema_fk.ts up drop-type error',
    '005_drop_type_schema_fk.ts up drop-schema error',
    '006_near_misses.ts up prefer-bigint-over-int warning',
    '006_near_misses.ts down empty-down warning',
    '007_reasonless_ack.ts up allow-without-reason error',
    '007_reasonless_ack.ts up allow-unknown-rule warning',
    '007_reasonless_ack.ts up drop-column error',
  ],
  locking: [
    '001_create_accounts.ts up prefer-bigint-over-int warning',
    '001_create_accounts.ts up prefer-timestamptz warning',
    '001_create_accounts.ts up prefer-timestamptz warning',
    '001_create_accounts.ts up prefer-bigint-over-int warning',
    '001_create_accounts.ts down drop-table info',
    '001_create_accounts.ts down drop-table info',
    '002_index_existing_table.ts up index-not-concurrent error',
    '002_index_existing_table.ts up prefer-bigint-over-int warning',
    '002_index_existing_table.ts down drop-table info',
    '002_index_existing_table.ts down drop-index-not-concurrent warning',
    '004_constraints_not_valid.ts down drop-foreign-key info',
    '005_validate_constraints.ts down empty-down warning',
    '006_set_not_null.ts up set-not-null error',
    '006_set_not_null.ts down drop-not-null info',
    '006_set_not_null.ts down drop-not-null info',
    '007_validating_constraints.ts up fk-not-valid error',
    '007_validating_constraints.ts up unique-constraint error',
    '007_validating_constraints.ts up check-not-valid error',
    // 007's down() drops its foreign key, but 004's accounts_team_fk (same columns, same parent) stays: nothing is unguarded.
    '010_widen_types.ts down empty-down warning',
    '011_rewrite_types.ts up column-type-change error',
    '011_rewrite_types.ts up column-type-change error',
    '011_rewrite_types.ts up column-type-change error',
    '011_rewrite_types.ts down empty-down warning',
    '012_add_columns.ts up add-column-rewrite error',
    '012_add_columns.ts up add-column-rewrite error',
    '012_add_columns.ts up prefer-bigint-over-int warning',
    '012_add_columns.ts up add-column-rewrite error',
    '012_add_columns.ts down empty-down warning',
    '013_concurrently_in_transaction.ts up concurrently-in-transaction error',
    '013_concurrently_in_transaction.ts up capture-failed error',
    // Applied outside a transaction, as its fix would: its down() runs (in a transaction, as declared) and fails the same way.
    '013_concurrently_in_transaction.ts down concurrently-in-transaction warning',
    '013_concurrently_in_transaction.ts down capture-failed warning',
  ],
  compatibility: [
    '001_create_members.ts up prefer-bigint-over-int warning',
    '001_create_members.ts up prefer-bigint-over-int warning',
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
    '001_create_events.ts up prefer-bigint-over-int warning',
    '001_create_events.ts up identifier-too-long warning',
    '001_create_events.ts down drop-table info',
    '002_no_down.ts down missing-down warning',
  ],
  recovery: [
    '001_create_accounts.ts down drop-table info',
    '002_index_in_transaction.ts up concurrently-in-transaction error',
    // After the refused statement, seen only because the lint applied 002 outside a transaction.
    '002_index_in_transaction.ts up drop-column error',
    '002_index_in_transaction.ts up capture-failed error',
    '002_index_in_transaction.ts down concurrently-in-transaction warning',
    '002_index_in_transaction.ts down capture-failed warning',
    '004_broken.ts up capture-failed error',
    // Linted although 004 failed; 006 fails because 004 did, so it is a warning.
    '005_drop_note.ts up drop-column error',
    '006_uses_broken.ts up capture-failed warning',
    '007_add_column_007.ts down drop-column info',
    '008_add_column_008.ts down drop-column info',
    '009_add_column_009.ts down drop-column info',
    '010_add_column_010.ts down drop-column info',
  ],
  swaps: [
    '001_create_shop.ts down drop-table info',
    '001_create_shop.ts down drop-table info',
    '001_create_shop.ts down drop-table info',
    '001_create_shop.ts down drop-table info',
    // 002 (table swap, both ways) and 005 (a foreign key dropped and re-added in one statement) are near misses.
    '003_swap_without_copy.ts up rename-table error',
    '003_swap_without_copy.ts up drop-table error',
    '003_swap_without_copy.ts down irreversible-down info',
    '004_column_swap.ts up backfill-in-transaction error',
    '004_column_swap.ts down backfill-in-transaction warning',
    '006_backfill.ts up backfill-in-transaction error',
    '006_backfill.ts up update-all-rows error',
    '006_backfill.ts down drop-column info',
    // 007 backfills outside a transaction: no lock is held during its UPDATE.
    '007_backfill_outside_transaction.ts down drop-column info',
  ],
  downs: [
    '001_create_notes.ts down drop-table info',
    '002_empty_down.ts down empty-down warning',
    '003_comment_only_down.js down empty-down warning',
    '004_acknowledged_empty_down.ts down empty-down warning acknowledged',
    '005_throwing_down.ts down irreversible-down info',
    // 006 changes nothing, so its empty down() is exact.
    '007_down_only_reads.ts down empty-down warning',
  ],
  squawk: [
    '001_create_accounts.ts down drop-table info',
    '001_create_accounts.ts down drop-table info',
    '001_create_accounts.ts down drop-table info',
    '001_create_accounts.ts down drop-type info',
    '002_reindex.ts up reindex-not-concurrent error',
    '002_reindex.ts down drop-table info',
    '003_reindex_concurrently.ts down irreversible-down info',
    '004_drop_index.ts up drop-index-not-concurrent error',
    '004_drop_index.ts down index-not-concurrent warning',
    '006_detach_partition.ts up detach-partition-not-concurrent error',
    '008_domains.ts up create-domain-with-check warning',
    '008_domains.ts up alter-domain-add-constraint error',
    '008_domains.ts down drop-type info',
    '008_domains.ts down drop-type info',
    '009_serial_primary_key.ts up unique-constraint error',
    '009_serial_primary_key.ts up add-column-rewrite error',
    '009_serial_primary_key.ts up prefer-bigint-over-int warning',
    '009_serial_primary_key.ts down drop-column info',
    '010_robust_statements.ts up prefer-robust-stmts warning',
    '010_robust_statements.ts down drop-table info',
    '011_robust_statements_guarded.ts down drop-table info',
    '012_transaction_nesting.ts up transaction-nesting error',
    '012_transaction_nesting.ts up transaction-nesting error',
    '012_transaction_nesting.ts down drop-column info',
    '012_transaction_nesting.ts down drop-column info',
    '013_column_types.ts up char-column warning',
    '013_column_types.ts up prefer-bigint-over-int warning',
    '013_column_types.ts up prefer-bigint-over-smallint warning',
    '013_column_types.ts up prefer-identity warning',
    '013_column_types.ts up prefer-bigint-over-int warning',
    '013_column_types.ts up prefer-bigint-over-int warning',
    '013_column_types.ts down drop-table info',
    '013_column_types.ts down drop-table info',
    '013_column_types.ts down drop-table info',
    '013_column_types.ts down drop-table info',
    '013_column_types.ts down drop-table info',
    '013_column_types.ts down drop-table info',
    '013_column_types.ts down drop-table info',
    '014_drop_not_null.ts up drop-not-null warning',
    // Knex's .alter() drops NOT NULL and sets it again: no drop-not-null, but the SET NOT NULL scans.
    '014_drop_not_null.ts up set-not-null error',
    '014_drop_not_null.ts down set-not-null warning',
    '015_cluster.ts up vacuum-full-or-cluster error',
    '015_cluster.ts down drop-table info',
    '016_drop_database.ts up drop-database error',
    '016_drop_database.ts down irreversible-down info',
    '017_uncommitted_transaction.ts up uncommitted-transaction error',
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
      expect(pick('004_hidden_in_raw.ts', 'delete-all-rows').map((f) => [f.object, f.statement])).toEqual([['orders', 'DELETE FROM orders']]);
      // An UPDATE is not a delete: it overwrites the column it sets.
      expect(pick('004_hidden_in_raw.ts', 'update-all-rows').map((f) => [f.object, f.statement, f.message])).toEqual([
        ['customers', 'UPDATE customers SET name = upper(name)', 'overwrites customers.name in every row of customers (no WHERE clause): the old values are lost, and every row stays locked until the migration commits.'],
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
      // 013 was refused in its transaction, then applied outside one, as its fix would.
      const indexes = await query<{ indexname: string }>(db.url, `SELECT indexname FROM pg_indexes WHERE tablename = 'accounts' ORDER BY 1`);
      expect(indexes.map((i) => i.indexname)).toEqual(expect.arrayContaining(['accounts_name_idx', 'accounts_name_unique', 'accounts_note_idx']));
      const copies = await query<{ datname: string }>(db.url, `SELECT datname FROM pg_database WHERE datname LIKE '${db.name}_down_%'`);
      expect(copies).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('goes on after a failed up(): applies it as its fix would, or skips it and marks what follows', async () => {
    const db = await createTestDatabase(server, 'lint');
    try {
      const { findings } = await lintMigrations({ migrationsDir: path.join(CORPUS, 'recovery'), scratchUrl: db.url });
      const failed = findings.filter((f) => f.rule === 'capture-failed' && f.direction === 'up');
      expect(failed.map((f) => f.message)).toEqual([
        'up() failed: CREATE INDEX CONCURRENTLY cannot run inside a transaction block — the runner would fail here too. The lint applied it outside a transaction, as config = { transaction: false } would, and went on.',
        'up() failed: relation "invoices" does not exist — the runner would fail here too. Skipped: the 6 migrations after it (005_drop_note.ts, 006_uses_broken.ts, 007_add_column_007.ts, 008_add_column_008.ts, 009_add_column_009.ts … (+1 more)) are linted without it.',
        'up() failed: relation "invoices" does not exist — the runner would fail here too. Skipped: the 4 migrations after it (007_add_column_007.ts, 008_add_column_008.ts, 009_add_column_009.ts, 010_add_column_010.ts) are linted without it. It comes after the failed 004_broken.ts, which may be the cause.',
      ]);
      // Nothing before 004 is marked; everything after it is.
      expect(findings.filter((f) => f.afterFailure !== undefined).map((f) => f.migration)).toEqual(findings.filter((f) => f.migration! > '004_broken.ts').map((f) => f.migration));
      expect(findings.find((f) => f.migration === '005_drop_note.ts')).toMatchObject({
        rule: 'drop-column',
        afterFailure: '004_broken.ts',
        message: 'drops column accounts.note (text) and its value in every row. (after failed migration 004_broken.ts: the state may differ)',
      });
      // 003 found the index of 002 (the repair), and 007–010 ran although 004 and 006 failed.
      const constraints = await query<{ conname: string }>(db.url, `SELECT conname FROM pg_constraint WHERE conrelid = 'accounts'::regclass AND contype = 'u'`);
      expect(constraints.map((c) => c.conname)).toEqual(['accounts_email_unique']);
      const columns = await query<{ column_name: string }>(db.url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'accounts' ORDER BY ordinal_position`);
      expect(columns.map((c) => c.column_name)).toEqual(['id', 'email', 'c007', 'c008', 'c009', 'c010']);
    } finally {
      await db.drop();
    }
  });

  it('prepares the scratch database with a setup and resolves names through its search_path', async () => {
    const setup = path.join(CORPUS, 'setup');
    const db = await createTestDatabase(server, 'lint');
    try {
      const { findings } = await lintMigrations({ migrationsDir: path.join(setup, 'migrations'), scratchUrl: db.url, setupFile: path.join(setup, 'lint-setup.sql') });
      expect(findings.map(line)).toEqual([
        '001_create_projects.ts down drop-table info',
        // tenants was made by the setup: it existed before the migrations, so indexing it locks writes.
        '002_index_tenants.ts up index-not-concurrent error',
        '002_index_tenants.ts down drop-index-not-concurrent warning',
        '003_drop_project_name.ts up drop-column error',
      ]);
      expect(findings.find((f) => f.rule === 'drop-column')).toMatchObject({ object: 'projects.name', statement: 'alter table "projects" drop column "name"' });
      // The unqualified CREATE TABLE landed in the setup's schema.
      expect(await query<{ schemaname: string }>(db.url, `SELECT schemaname FROM pg_tables WHERE tablename = 'projects'`)).toEqual([{ schemaname: 'app' }]);
    } finally {
      await db.drop();
    }
    // Without the setup the same folder cannot be linted: tenants and current_tenant() do not exist.
    const bare = await createTestDatabase(server, 'lint');
    try {
      const { findings } = await lintMigrations({ migrationsDir: path.join(setup, 'migrations'), scratchUrl: bare.url });
      expect(findings.map(line)).toEqual(['001_create_projects.ts up capture-failed error', '002_index_tenants.ts up capture-failed warning', '003_drop_project_name.ts up capture-failed warning']);
    } finally {
      await bare.drop();
    }
  });

  it('names the data a copy-less table swap loses, and what a backfill locks', async () => {
    const db = await createTestDatabase(server, 'lint');
    try {
      const { findings } = await lintMigrations({ migrationsDir: path.join(CORPUS, 'swaps'), scratchUrl: db.url });
      expect(findings.find((f) => f.migration === '003_swap_without_copy.ts' && f.rule === 'drop-table')?.message).toBe(
        'drops table tags_old — tags (id, label) until this migration renamed it — and every row in it.',
      );
      expect(findings.find((f) => f.migration === '006_backfill.ts' && f.rule === 'backfill-in-transaction')?.message).toBe(
        'backfills users.active in every row in the same transaction as its ADD COLUMN: the ACCESS EXCLUSIVE lock of the ADD COLUMN is held until the migration commits, so every read and write of users waits for the whole backfill.',
      );
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

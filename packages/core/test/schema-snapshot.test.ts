import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import { defineEnum } from '../src/enums';
import { ckName } from '../src/naming';
import {
  diffSnapshots,
  normaliseViewDefinition,
  parseSnapshotText,
  readSnapshotDocument,
  renderSnapshotJson,
  renderSnapshotText,
  snapshotEntries,
  snapshotSchema,
  type SchemaSnapshot,
} from '../src/schema';
import {
  addUpdatedAtTrigger,
  createUpdatedAtFunction,
  createUpdatedAtFunctionSql,
  createUuidV7Function,
  createUuidV7FunctionSql,
  dropUpdatedAtFunction,
  dropUuidV7Function,
  foreignKey,
  money,
  softDelete,
  timestamps,
  uniqueWhereNotDeleted,
  uuidPrimaryKey,
} from '../src/tables';
import { createTestDatabase, testServers, type TestDatabase, type TestServer } from '../src/testing';
import { RICH_SCHEMA_SQL, RICH_SCHEMA_TEXT } from './schema-fixture';

const accountStatus = defineEnum('account_status', ['active', 'closed'] as const);

/** Two migrations written with the convention helpers. */
const MIGRATIONS: { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> }[] = [
  {
    async up(knex) {
      await createUuidV7Function(knex);
      await createUpdatedAtFunction(knex);
      await accountStatus.create(knex);
      await knex.schema.createTable('accounts', (t) => {
        uuidPrimaryKey(t, 'accounts', knex);
        t.text('name').notNullable();
        accountStatus.column(t, 'status').notNullable().defaultTo('active');
        money(t, 'balance').notNullable();
        timestamps(t, knex);
        softDelete(t);
        uniqueWhereNotDeleted(t, 'accounts', ['name'], knex);
      });
      await addUpdatedAtTrigger(knex, 'accounts');
    },
    async down(knex) {
      await knex.schema.dropTable('accounts');
      await accountStatus.drop(knex);
      await dropUpdatedAtFunction(knex);
      await dropUuidV7Function(knex);
    },
  },
  {
    async up(knex) {
      await knex.schema.createTable('invoices', (t) => {
        uuidPrimaryKey(t, 'invoices', knex);
        foreignKey(t, 'invoices', 'account_id', { references: 'accounts', onDelete: 'cascade' });
        money(t, 'amount').notNullable();
        t.check('?? > 0', ['amount'], ckName('invoices', 'amount_positive'));
        timestamps(t, knex);
      });
      await addUpdatedAtTrigger(knex, 'invoices');
    },
    async down(knex) {
      await knex.schema.dropTable('invoices');
    },
  },
];

/** The same schema as MIGRATIONS, written by hand. */
const SAME_SCHEMA_SQL = `
${createUuidV7FunctionSql()};
${createUpdatedAtFunctionSql()};
CREATE TYPE account_status AS ENUM ('active', 'closed');
CREATE TABLE accounts (
  id uuid NOT NULL DEFAULT strata_uuidv7(),
  name text NOT NULL,
  status account_status NOT NULL DEFAULT 'active',
  balance numeric(19,4) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT pk_accounts PRIMARY KEY (id)
);
CREATE UNIQUE INDEX uq_accounts_name ON accounts (name) WHERE deleted_at IS NULL;
CREATE TRIGGER trg_accounts_updated_at BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION strata_set_updated_at();
CREATE TABLE invoices (
  id uuid NOT NULL DEFAULT strata_uuidv7(),
  account_id uuid NOT NULL,
  amount numeric(19,4) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pk_invoices PRIMARY KEY (id),
  CONSTRAINT fk_invoices_account_id FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  CONSTRAINT ck_invoices_amount_positive CHECK (amount > 0)
);
CREATE INDEX ix_invoices_account_id ON invoices (account_id);
CREATE TRIGGER trg_invoices_updated_at BEFORE UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION strata_set_updated_at();
`;

function connect(url: string): Knex {
  return knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 2 } });
}

async function withDatabase<T>(server: TestServer, action: (knex: Knex, db: TestDatabase) => Promise<T>): Promise<T> {
  const db = await createTestDatabase(server, 'snap');
  const knex = connect(db.url);
  try {
    return await action(knex, db);
  } finally {
    await knex.destroy();
    await db.drop();
  }
}

async function migrateUp(knex: Knex): Promise<void> {
  for (const migration of MIGRATIONS) await knex.transaction((trx) => migration.up(trx));
}

async function migrateDown(knex: Knex): Promise<void> {
  for (const migration of [...MIGRATIONS].reverse()) await knex.transaction((trx) => migration.down(trx));
}

describe('snapshots across PostgreSQL majors', () => {
  it('gives the same, exactly known text for the same schema on every test server', async () => {
    const texts = new Map<string, string>();
    for (const server of testServers()) {
      texts.set(
        server.label,
        await withDatabase(server, async (knex) => {
          await knex.raw(RICH_SCHEMA_SQL);
          return renderSnapshotText(await snapshotSchema(knex));
        }),
      );
    }
    expect(texts.size).toBeGreaterThanOrEqual(1);
    for (const text of texts.values()) expect(text).toBe(RICH_SCHEMA_TEXT);
  });

  it('gives the same snapshot for the migrations on every test server', async () => {
    const texts: string[] = [];
    for (const server of testServers()) {
      texts.push(await withDatabase(server, async (knex) => (await migrateUp(knex), renderSnapshotText(await snapshotSchema(knex)))));
    }
    for (const text of texts) expect(text).toBe(texts[0]);
  });

  const dumpServer = testServers().find((s) => Number(/(\d+)$/.exec(s.label)?.[1]) <= 15);
  const dumpable = dumpServer !== undefined && existsSync('/usr/bin/pg_dump') && existsSync('/usr/bin/psql');
  (dumpable ? it : it.skip)('equals the snapshot of a pg_dump --schema-only restored on every server', async () => {
    await withDatabase(dumpServer as TestServer, async (knex, source) => {
      await knex.raw(RICH_SCHEMA_SQL);
      const original = await snapshotSchema(knex);
      const dump = execFileSync('/usr/bin/pg_dump', ['--schema-only', '--no-owner', '--no-privileges', source.url], { encoding: 'utf8' });
      for (const server of testServers()) {
        const restored = await withDatabase(server, async (target, db) => {
          execFileSync('/usr/bin/psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-d', db.url], { input: dump, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
          return snapshotSchema(target);
        });
        expect({ server: server.label, diff: diffSnapshots(original, restored) }).toEqual({ server: server.label, diff: [] });
        expect(renderSnapshotText(restored)).toBe(renderSnapshotText(original));
      }
    });
  });
});

describe.each(testServers())('snapshots ($label)', (server) => {
  it('equals the snapshot of the same schema written as raw SQL', async () => {
    const built = await withDatabase(server, async (knex) => (await migrateUp(knex), snapshotSchema(knex)));
    const raw = await withDatabase(server, async (knex) => (await knex.raw(SAME_SCHEMA_SQL), snapshotSchema(knex)));
    expect(diffSnapshots(built, raw)).toEqual([]);
    expect(renderSnapshotJson(built)).toBe(renderSnapshotJson(raw));
  });

  it('does not change when idempotent helpers run again, and down-then-up gives the same schema', async () => {
    await withDatabase(server, async (knex) => {
      const empty = await snapshotSchema(knex);
      await migrateUp(knex);
      const first = await snapshotSchema(knex);
      await knex.transaction(async (trx) => {
        await createUuidV7Function(trx);
        await createUpdatedAtFunction(trx);
        await accountStatus.create(trx);
        await addUpdatedAtTrigger(trx, 'accounts');
        await addUpdatedAtTrigger(trx, 'invoices');
      });
      expect(diffSnapshots(first, await snapshotSchema(knex))).toEqual([]);
      await migrateDown(knex);
      expect(diffSnapshots(empty, await snapshotSchema(knex))).toEqual([]);
      await migrateUp(knex);
      expect(renderSnapshotText(await snapshotSchema(knex))).toBe(renderSnapshotText(first));
    });
  });

  it('reads the same from a URL, a knex instance and inside a transaction (and restores the session settings)', async () => {
    await withDatabase(server, async (knex, db) => {
      await migrateUp(knex);
      const fromKnex = renderSnapshotJson(await snapshotSchema(knex));
      expect(renderSnapshotJson(await snapshotSchema(db.url))).toBe(fromKnex);
      await knex.transaction(async (trx) => {
        await trx.raw(`SET LOCAL search_path = pg_catalog`);
        await trx.raw(`SET LOCAL TimeZone = 'Asia/Tokyo'`);
        expect(renderSnapshotJson(await snapshotSchema(trx))).toBe(fromKnex);
        const { rows } = await trx.raw(`SELECT current_setting('search_path') AS path, current_setting('TimeZone') AS tz`);
        expect(rows).toEqual([{ path: 'pg_catalog', tz: 'Asia/Tokyo' }]);
      });
    });
  });

  it('leaves out bookkeeping tables and their sequences, and takes other exclusions', async () => {
    await withDatabase(server, async (knex) => {
      await knex.raw(`CREATE TABLE knex_migrations (id serial PRIMARY KEY); CREATE TABLE knex_migrations_lock (index int); CREATE TABLE strata_history (id int); CREATE TABLE audit_log (id serial)`);
      const snapshot = await snapshotSchema(knex);
      expect(snapshot.tables.map((t) => t.name)).toEqual(['audit_log']);
      expect(snapshot.sequences.map((s) => s.name)).toEqual(['audit_log_id_seq']);
      const narrower = await snapshotSchema(knex, { excludeTables: ['audit_*'] });
      expect(narrower.tables.map((t) => t.name)).toEqual(['knex_migrations', 'knex_migrations_lock', 'strata_history']);
    });
  });

  it('keeps a multi-line definition (a CASE in a CHECK or a generated column) on one line, and it parses back', async () => {
    await withDatabase(server, async (knex) => {
      await knex.raw(`CREATE TABLE services (kind text, speed int, label text GENERATED ALWAYS AS (CASE WHEN kind = 'voice' THEN 'phone  line' ELSE kind END) STORED,
        CONSTRAINT ck_services_speed CHECK (CASE WHEN kind = 'internet' THEN speed > 0 ELSE speed IS NULL END))`);
      const text = renderSnapshotText(await snapshotSchema(knex));
      expect(text).toContain("column label: text null generated always as (CASE WHEN (kind = 'voice'::text) THEN 'phone  line'::text ELSE kind END) stored");
      expect(text).toContain('constraint ck_services_speed: CHECK (CASE WHEN (kind = ');
      expect(parseSnapshotText(text).filter((e) => e.table === 'services').map((e) => e.name)).toEqual(['kind', 'speed', 'label', 'ck_services_speed']);
    });
  });

  it('describes another schema than public', async () => {
    await withDatabase(server, async (knex) => {
      await knex.raw(`CREATE SCHEMA billing; CREATE TABLE billing.plans (id int PRIMARY KEY); CREATE TABLE billing.subscriptions (plan_id int REFERENCES billing.plans(id))`);
      const snapshot = await snapshotSchema(knex, { schema: 'billing' });
      expect(snapshot.tables.map((t) => t.name)).toEqual(['plans', 'subscriptions']);
      expect(snapshot.tables[1]?.constraints).toEqual([{ name: 'subscriptions_plan_id_fkey', type: 'foreign key', definition: 'FOREIGN KEY (plan_id) REFERENCES plans(id)' }]);
    });
  });
});

describe('snapshot documents', () => {
  let snapshot: SchemaSnapshot;
  beforeAll(async () => {
    snapshot = await withDatabase(testServers()[0] as TestServer, async (knex) => (await knex.raw(RICH_SCHEMA_SQL), snapshotSchema(knex)));
  });

  it('parses its own text and JSON back into the same entries', () => {
    const entries = snapshotEntries(snapshot);
    expect(parseSnapshotText(renderSnapshotText(snapshot))).toEqual(entries);
    expect(readSnapshotDocument(renderSnapshotText(snapshot))).toEqual(entries);
    expect(readSnapshotDocument(renderSnapshotJson(snapshot))).toEqual(entries);
  });

  it('writes JSON with sorted keys', () => {
    const json = renderSnapshotJson(snapshot);
    expect(json.startsWith('{\n  "enums": [')).toBe(true);
    expect(JSON.parse(json)).toEqual(snapshot);
    expect(json.endsWith('}\n')).toBe(true);
  });

  it.each([
    ['not a snapshot', 'hello world\n', /snapshot line 1 is not a strata schema snapshot line: hello world/],
    ['a column outside a table', '  column id: uuid\n', /snapshot line 1: column outside a table/],
    ['JSON of something else', '{"a": 1}', /is not a strata schema snapshot \(format 1\): write one with strata schema dump --format json/],
    ['broken JSON', '{"a": ', /snapshot is not valid JSON/],
  ])('refuses %s', (_label, text, message) => {
    expect(() => readSnapshotDocument(text)).toThrow(message);
  });
});

describe.each(testServers())('diffSnapshots ($label)', (server) => {
  it('names every changed object', async () => {
    await withDatabase(server, async (knex) => {
      await migrateUp(knex);
      const before = await snapshotSchema(knex);
      expect(diffSnapshots(before, before)).toEqual([]);
      await knex.raw(`
        ALTER TABLE accounts ADD COLUMN note text;
        ALTER TABLE accounts ALTER COLUMN name SET DEFAULT 'unnamed';
        DROP INDEX uq_accounts_name;
        ALTER TYPE account_status ADD VALUE 'frozen' BEFORE 'closed';
        CREATE OR REPLACE FUNCTION strata_set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := clock_timestamp();
  RETURN NEW;
END
$$;
        DROP TABLE invoices;
        CREATE TABLE plans (code text PRIMARY KEY);
      `);
      const after = await snapshotSchema(knex);
      expect(diffSnapshots(before, after)).toEqual([
        "~ enum account_status: 'active', 'closed' → 'active', 'frozen', 'closed'",
        "~ column accounts.name: text not null → text not null default 'unnamed'::text",
        '+ column accounts.note: text null',
        '- index accounts.uq_accounts_name: CREATE UNIQUE INDEX uq_accounts_name ON public.accounts USING btree (name) WHERE (deleted_at IS NULL)',
        '- table invoices',
        '+ table plans',
        '~ function strata_set_updated_at(): body differs at line 2: "  NEW.updated_at := now();" → "  NEW.updated_at := clock_timestamp();"',
      ]);
    });
  });

  it('reports a changed column order', async () => {
    await withDatabase(server, async (knex) => {
      await knex.raw(`CREATE TABLE t (a int, b int)`);
      const before = await snapshotSchema(knex);
      await knex.raw(`DROP TABLE t; CREATE TABLE t (b int, a int)`);
      expect(diffSnapshots(before, await snapshotSchema(knex))).toEqual(['~ table t: column order a, b → b, a']);
    });
  });
});

describe('normaliseViewDefinition', () => {
  it.each([
    [' SELECT customers.id,\n    customers.email\n   FROM customers;', ['customers'], 'SELECT id, email FROM customers;'],
    [' SELECT inv.id FROM invoices inv WHERE inv.amount > 0;', ['invoices'], 'SELECT id FROM invoices inv WHERE amount > 0;'],
    [' SELECT c.id FROM customers c JOIN invoices i ON i.customer_id = c.id;', ['customers', 'invoices'], 'SELECT c.id FROM customers c JOIN invoices i ON i.customer_id = c.id;'],
  ])('%j', (definition, relations, expected) => {
    expect(normaliseViewDefinition(definition, relations)).toBe(expected);
  });
});

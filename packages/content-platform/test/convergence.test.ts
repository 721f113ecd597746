/**
 * The safe migrations converge any database, through the real CLI on real PostgreSQL:
 * (b) a database built the old way — the tables of the superseded 0004/0005/0009/0010, some
 *     columns missing, rows in every table — reaches latest keeping every row, with the same
 *     schema as an empty database brought to latest (the committed schema.snapshot);
 *     a variant that has the sketch's UNIQUE (org_id, created_by) keeps that one constraint;
 * (c) a database that already has everything (but no history) → latest changes nothing: no
 *     object, no row, no table rewritten.
 * And adoption with `strata migrate baseline`: it records the history of (c) without running
 * anything, and refuses (writing nothing) the old-way database and the variant, naming the
 * first difference.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { SnapshotEntry } from '@strata/core';
import { appliedMigrations, committedSchema, dump, liveSchema, ownTables, testServers, usePackageDatabase } from '@strata/core/testing';
import { SUPERSEDED_MIGRATIONS } from '../src/history';
import { Table } from '../src/tables';
import { buildOldWay, cli, MIGRATIONS, PACKAGE_DIR, strata, strataOk } from './support';

/** Every row of every table, each as the columns it had before migrating. */
async function rowsByTable(knex: Knex): Promise<Rows> {
  const rows: Rows = {};
  for (const table of await ownTables(knex)) rows[table] = await knex(table).select('*').orderBy('id');
  return rows;
}

type Rows = Record<string, Array<Record<string, unknown>>>;

/** Each table's rows now, reduced to the columns they had before: equal means no row was lost or changed. */
function asBefore(before: Rows, after: Rows): Rows {
  return Object.fromEntries(
    Object.entries(before).map(([table, rows]) => {
      const columns = Object.keys(rows[0] ?? {});
      return [table, (after[table] ?? []).map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])))];
    }),
  );
}

/** The checksums committed in migrations/migrations.sum, by migration. */
function committedChecksums(): Array<[string, string]> {
  const text = readFileSync(path.join(PACKAGE_DIR, 'migrations', 'migrations.sum'), 'utf8');
  return text.split('\n').filter((line) => /^\d{14}_/.test(line)).map((line) => line.split(' ') as [string, string]);
}

/** Entries of `a` that `b` lacks, as `kind table.name`. */
function minus(a: readonly SnapshotEntry[], b: readonly SnapshotEntry[]): string[] {
  const key = (e: SnapshotEntry) => `${e.kind} ${e.table ? `${e.table}.` : ''}${e.name}: ${e.value}`;
  const other = new Set(b.map(key));
  return a.map(key).filter((k) => !other.has(k));
}

describe.each(testServers())('content-platform convergence ($label)', (server) => {
  describe('(b) a database built the old way (0004, 0005, 0009, 0010)', () => {
    const db = usePackageDatabase(cli, server, { prefix: 'cp_oldway', migrate: false });
    let before: Rows;

    beforeAll(async () => {
      await buildOldWay(db.knex);
      before = await rowsByTable(db.knex);
    });

    it('has rows in every table, and every object the superseded downgrades would have destroyed', async () => {
      expect(Object.keys(before).sort()).toEqual(Object.values(Table).sort());
      expect(Object.entries(before).filter(([, rows]) => rows.length === 0).map(([table]) => table)).toEqual([]);
      for (const operation of SUPERSEDED_MIGRATIONS.flatMap((m) => m.operations)) {
        for (const object of operation.objects) {
          const [kind, name] = object.startsWith('type ') ? ['type', object.slice(5)] : object.includes('.') ? ['column', object] : ['table', object];
          if (kind === 'type') {
            expect({ object, exists: (await db.knex.raw(`SELECT to_regtype(?) IS NOT NULL AS exists`, [name])).rows[0].exists }).toEqual({ object, exists: true });
          } else if (kind === 'column') {
            const [table, column] = name!.split('.');
            expect({ object, hasValues: before[table!]!.length > 0 && column! in before[table!]![0]! }).toEqual({ object, hasValues: true });
          } else {
            expect({ object, rows: before[name!]!.length > 0 }).toEqual({ object, rows: true });
          }
        }
      }
    });

    it('is missing some of the seed columns before latest', () => {
      expect(Object.keys(before.organization_billing![0]!)).not.toContain('notes');
      expect(Object.keys(before.billing_history![0]!)).not.toContain('processed_at');
      expect(Object.keys(before.template_usage![0]!)).not.toContain('inputs');
      expect(Object.keys(before.ai_budgets![0]!)).not.toContain('is_active');
    });

    it('cannot be baselined as it is: baseline names the first missing column and writes nothing', async () => {
      const result = await strata(db.url, ['migrate', 'baseline']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`is not the schema of the migrations up to ${MIGRATIONS[3]}: it lacks column ai_budgets.created_at: timestamp without time zone not null default now()`);
      expect(result.stderr).toContain('nothing was recorded');
      expect(await db.knex.schema.hasTable('knex_migrations')).toBe(false);
    });

    it('reaches latest keeping every row and value, with the schema of an empty database at latest', async () => {
      const result = await strataOk(db.url, ['migrate', 'latest']);
      expect(result.stdout).toContain('batch 1 applied 4 migration(s)');
      expect(asBefore(before, await rowsByTable(db.knex))).toEqual(before);
      expect(await liveSchema(db.knex)).toEqual(committedSchema(PACKAGE_DIR));
      // The same comparison through the CLI a DBA would use.
      const diff = await strata(db.url, ['schema', 'diff', db.url, `${PACKAGE_DIR}/schema.snapshot`]);
      expect(diff.code).toBe(0);
    });

    it('fills the columns it added from their defaults', async () => {
      expect(await db.knex('organization_billing').orderBy('id').select('next_payment_date', 'next_payment_amount_cents', 'notes')).toEqual([
        { next_payment_date: null, next_payment_amount_cents: null, notes: null },
        { next_payment_date: null, next_payment_amount_cents: null, notes: null },
      ]);
      expect(await db.knex('billing_history').pluck('processed_at')).toEqual([null, null, null]);
      expect(await db.knex('template_usage').pluck('inputs')).toEqual([null, null]);
      const budgets = (await db.knex('ai_budgets').orderBy('id').select('is_active', 'created_at', 'updated_at')) as Array<{ is_active: boolean; created_at: Date; updated_at: Date }>;
      expect(budgets.map((b) => b.is_active)).toEqual([true, true]);
      // The rows existed before their timestamps did: they get the time of the migration.
      for (const budget of budgets) expect(budget.created_at).toEqual(budget.updated_at);
    });
  });

  describe("(b) variant: 0005 had created the sketch's UNIQUE (org_id, created_by)", () => {
    const db = usePackageDatabase(cli, server, { prefix: 'cp_oldway_uq', migrate: false });

    beforeAll(async () => {
      await buildOldWay(db.knex, { authorUniqueness: true });
    });

    it('reaches latest keeping every row and that one constraint (the policy never drops)', async () => {
      const before = await rowsByTable(db.knex);
      await strataOk(db.url, ['migrate', 'latest']);
      const committed = committedSchema(PACKAGE_DIR);
      const live = await liveSchema(db.knex);
      expect(minus(committed, live)).toEqual([]);
      expect(minus(live, committed)).toEqual([
        'constraint asset_templates.asset_templates_org_id_created_by_key: UNIQUE (org_id, created_by)',
        'index asset_templates.asset_templates_org_id_created_by_key: CREATE UNIQUE INDEX asset_templates_org_id_created_by_key ON public.asset_templates USING btree (org_id, created_by)',
      ]);
      expect(asBefore(before, await rowsByTable(db.knex))).toEqual(before);
    });

    it('without its history, baseline refuses it naming the constraint; after the one-off fix it is adopted', async () => {
      await db.knex.raw('DROP TABLE knex_migrations, knex_migrations_lock, strata_migrations');
      const refused = await strata(db.url, ['migrate', 'baseline']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        'it has constraint asset_templates.asset_templates_org_id_created_by_key: UNIQUE (org_id, created_by), which the migrations do not create (and 1 more difference(s)) — nothing was recorded',
      );
      // The reviewed one-off fix the README describes, outside the additive-only chain.
      await db.knex.raw('ALTER TABLE asset_templates DROP CONSTRAINT asset_templates_org_id_created_by_key');
      expect(await liveSchema(db.knex)).toEqual(committedSchema(PACKAGE_DIR));
      expect((await strataOk(db.url, ['migrate', 'baseline'])).stdout).toContain('baseline recorded 4 migration(s)');
      expect(await appliedMigrations(db.knex)).toEqual([...MIGRATIONS]);
    });
  });

  describe('(c) a database that already has everything, without history', () => {
    const db = usePackageDatabase(cli, server, { prefix: 'cp_complete', seed: 'demo' });

    beforeAll(async () => {
      // As if restored from a dump of the application's database: the schema and rows, no Strata history.
      await db.knex.raw('DROP TABLE knex_migrations, knex_migrations_lock, strata_migrations, strata_seeds');
    });

    /** The file each table and index is stored in: a rewrite gives it a new one. */
    async function storage(): Promise<Array<{ name: string; file: string }>> {
      const { rows } = await db.knex.raw<{ rows: Array<{ name: string; file: string }> }>(
        `SELECT c.relname AS name, c.relfilenode::text AS file FROM pg_catalog.pg_class c
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i') AND c.relname NOT LIKE 'knex%' AND c.relname NOT LIKE 'strata%' ORDER BY 1`,
      );
      return rows;
    }

    it('latest records the four migrations and changes nothing: no object, no row, no table rewritten', async () => {
      const tables = Object.values(Table);
      const [schemaBefore, rowsBefore, filesBefore] = [await liveSchema(db.knex), await dump(db.knex, tables), await storage()];
      expect(rowsBefore).toContain('acme-studio');
      const result = await strataOk(db.url, ['migrate', 'latest']);
      expect(result.stdout).toContain('batch 1 applied 4 migration(s)');
      expect(await liveSchema(db.knex)).toEqual(schemaBefore);
      expect(await dump(db.knex, tables)).toBe(rowsBefore);
      expect(await storage()).toEqual(filesBefore);
      expect(await appliedMigrations(db.knex)).toEqual([...MIGRATIONS]);
      expect((await strataOk(db.url, ['migrate', 'latest'])).stdout).toContain('already up to date');
    });

    it('baseline records its history without running a migration, with the committed checksums', async () => {
      await db.knex.raw('DROP TABLE knex_migrations, knex_migrations_lock, strata_migrations');
      const files = await storage();
      const result = await strataOk(db.url, ['migrate', 'baseline']);
      expect(result.stdout).toContain(`content-platform: baseline recorded 4 migration(s) up to ${MIGRATIONS[3]} as applied (batch 1), with their checksums`);
      expect(await storage()).toEqual(files);
      const history = (await db.knex('strata_migrations').orderBy('name').select('name', 'checksum')) as Array<{ name: string; checksum: string }>;
      expect(history.map((row) => [row.name, row.checksum])).toEqual(committedChecksums());
      expect((await strataOk(db.url, ['migrate', 'status'])).stdout).toContain('4 applied');
      const again = await strata(db.url, ['migrate', 'baseline']);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already has a migration history (4 applied');
    });
  });
});

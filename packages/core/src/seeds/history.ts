/**
 * `strata_seeds`: the seeds applied to a database — name, checksum, profile, when, and the
 * tables each one wrote to, so that rolling back the migration that made a table forgets the
 * seeds whose rows went with it (in the rollback's own transaction).
 */
import type { Knex } from 'knex';
import { BookkeepingTable } from '../bookkeeping';
import { historyAccessError, tableExists, writeHistory } from '../migrations/history';
import type { HistoryWrite } from '../migrations/records';

/** Seeds applied to a database. */
export const SEEDS_TABLE = BookkeepingTable.seeds;

export interface AppliedSeed {
  readonly name: string;
  readonly checksum: string;
  readonly profile: string;
  readonly appliedAt: Date;
  /** Tables the seed wrote to; undefined for a record older than this column. */
  readonly tables: readonly string[] | undefined;
}

/** Creates the table, or adds the `tables` column to one made by an older Strata. */
export async function ensureSeedTable(knex: Knex): Promise<void> {
  if (await tableExists(knex, SEEDS_TABLE)) {
    if (!(await knex.schema.hasColumn(SEEDS_TABLE, 'tables'))) await knex.schema.alterTable(SEEDS_TABLE, (t) => void t.specificType('tables', 'text[]'));
    return;
  }
  await knex.schema.createTable(SEEDS_TABLE, (t) => {
    t.text('name').primary();
    t.text('checksum').notNullable();
    t.text('profile').notNullable();
    t.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.specificType('tables', 'text[]');
  });
}

export async function readSeedHistory(knex: Knex): Promise<AppliedSeed[]> {
  if (!(await tableExists(knex, SEEDS_TABLE))) return [];
  const rows = (await knex(SEEDS_TABLE)
    .select('*')
    .orderBy('name')
    .catch((error: unknown) => Promise.reject(historyAccessError(error, SEEDS_TABLE)))) as Array<{ name: string; checksum: string; profile: string; applied_at: Date; tables?: string[] | null }>;
  return rows.map((row) => ({ name: row.name, checksum: row.checksum, profile: row.profile, appliedAt: row.applied_at, tables: row.tables ?? undefined }));
}

export async function recordSeed(knex: Knex, name: string, checksum: string, profile: string, tables: readonly string[]): Promise<HistoryWrite> {
  const list = knex.raw('?::text[]', [[...tables]]);
  return writeHistory(knex(SEEDS_TABLE).insert({ name, checksum, profile, tables: list }).onConflict('name').merge({ checksum, profile, applied_at: knex.fn.now(), tables: list }), SEEDS_TABLE, 'insert', name);
}

export async function forgetSeed(knex: Knex, name: string): Promise<HistoryWrite> {
  return writeHistory(knex(SEEDS_TABLE).where({ name }).delete(), SEEDS_TABLE, 'delete', name);
}

/**
 * After a migration's down(), in its transaction: forgets every seed that wrote to a table that
 * no longer exists (its rows are gone, so the next `seed run` must write them again). A record
 * from before Strata tracked tables is forgotten by any rollback: seeds are idempotent, so
 * running one again costs nothing.
 */
export async function forgetSeedsOfDroppedTables(knex: Knex): Promise<HistoryWrite[]> {
  if (!(await tableExists(knex, SEEDS_TABLE))) return [];
  const query = knex(SEEDS_TABLE)
    .whereNull('tables')
    .orWhereRaw('EXISTS (SELECT 1 FROM unnest(tables) AS written(name) WHERE to_regclass(written.name) IS NULL)')
    .delete()
    .returning('name');
  const sql = query.toString();
  const rows = (await query) as Array<{ name: string }>;
  return rows.map((row) => ({ table: SEEDS_TABLE, action: 'delete' as const, name: row.name, sql }));
}

/**
 * Tables written so far in this transaction, with how many rows each (PostgreSQL keeps these
 * per-transaction counters itself); the difference around a seed is what that seed wrote.
 * @see https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ALL-TABLES-VIEW
 */
export async function writesSoFar(knex: Knex): Promise<Map<string, number>> {
  const { rows } = (await knex.raw(
    `SELECT relid::regclass::text AS name, n_tup_ins + n_tup_upd + n_tup_del AS n FROM pg_catalog.pg_stat_xact_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0`,
  )) as { rows: Array<{ name: string; n: string }> };
  return new Map(rows.map((row) => [row.name, Number(row.n)]));
}

import type { Knex } from 'knex';
import { BookkeepingTable } from '../bookkeeping';
import { ConfigError, messageOf } from '../errors';
import { queryRows, type Queryable } from '../db/sql';
import { quoteIdentifier } from '../naming/identifier';
import type { HistoryWrite } from './records';

/**
 * Where history lives. `knex_migrations` and `knex_migrations_lock` keep Knex's own layout,
 * so stock `knex migrate:status` on the same database agrees with Strata; checksums live
 * beside them in `strata_migrations`, which Knex ignores.
 */
export const HistoryTable = {
  migrations: BookkeepingTable.migrations,
  lock: BookkeepingTable.lock,
  checksums: BookkeepingTable.checksums,
} as const;

/** A migration recorded as applied. */
export interface AppliedMigration {
  readonly name: string;
  readonly batch: number;
  readonly appliedAt: Date;
  /** Checksum recorded when applied (or accepted); undefined when applied by stock Knex. */
  readonly checksum: string | undefined;
  /** When an edit of the file was accepted with --accept-checksum. */
  readonly checksumAcceptedAt: Date | undefined;
}

/**
 * Whether a table exists where this session's search_path would find it. Unlike Knex's
 * hasTable (information_schema, which hides tables the role has no rights on), this sees every
 * table, so a missing privilege is reported as one, not as "no history yet".
 */
export async function tableExists(db: Queryable, table: string): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(db, 'SELECT to_regclass($1) IS NOT NULL AS found', [quoteIdentifier(table)]);
  return rows[0]?.found === true;
}

/** Turns "permission denied" on a history table into one line saying what to grant. */
export function historyAccessError(error: unknown, table: string): unknown {
  if ((error as { code?: string }).code !== '42501') return error;
  return new ConfigError(`this role has no rights on ${table} (${messageOf(error)}): it is a permission problem — run strata as the role that owns the history, or GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO this role`);
}

/** Creates the history tables if missing (Knex's layout for its two). Call under the runner lock. */
export async function ensureHistoryTables(knex: Knex): Promise<void> {
  if (!(await tableExists(knex, HistoryTable.migrations))) {
    await knex.schema.createTable(HistoryTable.migrations, (t) => {
      t.increments();
      t.string('name');
      t.integer('batch');
      t.timestamp('migration_time');
    });
  }
  if (!(await tableExists(knex, HistoryTable.lock))) {
    await knex.schema.createTable(HistoryTable.lock, (t) => {
      t.increments('index').primary();
      t.integer('is_locked');
    });
  }
  if ((await knex(HistoryTable.lock).count({ n: '*' }).catch((error: unknown) => Promise.reject(historyAccessError(error, HistoryTable.lock))))[0]?.n === '0') {
    await knex(HistoryTable.lock).insert({ is_locked: 0 });
  }
  if (!(await tableExists(knex, HistoryTable.checksums))) {
    await knex.schema.createTable(HistoryTable.checksums, (t) => {
      t.text('name').primary();
      t.text('checksum').notNullable();
      t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.text('accepted_from_checksum');
      t.timestamp('checksum_accepted_at', { useTz: true });
    });
  }
}

/** Applied migrations in the order they were applied; empty when history does not exist yet. */
export async function readHistory(db: Queryable): Promise<AppliedMigration[]> {
  if (!(await tableExists(db, HistoryTable.migrations))) return [];
  const withChecksums = await tableExists(db, HistoryTable.checksums);
  const [migrations, checksums] = [quoteIdentifier(HistoryTable.migrations), quoteIdentifier(HistoryTable.checksums)];
  const text = withChecksums
    ? `SELECT m.name, m.batch, m.migration_time, c.checksum, c.checksum_accepted_at FROM ${migrations} m LEFT JOIN ${checksums} c ON c.name = m.name ORDER BY m.id`
    : `SELECT m.name, m.batch, m.migration_time FROM ${migrations} m ORDER BY m.id`;
  const rows = await queryRows<{ name: string; batch: number; migration_time: Date; checksum?: string | null; checksum_accepted_at?: Date | null }>(db, text).catch((error: unknown) =>
    Promise.reject(historyAccessError(error, HistoryTable.migrations)),
  );
  return rows.map((row) => ({
    name: row.name,
    batch: row.batch,
    appliedAt: row.migration_time,
    checksum: row.checksum ?? undefined,
    checksumAcceptedAt: row.checksum_accepted_at ?? undefined,
  }));
}

/** Sends one bookkeeping statement and says what it wrote (seeds' history uses it too). */
export async function writeHistory(query: Knex.QueryBuilder, table: string, action: HistoryWrite['action'], name: string): Promise<HistoryWrite> {
  const sql = query.toString();
  await query;
  return { table, action, name, sql };
}

/** The rows that record a migration as applied: built, not sent (see {@link sendHistory}). */
export function appliedWrites(knex: Knex, name: string, batch: number, checksum: string): HistoryWrite[] {
  return [
    { table: HistoryTable.migrations, action: 'insert', name, sql: knex(HistoryTable.migrations).insert({ name, batch, migration_time: knex.fn.now() }).toString() },
    { table: HistoryTable.checksums, action: 'insert', name, sql: knex(HistoryTable.checksums).insert({ name, checksum }).onConflict('name').merge({ checksum, recorded_at: knex.fn.now() }).toString() },
  ];
}

/** The rows that forget an applied migration (after its down()): built, not sent. */
export function revertedWrites(knex: Knex, name: string): HistoryWrite[] {
  return [
    { table: HistoryTable.migrations, action: 'delete', name, sql: knex(HistoryTable.migrations).where({ name }).delete().toString() },
    { table: HistoryTable.checksums, action: 'delete', name, sql: knex(HistoryTable.checksums).where({ name }).delete().toString() },
  ];
}

/**
 * Sends history rows in one message (PostgreSQL's simple query protocol runs several statements
 * in one round trip), after `prefix` when given — a step's bookkeeping costs one round trip.
 * The SQL was built by Knex with its values inlined and escaped.
 */
export async function sendHistory(knex: Knex, writes: readonly HistoryWrite[], prefix?: string): Promise<HistoryWrite[]> {
  await knex.raw([...(prefix ? [prefix] : []), ...writes.map((write) => write.sql)].join(';\n'));
  return [...writes];
}

/** Records a migration as applied, in the caller's transaction when there is one. */
export async function recordApplied(knex: Knex, name: string, batch: number, checksum: string): Promise<HistoryWrite[]> {
  return sendHistory(knex, appliedWrites(knex, name, batch, checksum));
}

/** Forgets an applied migration (after its down()). */
export async function recordReverted(knex: Knex, name: string): Promise<HistoryWrite[]> {
  return sendHistory(knex, revertedWrites(knex, name));
}

/** Records the checksum of a migration (applied now, or applied by stock Knex before). */
export async function recordChecksum(knex: Knex, name: string, checksum: string): Promise<HistoryWrite> {
  return writeHistory(knex(HistoryTable.checksums).insert({ name, checksum }).onConflict('name').merge({ checksum, recorded_at: knex.fn.now() }), HistoryTable.checksums, 'insert', name);
}

/** Accepts the edited file of an applied migration: keeps the old checksum and the time. */
export async function acceptChecksum(knex: Knex, name: string, previous: string, checksum: string): Promise<HistoryWrite> {
  return writeHistory(
    knex(HistoryTable.checksums).where({ name }).update({ checksum, accepted_from_checksum: previous, checksum_accepted_at: knex.fn.now() }),
    HistoryTable.checksums,
    'update',
    name,
  );
}

/** The batch number the next run records: one more than the highest. */
export async function nextBatch(knex: Knex): Promise<number> {
  const row = (await knex(HistoryTable.migrations).max({ batch: 'batch' }))[0] as { batch: number | null } | undefined;
  return (row?.batch ?? 0) + 1;
}

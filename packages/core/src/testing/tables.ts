/** What a test reads of a package's data: its tables, their row counts, its applied migrations, and every row. */
import type { Knex } from 'knex';
import { isExcludedTable } from '../schema/snapshot';

/** Tables of the current schema, minus the runners' own history tables, by name. */
export async function ownTables(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { name: string }[] }>(`SELECT tablename AS name FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY 1`);
  return rows.map((row) => row.name).filter((name) => !isExcludedTable(name));
}

/** Row count of each table. */
export async function rowCounts(knex: Knex, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = (await knex(table).count<{ count: string }[]>({ count: '*' }))[0];
    counts[table] = Number(row?.count);
  }
  return counts;
}

/** The tables of the current schema (see {@link ownTables}) that hold rows, with their counts: `{}` when all are empty. */
export async function tablesWithRows(knex: Knex): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await rowCounts(knex, await ownTables(knex))).filter(([, count]) => count > 0));
}

/** The names of the applied migrations, in the order they were applied (`knex_migrations`). */
export async function appliedMigrations(knex: Knex): Promise<string[]> {
  return (await knex('knex_migrations').orderBy('id').pluck('name')) as string[];
}

/**
 * Every row of each table as JSON text, in a stable order — `orderBy`, else the table's primary
 * key: equal dumps mean nothing changed.
 */
export async function dump(knex: Knex, tables: readonly string[], orderBy?: string | readonly string[]): Promise<string> {
  const parts: Record<string, unknown[]> = {};
  for (const table of tables) {
    const order = orderBy === undefined ? await primaryKey(knex, table) : typeof orderBy === 'string' ? [orderBy] : [...orderBy];
    parts[table] = await knex(table).select('*').orderBy(order);
  }
  return JSON.stringify(parts);
}

/** The primary key columns of a table of the current schema, in key order. */
async function primaryKey(knex: Knex, table: string): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { name: string }[] }>(
    `SELECT a.attname AS name
       FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = to_regclass(quote_ident(?)) AND i.indisprimary
      ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [table],
  );
  if (rows.length === 0) throw new Error(`dump: table ${table} has no primary key to order its rows by: pass orderBy`);
  return rows.map((row) => row.name);
}

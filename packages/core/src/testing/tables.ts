/** What a test reads of a package's data: its tables, their row counts, and every row. */
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

/**
 * Every row of each table as JSON text, in a stable order (`orderBy`, default `id`): equal
 * dumps mean nothing changed.
 */
export async function dump(knex: Knex, tables: readonly string[], orderBy: string | readonly string[] = 'id'): Promise<string> {
  const parts: Record<string, unknown[]> = {};
  for (const table of tables) parts[table] = await knex(table).select('*').orderBy(typeof orderBy === 'string' ? [orderBy] : [...orderBy]);
  return JSON.stringify(parts);
}

import type { Knex } from 'knex';
import { isBookkeepingTable } from '../bookkeeping';

/** Exact row count per table (`name` in `public`, else `schema.name`). */
export type RowCounts = ReadonlyMap<string, number>;

/**
 * Exact row counts of every ordinary and partitioned table outside the system schemas, except
 * the runners' bookkeeping. Partitions are counted through their parent only.
 * @see https://www.postgresql.org/docs/current/catalog-pg-class.html
 */
export async function rowCounts(knex: Knex | Knex.Transaction): Promise<RowCounts> {
  const { rows } = (await knex.raw(`
    SELECT n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
    ORDER BY n.nspname, c.relname`)) as { rows: Array<{ schema: string; name: string }> };
  const counts = new Map<string, number>();
  for (const { schema, name } of rows) {
    if (schema === 'public' && isBookkeepingTable(name)) continue;
    const row = (await knex.withSchema(schema).from(name).count({ n: '*' }))[0] as { n: string | number };
    counts.set(schema === 'public' ? name : `${schema}.${name}`, Number(row.n));
  }
  return counts;
}

/** Tables whose count differs, with both counts, by name. */
export function countChanges(before: RowCounts, after: RowCounts): Array<{ table: string; before: number; after: number }> {
  const tables = [...new Set([...before.keys(), ...after.keys()])].sort();
  return tables
    .map((table) => ({ table, before: before.get(table) ?? 0, after: after.get(table) ?? 0 }))
    .filter((change) => change.before !== change.after);
}

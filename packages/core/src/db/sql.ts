/**
 * One way to send a query, whatever holds the connection: a Knex instance or transaction, or a
 * bare pg client. Read-only paths (`migrate status`) use a pg client and never load Knex, which
 * is most of what a short command's start-up would otherwise cost.
 */
import type { Knex } from 'knex';

/** Something that can run SQL: Knex (an instance or a transaction) or a pg client. */
export type Queryable = Knex | { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * Runs `text` (with `$1`…`$n` placeholders) on `db` and returns its rows.
 * @example const rows = await queryRows<{ found: boolean }>(knexOrClient, 'SELECT to_regclass($1) IS NOT NULL AS found', ['users'])
 */
export async function queryRows<T>(db: Queryable, text: string, values: readonly unknown[] = []): Promise<T[]> {
  if ('raw' in db) {
    // Knex binds `?` in order; the placeholders here are numbered in order too.
    const result = (await db.raw(text.replace(/\$\d+/g, '?'), values as Knex.RawBinding[])) as { rows: T[] };
    return result.rows;
  }
  return (await db.query(text, [...values])).rows as T[];
}

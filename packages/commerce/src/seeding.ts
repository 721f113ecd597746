/**
 * Writers the seeds share on top of core's ensureRow/upsertRow.
 */
import type { Knex } from 'knex';
import { ensureRow, StrataError } from '@strata/core';
import { stableId } from './ids';

/**
 * Reference rows this package owns (roles, VAT rates): INSERT … ON CONFLICT DO UPDATE, like
 * core's upsertRow — the seeded values win — but only when a value differs. Core's upsertRow
 * updates the row on every run, which fires the updated_at trigger, so a rerun that changes
 * nothing still rewrites every reference row (reported to core; see the README).
 * @example await upsertOwned(knex, 'vat_rates', ['country_code', 'category', 'valid_from'], { id, …, rate: '19.00' })
 */
export async function upsertOwned(knex: Knex, table: string, conflict: readonly string[], row: Readonly<Record<string, unknown>>): Promise<string> {
  const merge = Object.keys(row).filter((column) => column !== 'id' && !conflict.includes(column));
  const changed = knex.raw(`(${merge.map(() => '??.??').join(', ')}) IS DISTINCT FROM (${merge.map(() => 'excluded.??').join(', ')})`, [
    ...merge.flatMap((column) => [table, column]),
    ...merge,
  ]);
  await knex(table).insert(row).onConflict([...conflict]).merge(merge).where(changed);
  const key = Object.fromEntries(conflict.map((column) => [column, row[column]]));
  const found = (await knex(table).where(key).first('id')) as { id: string } | undefined;
  if (!found) throw new StrataError(`seed could not write ${table} row ${JSON.stringify(key)}: another row holds its seeded id; remove that row, then seed again`);
  return found.id;
}

/**
 * A demo row without a natural key of its own (an order line, a history entry): its stable id is
 * derived from its parent's key and its position, and it is inserted once.
 * @example await ensureChild(knex, 'order_items', 'ORD-DEMO-0001:1', { order_id, … })
 */
export async function ensureChild(knex: Knex, table: string, key: string, row: Readonly<Record<string, unknown>>): Promise<string> {
  const id = stableId(table, key);
  return ensureRow(knex, table, { id }, { id, ...row });
}

/** The id of a row found by a unique key, or a clear error naming the seed that must run first. */
export async function requireId(knex: Knex, table: string, key: Readonly<Record<string, string>>, seededBy: string): Promise<string> {
  const row = (await knex(table).where(key).first('id')) as { id: string } | undefined;
  if (!row) throw new StrataError(`${table} ${JSON.stringify(key)} is missing: it is written by seed ${seededBy}; run the seeds in order (strata seed run --profile demo runs them all)`);
  return row.id;
}

/**
 * Idempotent writers for seeds: a row is found by its natural key, never inserted twice, and
 * the caller gets back the id of whichever row holds the key.
 */
import type { Knex } from 'knex';
import { StrataError } from '../errors';

/** A natural key: the columns and values that identify a row, e.g. `{ code: 'starter' }`. */
export type NaturalKey = Readonly<Record<string, string | number | boolean>>;

/**
 * Inserts `row` unless a row with one of its unique keys exists (ON CONFLICT DO NOTHING), then
 * returns the id of the row holding `key` — the seeded one or the one already there, which is
 * left exactly as it is (a user's edits of reference data survive a rerun).
 * @example const id = await ensureRow(knex, 'accounts', { account_number: 'ACC-10001' }, { id: ids.id('accounts', 'ACC-10001'), … })
 */
export async function ensureRow(knex: Knex, table: string, key: NaturalKey, row: Readonly<Record<string, unknown>>): Promise<string> {
  await knex(table).insert(row).onConflict().ignore();
  return idOf(knex, table, key);
}

/**
 * Inserts `row`, or updates the row holding the same `conflict` columns to match it
 * (INSERT … ON CONFLICT (…) DO UPDATE): for reference data the package owns, whose seeded
 * values must win (a corrected VAT rate reaches every database on the next seed run).
 * `merge` limits which columns are updated (default: every column of `row` but the key and id).
 * @see https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT
 * @example await upsertRow(knex, 'vat_rates', ['country', 'category'], { id, country: 'DE', category: 'standard', rate: '19.00' })
 */
export async function upsertRow(
  knex: Knex,
  table: string,
  conflict: readonly string[],
  row: Readonly<Record<string, unknown>>,
  options: { merge?: readonly string[]; where?: string } = {},
): Promise<string> {
  const merge = options.merge ?? Object.keys(row).filter((column) => column !== 'id' && !conflict.includes(column));
  const insert = knex(table).insert(row);
  // A partial unique index (… WHERE deleted_at IS NULL) is an ON CONFLICT target only with its predicate.
  const target = options.where ? insert.onConflict(knex.raw(`(${conflict.map((c) => knex.raw('??', [c]).toQuery()).join(', ')}) WHERE ${options.where}`)) : insert.onConflict([...conflict]);
  if (merge.length === 0) {
    await target.ignore();
  } else {
    // Update only a row whose values differ: an unchanged row is not touched, so a rerun
    // changes nothing (not even updated_at through its trigger).
    const ours = merge.map((c) => knex.raw('??', [`${table}.${c}`]).toQuery()).join(', ');
    const theirs = merge.map((c) => knex.raw('??', [`excluded.${c}`]).toQuery()).join(', ');
    await target.merge([...merge]).whereRaw(`(${ours}) IS DISTINCT FROM (${theirs})`);
  }
  const key = Object.fromEntries(conflict.map((column) => [column, row[column]])) as NaturalKey;
  return idOf(knex, table, key, options.where);
}

async function idOf(knex: Knex, table: string, key: NaturalKey, where?: string): Promise<string> {
  const query = knex(table).where(key).first('id');
  if (where) query.whereRaw(where);
  const found = (await query) as { id: string } | undefined;
  if (!found) {
    throw new StrataError(
      `seed could not write ${table} row ${JSON.stringify(key)}: another row holds one of its unique keys or its seeded id (a soft-deleted copy?): rename or remove that row, then seed again`,
    );
  }
  return found.id;
}

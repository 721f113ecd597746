/**
 * What the seeds share beyond core's ensureRow/upsertRow: rows of FreeRADIUS's tables (integer
 * ids and, for attribute rows, no natural unique key) and look-ups of reference rows by code.
 */
import type { Knex } from 'knex';
import { StrataError, type NaturalKey } from '@strata/core';

/**
 * Inserts `row` into a FreeRADIUS attribute table (radcheck, radreply, radgroupcheck,
 * radgroupreply) unless a row with the same owner and attribute exists — then that row is left
 * as it is (an operator's changed rate limit survives a rerun). Those tables have integer ids
 * and no unique key (FreeRADIUS allows repeated attributes), so core's ensureRow cannot be used.
 * @example await ensureAttribute(knex, 'radgroupreply', { groupname: 'plan-fiber-100', attribute: 'Session-Timeout' }, { op: ':=', value: '3600' });
 */
export async function ensureAttribute(knex: Knex, table: string, key: NaturalKey & { attribute: string }, rest: Readonly<Record<string, unknown>>): Promise<void> {
  const existing = await knex(table).where(key).first('id');
  if (!existing) await knex(table).insert({ ...key, ...rest });
}

/**
 * Deletes the attribute rows a seed wrote: owner, attribute, operator and value all as seeded
 * (a row an operator changed is theirs now and stays).
 */
export async function deleteAttributes(knex: Knex, table: string, rows: readonly Readonly<Record<string, string>>[]): Promise<void> {
  for (const row of rows) await knex(table).where(row).delete();
}

/**
 * The id of the row of `table` holding `key`, or a clear error naming the seed to run first.
 * @example const planId = await idOf(knex, 'service_plans', { code: 'fiber_100' }, 'the reference seeds');
 */
export async function idOf(knex: Knex, table: string, key: NaturalKey, from: string): Promise<string> {
  const row = (await knex(table).where(key).first('id')) as { id: string } | undefined;
  if (!row) throw new StrataError(`${table} has no row ${JSON.stringify(key)}: ${from} write it; run them first (strata seed run --profile demo runs every seed in order)`);
  return String(row.id);
}

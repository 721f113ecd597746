/** Lookups the seeds share. */
import type { Knex } from 'knex';
import { StrataError } from '@strata/core';

/**
 * The id of the row of `table` holding `key`, or a StrataError saying which seed provides it.
 * @example await requireId(knex, 'tests', { code: 'HEM-CBC' }, 'the reference seed 001_test_catalogue')
 */
export async function requireId(knex: Knex, table: string, key: Readonly<Record<string, string>>, providedBy: string): Promise<string> {
  const row = (await knex(table).where(key).first('id')) as { id: string } | undefined;
  if (!row) throw new StrataError(`${table} has no row ${JSON.stringify(key)}: it comes from ${providedBy}; run strata seed run --profile demo (it runs the reference seeds first)`);
  return row.id;
}

/** What the seeds share: looking up the rows earlier seeds wrote, and the current UTC time. */
import type { Knex } from 'knex';
import { StrataError, type NaturalKey } from '@strata/core';

/**
 * The id of the row holding `key`, which an earlier seed wrote (or a user created with the same
 * natural key): seeds build on each other in file order.
 * @throws StrataError naming the row and the way out when it is missing.
 * @example await idOf(knex, 'organizations', { slug: 'acme-studio' }, 'demo templates')
 */
export async function idOf(knex: Knex, table: string, key: NaturalKey, neededBy: string): Promise<string> {
  const row = (await knex(table).where(key).first('id')) as { id: string } | undefined;
  if (!row) {
    throw new StrataError(`${neededBy} need ${table} ${JSON.stringify(key)}: run the seeds in order (strata seed run --profile demo runs them all)`);
  }
  return row.id;
}

/**
 * Now as naive UTC, for the `timestamp` (without time zone) columns this schema has: the value the
 * application writes (`datetime.utcnow()`), whatever the session's TimeZone.
 */
export function utcNow(knex: Knex): Knex.Raw {
  return knex.raw(`timezone('UTC', now())`);
}

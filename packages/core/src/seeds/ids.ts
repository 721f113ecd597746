import type { Knex } from 'knex';
import { v5 as uuidv5, validate as isUuid } from 'uuid';
import { ConfigError } from '../errors';

/** Stable ids of one package's seeded rows. */
export interface SeedIds {
  /**
   * The id a seed gives a row: a UUID v5 of the table and the row's natural key, so every run,
   * on every database, writes the same id and `deleteSeeded` finds exactly the seed's own rows.
   * @example ids.id('users', 'admin@balatrix.com') // always the same uuid
   */
  id(table: string, naturalKey: string): string;
  /**
   * Deletes the rows of `table` whose ids are those of these natural keys: what the seed wrote,
   * and nothing a user added beside it. Returns how many rows went.
   * @example await ids.deleteSeeded(knex, 'users', ['admin@balatrix.com'])
   */
  deleteSeeded(knex: Knex, table: string, naturalKeys: readonly string[]): Promise<number>;
}

/**
 * The seeded-id helpers of a package. `namespace` is a UUID chosen once per package and fixed
 * forever: changing it gives every seeded row a new id, so a rerun would insert duplicates
 * instead of finding its rows (`strata new` writes a random one).
 * @example export const { id: stableId, deleteSeeded } = seedIds('6f1d3c2a-8b4e-5a7f-9c0d-2e3b4a5c6d7e');
 */
export function seedIds(namespace: string): SeedIds {
  if (!isUuid(namespace)) throw new ConfigError(`seed id namespace '${namespace}' is not a UUID: pick one once (e.g. node -e "console.log(crypto.randomUUID())") and never change it`);
  const id = (table: string, naturalKey: string): string => uuidv5(`${table}:${naturalKey}`, namespace);
  return {
    id,
    deleteSeeded: (knex, table, naturalKeys) => knex(table).whereIn('id', naturalKeys.map((key) => id(table, key))).delete(),
  };
}

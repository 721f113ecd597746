import { v5 as uuidv5 } from 'uuid';

/**
 * Namespace of this package's seeded ids. Fixed forever: changing it would give every
 * seeded row a new id, and a re-run would insert duplicates instead of finding its rows.
 */
export const SEED_NAMESPACE = '6f1d3c2a-8b4e-5a7f-9c0d-2e3b4a5c6d7e';

/**
 * The id a seed gives a row: a UUID v5 of the table and the row's natural key, so every
 * run, on every database, writes the same id and `undo` can find exactly its own rows.
 * @example stableId('users', 'admin@balatrix.com') // always the same uuid
 */
export function stableId(table: string, naturalKey: string): string {
  return uuidv5(`${table}:${naturalKey}`, SEED_NAMESPACE);
}

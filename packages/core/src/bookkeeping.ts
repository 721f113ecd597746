/**
 * The tables Knex and Strata keep for themselves — one list, read by the runners, snapshots,
 * the schema lint, `check`, `demo` and the tests, so none of them mistakes history for schema.
 */
export const BookkeepingTable = {
  /** Knex's applied migrations (kept in Knex's layout, so stock `knex migrate:status` agrees). */
  migrations: 'knex_migrations',
  /** Knex's lock row (Strata locks with an advisory lock instead, but keeps the table for Knex). */
  lock: 'knex_migrations_lock',
  /** Strata's checksums of applied migrations. */
  checksums: 'strata_migrations',
  /** Strata's applied seeds: name, checksum, profile, when, tables written. */
  seeds: 'strata_seeds',
} as const;
export type BookkeepingTable = (typeof BookkeepingTable)[keyof typeof BookkeepingTable];

/**
 * Names reserved for bookkeeping (`*` wildcard): Knex's tables, and every `strata_` table —
 * Strata reserves the prefix for itself (history, seeds, locks of future versions).
 */
export const BOOKKEEPING_PATTERNS: readonly string[] = ['knex_migrations*', 'strata_*'];

/** True for a name reserved for bookkeeping (in any schema). */
export function isBookkeepingTable(name: string): boolean {
  return name.startsWith('knex_migrations') || name.startsWith('strata_');
}

/**
 * UUIDv7 primary key defaults, the same on PostgreSQL 14–18.
 *
 * PostgreSQL 18 has a built-in `uuidv7()`, older majors do not. Strata always creates and uses
 * its own `strata_uuidv7()` so that the schema (column defaults, functions) is identical on every
 * major — a schema snapshot taken on 14 equals one taken on 18.
 * It overlays the 48-bit Unix time in milliseconds on a random `gen_random_uuid()` (built in since
 * PostgreSQL 13) and sets the version nibble to 7 (RFC 9562). Values are time-ordered to the
 * millisecond; within one millisecond their order is random.
 * https://www.postgresql.org/docs/current/functions-uuid.html
 */
import type { Knex } from 'knex';
import { quoteIdentifier } from '../naming/identifier';
import { runSql } from '../naming/run-sql';

/** Name of the UUIDv7 function every UUID primary key defaults to. */
export const UUID_V7_FUNCTION = 'strata_uuidv7';

/** SQL that creates (or replaces) `strata_uuidv7()`; idempotent. */
export function createUuidV7FunctionSql(): string {
  return [
    `CREATE OR REPLACE FUNCTION ${quoteIdentifier(UUID_V7_FUNCTION)}() RETURNS uuid`,
    'LANGUAGE sql VOLATILE PARALLEL SAFE',
    'AS $strata$',
    "  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid",
    '$strata$',
  ].join('\n');
}

/** SQL that drops `strata_uuidv7()` if it exists (fails while a column default still uses it). */
export function dropUuidV7FunctionSql(): string {
  return `DROP FUNCTION IF EXISTS ${quoteIdentifier(UUID_V7_FUNCTION)}()`;
}

/**
 * Creates `strata_uuidv7()`; call it in a package's first migration, before any
 * {@link uuidPrimaryKey}. Safe to run again.
 * @example export async function up(knex: Knex) { await createUuidV7Function(knex); … }
 */
export async function createUuidV7Function(knex: Knex): Promise<void> {
  await runSql(knex, createUuidV7FunctionSql());
}

/**
 * Drops `strata_uuidv7()`; call it in the first migration's `down`, after dropping the tables.
 * @example export async function down(knex: Knex) { …; await dropUuidV7Function(knex); }
 */
export async function dropUuidV7Function(knex: Knex): Promise<void> {
  await runSql(knex, dropUuidV7FunctionSql());
}

/**
 * Keeps `updated_at` current with a BEFORE UPDATE trigger sharing one trigger function.
 * `CREATE OR REPLACE TRIGGER` exists from PostgreSQL 14, the oldest supported major.
 * https://www.postgresql.org/docs/current/sql-createtrigger.html
 * https://www.postgresql.org/docs/current/plpgsql-trigger.html
 */
import type { Knex } from 'knex';
import { quoteIdentifier, quoteQualified } from '../naming/identifier';
import { triggerName } from '../naming/names';
import { runSql } from '../naming/run-sql';

/** Name of the shared trigger function that sets `updated_at := now()`. */
export const UPDATED_AT_FUNCTION = 'strata_set_updated_at';

/** SQL that creates (or replaces) the shared trigger function; idempotent. */
export function createUpdatedAtFunctionSql(): string {
  return [
    `CREATE OR REPLACE FUNCTION ${quoteIdentifier(UPDATED_AT_FUNCTION)}() RETURNS trigger`,
    'LANGUAGE plpgsql',
    'AS $strata$',
    'BEGIN',
    '  NEW.updated_at := now();',
    '  RETURN NEW;',
    'END',
    '$strata$',
  ].join('\n');
}

/** SQL that drops the shared trigger function if it exists (fails while a trigger still uses it). */
export function dropUpdatedAtFunctionSql(): string {
  return `DROP FUNCTION IF EXISTS ${quoteIdentifier(UPDATED_AT_FUNCTION)}()`;
}

/** SQL that creates (or replaces) the `trg_<table>_updated_at` trigger; idempotent. */
export function addUpdatedAtTriggerSql(table: string): string {
  return `CREATE OR REPLACE TRIGGER ${quoteIdentifier(triggerName(table, 'updated_at'))} BEFORE UPDATE ON ${quoteQualified(table)} FOR EACH ROW EXECUTE FUNCTION ${quoteIdentifier(UPDATED_AT_FUNCTION)}()`;
}

/** SQL that drops the `trg_<table>_updated_at` trigger if it exists. */
export function dropUpdatedAtTriggerSql(table: string): string {
  return `DROP TRIGGER IF EXISTS ${quoteIdentifier(triggerName(table, 'updated_at'))} ON ${quoteQualified(table)}`;
}

/**
 * Creates the shared `strata_set_updated_at()` trigger function (once per database, in the first migration).
 * @example await createUpdatedAtFunction(knex);
 */
export async function createUpdatedAtFunction(knex: Knex): Promise<void> {
  await runSql(knex, createUpdatedAtFunctionSql());
}

/**
 * Drops the shared trigger function (in the first migration's `down`, after the tables).
 * @example await dropUpdatedAtFunction(knex);
 */
export async function dropUpdatedAtFunction(knex: Knex): Promise<void> {
  await runSql(knex, dropUpdatedAtFunctionSql());
}

/**
 * Adds the trigger that sets `updated_at` on every UPDATE of `table` (after {@link timestamps}).
 * @example await knex.schema.createTable('orders', (t) => { …; timestamps(t, knex); });
 *          await addUpdatedAtTrigger(knex, 'orders');
 */
export async function addUpdatedAtTrigger(knex: Knex, table: string): Promise<void> {
  await runSql(knex, addUpdatedAtTriggerSql(table));
}

/**
 * Drops the `updated_at` trigger of `table` (dropping the table drops it too).
 * @example await dropUpdatedAtTrigger(knex, 'orders');
 */
export async function dropUpdatedAtTrigger(knex: Knex, table: string): Promise<void> {
  await runSql(knex, dropUpdatedAtTriggerSql(table));
}

/** SQL helpers shared by the migrations: statements run as written, extensions, trigger functions. */
import type { Knex } from 'knex';
import { quoteIdentifier } from '@strata/core';

/**
 * Runs SQL exactly as written. knex.raw reads `?` as a binding placeholder (and `??` as an
 * identifier one), so question marks in regular expressions or PL/pgSQL are escaped first.
 * @example await execute(knex, `ALTER TABLE t ADD CONSTRAINT ck_t_v CHECK (v ~ '^a?$')`);
 */
export async function execute(knex: Knex, sql: string): Promise<void> {
  await knex.raw(sql.replace(/\?/g, '\\?'));
}

/**
 * `CREATE EXTENSION IF NOT EXISTS`: the extensions this schema uses (citext, btree_gist) ship
 * with PostgreSQL's contrib modules, present on every supported server.
 * https://www.postgresql.org/docs/current/sql-createextension.html
 */
export async function createExtension(knex: Knex, name: string): Promise<void> {
  await knex.raw(`CREATE EXTENSION IF NOT EXISTS ${quoteIdentifier(name)}`);
}

/**
 * `DROP EXTENSION IF EXISTS` (never CASCADE: it fails while a column or constraint still uses the
 * extension, instead of silently dropping it). Called by the down() of the step that created it.
 */
export async function dropExtension(knex: Knex, name: string): Promise<void> {
  await knex.raw(`DROP EXTENSION IF EXISTS ${quoteIdentifier(name)}`);
}

/** Drops a function this package created (its triggers must be gone first). */
export async function dropFunction(knex: Knex, signature: string): Promise<void> {
  await knex.raw(`DROP FUNCTION IF EXISTS ${signature}`);
}

/** Formats of values the schema checks, as PostgreSQL regular expressions. */
export const Pattern = {
  /** E.164 telephone number: +, country code, up to 15 digits in all. */
  e164: String.raw`^\+[1-9][0-9]{6,14}$`,
  /** ISO 4217 currency code. */
  currency: '^[A-Z]{3}$',
  /** ISO 3166-1 alpha-2 country code. */
  country: '^[A-Z]{2}$',
  /** A plausible email address (one @, no spaces); deliverability is the mail system's job. */
  email: String.raw`^[^@\s]+@[^@\s]+\.[^@\s]+$`,
  /** A stable machine code: lower-case words joined by `_`. */
  code: '^[a-z][a-z0-9_]*$',
} as const;

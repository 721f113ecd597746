/**
 * Column conventions of this schema on top of core's helpers, shared by the migrations.
 */
import type { Knex } from 'knex';
import { CurrencyCode } from './enums';
import { DEFAULT_CURRENCY } from './tables';

/** Minor-unit digits of every currency in `currency_code` (all have cents). */
export const MINOR_UNIT_DIGITS = 2;

/**
 * `currency currency_code NOT NULL DEFAULT 'EUR'`: the currency of the money columns beside it.
 * @example currency(t) // in orders, payments, invoices…
 */
export function currency(t: Knex.TableBuilder, column = 'currency'): Knex.ColumnBuilder {
  return CurrencyCode.column(t, column).notNullable().defaultTo(DEFAULT_CURRENCY);
}

/**
 * CHECK expression: the amounts are whole minor units (cents). Money is numeric(19,4) (core's
 * `money()`), but what is charged, paid or invoiced is always a whole number of cents, so the
 * conversion to Stripe's integer minor units is exact.
 * @example t.check(wholeCents(['amount']), {}, ckName('payments', 'amounts_whole_cents'))
 *   // amount = round(amount, 2)
 */
export function wholeCents(columns: readonly string[]): string {
  return columns.map((column) => `${column} = round(${column}, ${MINOR_UNIT_DIGITS})`).join(' AND ');
}

/** CHECK expression: none of the columns is negative. */
export function notNegative(columns: readonly string[]): string {
  return columns.map((column) => `${column} >= 0`).join(' AND ');
}

/** `'{}'::jsonb`, the default of free-form document columns. */
export function emptyObject(knex: Knex): Knex.Raw {
  return knex.raw(`'{}'::jsonb`);
}

/** `'[]'::jsonb`. */
export function emptyArray(knex: Knex): Knex.Raw {
  return knex.raw(`'[]'::jsonb`);
}

/** CHECK expression for a URL-safe slug: lower-case words joined by single dashes. */
export function slugFormat(column: string): string {
  return `${column} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`;
}

/** CHECK expression for an e-mail address stored in its normalised (lower-case) form. */
export function lowerCaseEmail(column: string): string {
  return `${column} = lower(${column}) AND ${column} LIKE '%_@_%'`;
}

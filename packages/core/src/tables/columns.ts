/**
 * Column helpers used by every package's createTable/alterTable callbacks.
 * Knex's table builder does not expose its table name reliably, so helpers that build a
 * constraint name take the table explicitly.
 */
import type { Knex } from 'knex';
import { pkName, uqName } from '../naming/names';
import { UUID_V7_FUNCTION } from './uuid-v7';

/** Column names the helpers create. */
export const TimestampColumn = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  deletedAt: 'deleted_at',
} as const;
export type TimestampColumn = (typeof TimestampColumn)[keyof typeof TimestampColumn];

/**
 * Money is `numeric(19,4)`: exact decimal arithmetic in SQL (sums never drift like floats),
 * four decimals for sub-cent tariffs (per-minute and per-MB rates), and no per-currency
 * minor-unit exponent to carry around (JPY has 0 decimals, KWD 3). node-pg returns numeric
 * as a string, so no precision is lost in JavaScript either.
 */
export const MONEY_PRECISION = 19;
export const MONEY_SCALE = 4;

/**
 * `id uuid NOT NULL DEFAULT strata_uuidv7()` with constraint `pk_<table>`.
 * Needs {@link createUuidV7Function} to have run (in an earlier or the same migration).
 * @example knex.schema.createTable('orders', (t) => { uuidPrimaryKey(t, 'orders', knex); })
 */
export function uuidPrimaryKey(t: Knex.TableBuilder, table: string, knex: Knex, column = 'id'): Knex.ColumnBuilder {
  const builder = t.uuid(column).notNullable().defaultTo(knex.raw(`${UUID_V7_FUNCTION}()`));
  t.primary([column], { constraintName: pkName(table) });
  return builder;
}

/**
 * `created_at` and `updated_at`, both `timestamptz NOT NULL DEFAULT now()`.
 * Add {@link addUpdatedAtTrigger} so `updated_at` follows every UPDATE.
 * @example knex.schema.createTable('orders', (t) => { …; timestamps(t, knex); })
 */
export function timestamps(t: Knex.TableBuilder, knex: Knex): void {
  t.timestamp(TimestampColumn.createdAt, { useTz: true }).notNullable().defaultTo(knex.raw('now()'));
  t.timestamp(TimestampColumn.updatedAt, { useTz: true }).notNullable().defaultTo(knex.raw('now()'));
}

/**
 * `deleted_at timestamptz NULL`: a row is soft-deleted when it is set.
 * @example knex.schema.createTable('products', (t) => { …; softDelete(t); })
 */
export function softDelete(t: Knex.TableBuilder): Knex.ColumnBuilder {
  return t.timestamp(TimestampColumn.deletedAt, { useTz: true }).nullable();
}

/**
 * Unique index `uq_<table>_<cols>` over live rows only (`WHERE deleted_at IS NULL`), so a
 * soft-deleted row does not block reusing its natural key.
 * https://www.postgresql.org/docs/current/indexes-partial.html
 * @example uniqueWhereNotDeleted(t, 'products', ['slug'], knex)
 *   // create unique index "uq_products_slug" on "products" ("slug") where "deleted_at" is null
 */
export function uniqueWhereNotDeleted(t: Knex.TableBuilder, table: string, columns: readonly string[], knex: Knex, options: { where?: string; name?: string } = {}): void {
  const predicate = knex.whereNull(TimestampColumn.deletedAt);
  if (options.where) predicate.whereRaw(options.where);
  t.unique([...columns], { indexName: options.name ?? uqName(table, columns), predicate });
}

/**
 * A money column: `numeric(19,4)` (see {@link MONEY_SCALE} for why). Chain `.notNullable()` etc.
 * @example money(t, 'amount').notNullable()
 */
export function money(t: Knex.TableBuilder, column: string): Knex.ColumnBuilder {
  return t.decimal(column, MONEY_PRECISION, MONEY_SCALE);
}

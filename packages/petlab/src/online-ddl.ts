/**
 * The ALTERs of petlab's live tables (P0), on core's online-DDL kit, under the seed's names
 * (`fk_{table}_{column}`, `ck_{table}_{name}`, `ix_{table}_{columns}`): constraints are added
 * `NOT VALID` inside the migration's transaction (after {@link limitLockWait}) and validated by a
 * later migration; bookings' indexes are built `CONCURRENTLY` in a `transaction: false` migration.
 * See `@strata/core`'s tables/online-ddl for why each statement is done that way.
 */
import type { Knex } from 'knex';
import {
  addConstraintNotValid,
  buildIndexConcurrently,
  ckName,
  dropIndexConcurrently as dropIndexNamed,
  fkName,
  ixName,
  OnDelete,
  parseReference,
  quoteIdentifier,
  type OnDelete as OnDeleteChoice,
} from '@strata/core';

export { LOCK_TIMEOUT, limitLockWait, unvalidateConstraint, validateConstraint } from '@strata/core';

/**
 * `ALTER TABLE … ADD CONSTRAINT fk_<table>_<column> FOREIGN KEY … NOT VALID`: new and updated rows
 * are checked at once; existing rows wait for `validateConstraint` in a later migration.
 * The index on the column is built separately, CONCURRENTLY ({@link createIndexConcurrently}).
 * @example await addForeignKeyNotValid(knex, 'bookings', 'pet_id', { references: 'pets', onDelete: 'restrict' })
 */
export async function addForeignKeyNotValid(knex: Knex, table: string, column: string, options: { references: string; onDelete: OnDeleteChoice }): Promise<void> {
  const target = parseReference(options.references);
  const definition = `FOREIGN KEY (${quoteIdentifier(column)}) REFERENCES ${quoteIdentifier(target.table)} (${quoteIdentifier(target.column)}) ON DELETE ${OnDelete[options.onDelete]}`;
  await addConstraintNotValid(knex, table, fkName(table, column), definition);
}

/**
 * `ALTER TABLE … ADD CONSTRAINT ck_<table>_<name> CHECK (…) NOT VALID`.
 * @example await addCheckNotValid(knex, 'users', 'login_attempts_not_negative', 'login_attempts >= 0')
 */
export async function addCheckNotValid(knex: Knex, table: string, name: string, expression: string): Promise<void> {
  await addConstraintNotValid(knex, table, ckName(table, name), `CHECK (${expression})`);
}

/**
 * `CREATE INDEX CONCURRENTLY ix_<table>_<columns>` — only in a migration with
 * `config = { transaction: false }`; an INVALID leftover of a failed build is rebuilt.
 */
export async function createIndexConcurrently(knex: Knex, table: string, columns: readonly string[]): Promise<string> {
  const name = ixName(table, columns);
  await buildIndexConcurrently(knex, { name, table, columns });
  return name;
}

/** `DROP INDEX CONCURRENTLY IF EXISTS ix_<table>_<columns>`, for the `down()` of {@link createIndexConcurrently}. */
export async function dropIndexConcurrently(knex: Knex, table: string, columns: readonly string[]): Promise<void> {
  await dropIndexNamed(knex, ixName(table, columns));
}

/**
 * DDL for tables that already hold data and take writes, done the way production needs it:
 * every statement either changes only the catalog (brief ACCESS EXCLUSIVE lock, no scan) or
 * scans without blocking writes (VALIDATE CONSTRAINT, CREATE INDEX CONCURRENTLY).
 *
 * - Constraints are added `NOT VALID` (new rows are checked at once, existing rows are not scanned)
 *   and validated by a later migration, under SHARE UPDATE EXCLUSIVE, which lets INSERT/UPDATE/DELETE run.
 *   https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-VALIDATE-CONSTRAINT
 * - Indexes are built `CONCURRENTLY` in a migration exporting `config = { transaction: false }`.
 *   https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY
 * - `lock_timeout` bounds how long an ALTER may queue for its lock: an ALTER waiting behind a long
 *   transaction would otherwise make every later writer queue behind it.
 *   https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-LOCK-TIMEOUT
 */
import type { Knex } from 'knex';
import { ckName, fkName, ixName, OnDelete, parseReference, quoteIdentifier, type OnDelete as OnDeleteChoice } from '@strata/core';

/**
 * How long an ALTER of a live table waits for its lock before giving up. When it gives up the
 * migration's transaction rolls back with nothing applied (SQLSTATE 55P03): run `migrate latest` again.
 */
export const LOCK_TIMEOUT = '5s';

/**
 * `SET LOCAL lock_timeout`: only for this migration's transaction (the runner's pooled
 * connection keeps its own settings afterwards).
 */
export async function limitLockWait(knex: Knex): Promise<void> {
  await knex.raw(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
}

/**
 * `ALTER TABLE … ADD CONSTRAINT fk_<table>_<column> FOREIGN KEY … NOT VALID`: new and updated rows
 * are checked at once; existing rows wait for {@link validateConstraint} in a later migration.
 * The index on the column is built separately, CONCURRENTLY ({@link createIndexConcurrently}).
 * @example await addForeignKeyNotValid(knex, 'bookings', 'pet_id', { references: 'pets', onDelete: 'restrict' })
 */
export async function addForeignKeyNotValid(knex: Knex, table: string, column: string, options: { references: string; onDelete: OnDeleteChoice }): Promise<void> {
  const target = parseReference(options.references);
  await knex.raw(
    `ALTER TABLE ${quoteIdentifier(table)} ADD CONSTRAINT ${quoteIdentifier(fkName(table, column))} FOREIGN KEY (${quoteIdentifier(column)}) REFERENCES ${quoteIdentifier(target.table)} (${quoteIdentifier(target.column)}) ON DELETE ${OnDelete[options.onDelete]} NOT VALID`,
  );
}

/**
 * `ALTER TABLE … ADD CONSTRAINT ck_<table>_<name> CHECK (…) NOT VALID`.
 * @example await addCheckNotValid(knex, 'users', 'login_attempts_not_negative', 'login_attempts >= 0')
 */
export async function addCheckNotValid(knex: Knex, table: string, name: string, expression: string): Promise<void> {
  await knex.raw(`ALTER TABLE ${quoteIdentifier(table)} ADD CONSTRAINT ${quoteIdentifier(ckName(table, name))} CHECK (${expression}) NOT VALID`);
}

/**
 * `ALTER TABLE … VALIDATE CONSTRAINT`: scans the rows under SHARE UPDATE EXCLUSIVE (writes go on).
 * A no-op for a constraint that is already valid.
 */
export async function validateConstraint(knex: Knex, table: string, constraint: string): Promise<void> {
  await knex.raw(`ALTER TABLE ${quoteIdentifier(table)} VALIDATE CONSTRAINT ${quoteIdentifier(constraint)}`);
}

/**
 * Undoes a validation, for a `down()`: PostgreSQL cannot mark a constraint NOT VALID again, so the
 * constraint is dropped and re-added NOT VALID in one ALTER TABLE (catalog only, no scan).
 */
export async function unvalidateConstraint(knex: Knex, table: string, constraint: string): Promise<void> {
  const { rows } = await knex.raw<{ rows: { definition: string }[] }>(
    `SELECT pg_catalog.pg_get_constraintdef(c.oid) AS definition FROM pg_catalog.pg_constraint c
      WHERE c.conrelid = to_regclass(?) AND c.conname = ?`,
    [quoteIdentifier(table), constraint],
  );
  const definition = rows[0]?.definition;
  if (!definition) throw new Error(`constraint ${constraint} on ${table} does not exist`);
  if (definition.endsWith(' NOT VALID')) return;
  await knex.raw(
    `ALTER TABLE ${quoteIdentifier(table)} DROP CONSTRAINT ${quoteIdentifier(constraint)}, ADD CONSTRAINT ${quoteIdentifier(constraint)} ${definition} NOT VALID`,
  );
}

/**
 * `CREATE INDEX CONCURRENTLY ix_<table>_<columns>` — only in a migration with
 * `config = { transaction: false }`. A build that failed earlier leaves an INVALID index of the
 * same name behind (and `IF NOT EXISTS` would keep it); it is dropped CONCURRENTLY first, so the
 * migration can simply be run again.
 */
export async function createIndexConcurrently(knex: Knex, table: string, columns: readonly string[]): Promise<string> {
  const name = ixName(table, columns);
  const { rows } = await knex.raw<{ rows: { valid: boolean }[] }>(
    `SELECT i.indisvalid AS valid FROM pg_catalog.pg_index i WHERE i.indexrelid = to_regclass(?)`,
    [quoteIdentifier(name)],
  );
  if (rows[0] && !rows[0].valid) await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdentifier(name)}`);
  await knex.raw(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdentifier(name)} ON ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')})`);
  return name;
}

/** `DROP INDEX CONCURRENTLY IF EXISTS ix_<table>_<columns>`, for the `down()` of {@link createIndexConcurrently}. */
export async function dropIndexConcurrently(knex: Knex, table: string, columns: readonly string[]): Promise<void> {
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdentifier(ixName(table, columns))}`);
}

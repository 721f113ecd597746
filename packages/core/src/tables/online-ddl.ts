/**
 * Changing tables that already hold data and take writes, the way production needs it: every
 * statement either changes only the catalog (a brief ACCESS EXCLUSIVE lock, no scan) or scans
 * without blocking writes.
 *
 * - Indexes are built `CREATE INDEX CONCURRENTLY` (writes go on during the build), in a migration
 *   that exports `config = { transaction: false }`; a unique constraint is then attached to the
 *   index (`ADD CONSTRAINT … UNIQUE USING INDEX`: catalog only).
 * - Foreign keys and checks are added `NOT VALID` (new rows are checked at once, existing rows are
 *   not scanned) and validated by `VALIDATE CONSTRAINT`, which scans under SHARE UPDATE EXCLUSIVE:
 *   reads and writes go on. Validate in a later migration, or outside a transaction: in the same
 *   transaction the ADD's stronger lock would be held during the scan.
 * - `lock_timeout` bounds how long an ALTER queues for its lock: one waiting behind a long query
 *   would otherwise make every later query on the table queue behind it. Inside the migration's
 *   transaction call {@link limitLockWait} once; outside one, each catalog change runs in a
 *   {@link shortTransaction} of its own.
 *
 * Outside a transaction a failure leaves the statements before it applied, so every function
 * looks at the catalog first and does only what is missing — a concurrent build that failed
 * half-way (PostgreSQL leaves the index INVALID) is dropped and built again: rerunning the
 * migration after fixing the cause finishes it.
 *
 * https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY
 * https://www.postgresql.org/docs/current/sql-altertable.html (USING INDEX, NOT VALID, VALIDATE)
 * https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-LOCK-TIMEOUT
 */
import type { Knex } from 'knex';
import { StrataError } from '../errors';
import { quoteIdentifier } from '../naming/identifier';

/** How long a catalog change of a live table waits for its lock before giving up (SQLSTATE 55P03; rerun the migration). */
export const LOCK_TIMEOUT = '5s';

/**
 * `SET LOCAL lock_timeout` for the rest of the migration's transaction (the runner's pooled
 * connection keeps its own settings afterwards).
 * @example export async function up(knex: Knex) { await limitLockWait(knex); await knex.raw('ALTER TABLE …'); }
 */
export async function limitLockWait(knex: Knex): Promise<void> {
  await knex.raw(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
}

/**
 * Runs `body` in a transaction of its own whose statements wait at most {@link LOCK_TIMEOUT} for
 * a lock — for a `transaction: false` migration. Inside a transaction it becomes a savepoint.
 * @example await shortTransaction(knex, (trx) => trx.raw('ALTER TABLE customers ADD COLUMN note text'));
 */
export async function shortTransaction(knex: Knex, body: (trx: Knex.Transaction) => Promise<unknown>): Promise<void> {
  await knex.transaction(async (trx) => {
    await limitLockWait(trx);
    await body(trx);
  });
}

/** A catalog change: inside the migration's transaction as it is (see {@link limitLockWait}), outside one in a short transaction. */
async function changeCatalog(knex: Knex, sql: string): Promise<void> {
  if ((knex as { isTransaction?: boolean }).isTransaction) await knex.raw(sql);
  else await shortTransaction(knex, (trx) => trx.raw(sql));
}

/** Whether an index exists, and whether PostgreSQL may use it. */
export type IndexState = 'absent' | 'valid' | 'invalid';

/** State of index `name` in the current schema. */
export async function indexState(knex: Knex, name: string): Promise<IndexState> {
  const { rows } = await knex.raw<{ rows: { valid: boolean }[] }>(
    `SELECT i.indisvalid AS valid FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
      WHERE c.relname = ? AND c.relnamespace = current_schema()::regnamespace`,
    [name],
  );
  if (rows.length === 0) return 'absent';
  return rows[0]!.valid ? 'valid' : 'invalid';
}

/** What {@link buildIndexConcurrently} builds. */
export interface ConcurrentIndex {
  readonly name: string;
  readonly table: string;
  /** Column names, quoted here. */
  readonly columns: readonly string[];
  readonly unique?: boolean;
}

/**
 * `CREATE [UNIQUE] INDEX CONCURRENTLY`, unless the index exists and is valid. An INVALID index
 * left by an earlier failed build is dropped (`DROP INDEX CONCURRENTLY`) and built again
 * (`IF NOT EXISTS` would keep it). Outside a transaction only (`config = { transaction: false }`).
 * @example await buildIndexConcurrently(knex, { name: 'uq_customers_portal_id', table: 'customers', columns: ['portal_id'], unique: true });
 */
export async function buildIndexConcurrently(knex: Knex, index: ConcurrentIndex): Promise<void> {
  const state = await indexState(knex, index.name);
  if (state === 'valid') return;
  if (state === 'invalid') await dropIndexConcurrently(knex, index.name);
  const columns = index.columns.map(quoteIdentifier).join(', ');
  // IF NOT EXISTS as well: a rerun racing another never fails on the name.
  await knex.raw(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdentifier(index.name)} ON ${quoteIdentifier(index.table)} (${columns})`);
}

/**
 * `DROP INDEX CONCURRENTLY IF EXISTS`: no ACCESS EXCLUSIVE lock on the table. Outside a transaction.
 * @example await dropIndexConcurrently(knex, 'ix_api_keys_key_prefix');
 */
export async function dropIndexConcurrently(knex: Knex, name: string): Promise<void> {
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdentifier(name)}`);
}

/** A constraint of a table in the current schema: its kind (`u`, `f`, `c`…) and whether it is validated. */
export async function constraintState(knex: Knex, table: string, name: string): Promise<{ type: string; validated: boolean } | undefined> {
  const { rows } = await knex.raw<{ rows: { type: string; validated: boolean }[] }>(
    `SELECT con.contype::text AS type, con.convalidated AS validated
       FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
      WHERE c.relname = ? AND c.relnamespace = current_schema()::regnamespace AND con.conname = ?`,
    [table, name],
  );
  return rows[0];
}

/**
 * Makes the valid unique index `name` the unique constraint `name` of `table` (`ADD CONSTRAINT …
 * UNIQUE USING INDEX`: no scan, a brief ACCESS EXCLUSIVE lock). Skipped when done.
 * @example await attachUniqueConstraint(knex, 'customers', 'uq_customers_portal_id');
 */
export async function attachUniqueConstraint(knex: Knex, table: string, name: string): Promise<void> {
  if (await constraintState(knex, table, name)) return;
  await changeCatalog(knex, `ALTER TABLE ${quoteIdentifier(table)} ADD CONSTRAINT ${quoteIdentifier(name)} UNIQUE USING INDEX ${quoteIdentifier(name)}`);
}

/**
 * Adds a foreign key or check constraint `NOT VALID` (new and updated rows are checked from now
 * on; existing rows are not scanned). `definition` is what follows `ADD CONSTRAINT name`, without
 * `NOT VALID`. Skipped when the constraint exists.
 * @example await addConstraintNotValid(knex, 'customers', 'ck_customers_credit_limit_not_negative', 'CHECK (credit_limit >= 0)');
 */
export async function addConstraintNotValid(knex: Knex, table: string, name: string, definition: string): Promise<void> {
  if (await constraintState(knex, table, name)) return;
  await changeCatalog(knex, `ALTER TABLE ${quoteIdentifier(table)} ADD CONSTRAINT ${quoteIdentifier(name)} ${definition} NOT VALID`);
}

/**
 * `VALIDATE CONSTRAINT`: scans the existing rows under SHARE UPDATE EXCLUSIVE (reads and writes
 * continue). A row that breaks the constraint fails it with PostgreSQL's message naming the
 * constraint; it then stays NOT VALID, still enforced for new rows, until the row is fixed and the
 * migration rerun. A no-op for a valid constraint.
 * @example await validateConstraint(knex, 'customers', 'ck_customers_credit_limit_not_negative');
 */
export async function validateConstraint(knex: Knex, table: string, name: string): Promise<void> {
  const state = await constraintState(knex, table, name);
  if (!state) throw new StrataError(`cannot validate ${table}.${name}: the constraint does not exist (add it NOT VALID first)`);
  if (state.validated) return;
  await knex.raw(`ALTER TABLE ${quoteIdentifier(table)} VALIDATE CONSTRAINT ${quoteIdentifier(name)}`);
}

/**
 * Undoes a validation, for a `down()`: PostgreSQL cannot mark a constraint NOT VALID again, so it
 * is dropped and re-added NOT VALID in one ALTER TABLE (catalog only, no scan).
 * @example export async function down(knex: Knex) { await unvalidateConstraint(knex, 'bookings', 'fk_bookings_pet_id'); }
 */
export async function unvalidateConstraint(knex: Knex, table: string, name: string): Promise<void> {
  const { rows } = await knex.raw<{ rows: { definition: string }[] }>(
    `SELECT pg_catalog.pg_get_constraintdef(c.oid) AS definition FROM pg_catalog.pg_constraint c
      WHERE c.conrelid = to_regclass(?) AND c.conname = ?`,
    [quoteIdentifier(table), name],
  );
  const definition = rows[0]?.definition;
  if (!definition) throw new StrataError(`cannot unvalidate ${table}.${name}: the constraint does not exist`);
  if (definition.endsWith(' NOT VALID')) return;
  await changeCatalog(knex, `ALTER TABLE ${quoteIdentifier(table)} DROP CONSTRAINT ${quoteIdentifier(name)}, ADD CONSTRAINT ${quoteIdentifier(name)} ${definition} NOT VALID`);
}

/**
 * Refuses, before anything is changed, a unique index that could not be built: lists up to five
 * duplicated values of `table.column` (NULLs are not duplicates) and says what to do.
 * @example await refuseDuplicates(knex, 'customers', 'portal_id', 'give each customer its own portal id or NULL');
 */
export async function refuseDuplicates(knex: Knex, table: string, column: string, remedy: string): Promise<void> {
  const { rows } = await knex.raw<{ rows: { value: string; copies: string; total: string }[] }>(
    `SELECT ${quoteIdentifier(column)}::text AS value, count(*) AS copies, count(*) OVER () AS total
       FROM ${quoteIdentifier(table)} WHERE ${quoteIdentifier(column)} IS NOT NULL
      GROUP BY ${quoteIdentifier(column)} HAVING count(*) > 1 ORDER BY count(*) DESC, 1 LIMIT 5`,
  );
  if (rows.length === 0) return;
  const listed = rows.map((row) => `'${row.value}' ×${row.copies}`).join(', ');
  throw new StrataError(
    `${table}.${column} has ${rows[0]!.total} duplicated value(s) (${listed}), so it cannot be made unique: ${remedy}, then run the migration again (nothing was changed)`,
  );
}

/**
 * Refuses, before anything is changed, a check that existing rows would fail: counts the rows of
 * `table` where `condition` is false and shows up to five of their `label` values.
 * @example await refuseViolations(knex, 'customers', 'customer_number', "portal_id ~ '^[A-Z0-9-]+$'", 'portal ids of …', 'fix them');
 */
export async function refuseViolations(knex: Knex, table: string, label: string, condition: string, what: string, remedy: string): Promise<void> {
  const { rows } = await knex.raw<{ rows: { label: string; total: string }[] }>(
    `SELECT ${quoteIdentifier(label)}::text AS label, count(*) OVER () AS total FROM ${quoteIdentifier(table)}
      WHERE NOT (${condition}) ORDER BY 1 LIMIT 5`,
  );
  if (rows.length === 0) return;
  throw new StrataError(
    `${rows[0]!.total} row(s) of ${table} break the rule that ${what} (${label} ${rows.map((row) => `'${row.label}'`).join(', ')}): ${remedy}, then run the migration again (nothing was changed)`,
  );
}

/**
 * Changing tables that already hold data without stopping the ISP: the steps of the chain that
 * alter live tables (2 portal ids, 10 customers, 14 API keys) are `transaction: false` migrations
 * built from these functions, so every statement commits on its own and holds its lock briefly:
 *
 * - indexes are built with `CREATE INDEX CONCURRENTLY` (writes continue during the build);
 * - a unique constraint is attached to an index built that way (`ADD CONSTRAINT … UNIQUE USING
 *   INDEX`: a catalog change, no scan);
 * - foreign keys and checks are added `NOT VALID` (new rows are checked at once, no scan) and
 *   validated by a separate `VALIDATE CONSTRAINT`, which scans under SHARE UPDATE EXCLUSIVE only:
 *   reads and writes go on. (In one transaction the ADD's stronger lock would be held during the
 *   scan, which is why these steps run outside the runner's transaction.)
 * - every catalog change runs in a short transaction of its own with `lock_timeout`: an ALTER
 *   queued behind a long-running query gives up after a few seconds instead of making every
 *   query on the table queue behind it.
 *
 * Outside a transaction a failure leaves the statements before it applied, so every function is
 * idempotent: it looks at the catalog first and does only what is missing — and a concurrent
 * index build that failed half-way (PostgreSQL leaves it INVALID) is dropped and built again.
 * Running the migration again after fixing the cause finishes it.
 *
 * https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY
 * https://www.postgresql.org/docs/current/sql-altertable.html (USING INDEX, NOT VALID, VALIDATE)
 */
import type { Knex } from 'knex';
import { quoteIdentifier, StrataError } from '@strata/core';

/** How long a catalog change waits for its lock before giving up (the migration can be rerun). */
export const LOCK_TIMEOUT = '5s';

/**
 * Runs `body` in a transaction of its own whose statements wait at most {@link LOCK_TIMEOUT} for a lock.
 * @example await shortTransaction(knex, (trx) => trx.raw('ALTER TABLE customers ADD COLUMN note text'));
 */
export async function shortTransaction(knex: Knex, body: (trx: Knex.Transaction) => Promise<unknown>): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    await body(trx);
  });
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
 * left by an earlier failed build is dropped (`DROP INDEX CONCURRENTLY`) and built again.
 * Must run outside a transaction (the migration exports `config = { transaction: false }`).
 * @example await buildIndexConcurrently(knex, { name: 'uq_customers_portal_id', table: 'customers', columns: ['portal_id'], unique: true });
 */
export async function buildIndexConcurrently(knex: Knex, index: ConcurrentIndex): Promise<void> {
  const state = await indexState(knex, index.name);
  if (state === 'valid') return;
  if (state === 'invalid') await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdentifier(index.name)}`);
  const columns = index.columns.map(quoteIdentifier).join(', ');
  await knex.raw(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY ${quoteIdentifier(index.name)} ON ${quoteIdentifier(index.table)} (${columns})`);
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
 * Makes the valid unique index `index` the unique constraint `name` of `table`
 * (`ADD CONSTRAINT … UNIQUE USING INDEX`: no scan, a brief ACCESS EXCLUSIVE lock). The index is
 * renamed to the constraint's name, so pass the same name for both. Skipped when done.
 * @example await attachUniqueConstraint(knex, 'customers', 'uq_customers_portal_id');
 */
export async function attachUniqueConstraint(knex: Knex, table: string, name: string): Promise<void> {
  if (await constraintState(knex, table, name)) return;
  await shortTransaction(knex, (trx) => trx.raw(`ALTER TABLE ${quoteIdentifier(table)} ADD CONSTRAINT ${quoteIdentifier(name)} UNIQUE USING INDEX ${quoteIdentifier(name)}`));
}

/**
 * Adds a foreign key or check constraint `NOT VALID` (new and updated rows are checked from now
 * on; existing rows are not scanned). `definition` is what follows `ADD CONSTRAINT name`, without
 * `NOT VALID`. Skipped when the constraint exists.
 * @example await addConstraintNotValid(knex, 'customers', 'ck_customers_credit_limit_not_negative', 'CHECK (credit_limit >= 0)');
 */
export async function addConstraintNotValid(knex: Knex, table: string, name: string, definition: string): Promise<void> {
  if (await constraintState(knex, table, name)) return;
  await shortTransaction(knex, (trx) => trx.raw(`ALTER TABLE ${quoteIdentifier(table)} ADD CONSTRAINT ${quoteIdentifier(name)} ${definition} NOT VALID`));
}

/**
 * `VALIDATE CONSTRAINT`: scans the existing rows under SHARE UPDATE EXCLUSIVE (reads and writes
 * continue). Run outside a transaction so the lock of the ADD is not held meanwhile. A row that
 * breaks the constraint fails it with PostgreSQL's message naming the constraint; the constraint
 * then stays NOT VALID, still enforced for new rows, until the row is fixed and the migration rerun.
 * @example await validateConstraint(knex, 'customers', 'ck_customers_credit_limit_not_negative');
 */
export async function validateConstraint(knex: Knex, table: string, name: string): Promise<void> {
  const state = await constraintState(knex, table, name);
  if (!state) throw new StrataError(`cannot validate ${table}.${name}: the constraint does not exist (add it NOT VALID first)`);
  if (state.validated) return;
  await knex.raw(`ALTER TABLE ${quoteIdentifier(table)} VALIDATE CONSTRAINT ${quoteIdentifier(name)}`);
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

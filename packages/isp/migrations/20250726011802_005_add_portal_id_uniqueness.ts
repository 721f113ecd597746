/**
 * Step 2 of 17 — 005_add_portal_id_uniqueness — Foundation: Portal ID system.
 *
 * customers.portal_id becomes unique and well-formed. customers already holds rows when this
 * runs in production, so it is done without blocking the table (see src/online-ddl.ts):
 *
 * 1. refuse, before changing anything, duplicated or malformed portal ids — one line naming
 *    them and what to do;
 * 2. build the unique index CONCURRENTLY (writes continue during the build);
 * 3. attach it as the constraint uq_customers_portal_id (ADD CONSTRAINT … UNIQUE USING INDEX:
 *    catalog only, no scan);
 * 4. add the format check NOT VALID, then VALIDATE it in its own statement (SHARE UPDATE
 *    EXCLUSIVE: reads and writes go on during the scan).
 *
 * It runs outside a transaction (CREATE INDEX CONCURRENTLY refuses one); every action looks at
 * the catalog first, so a rerun after an interruption finishes the job. The uniqueness covers
 * every row: a portal id is a login and is never handed to another customer, and only a
 * non-partial index can back a constraint. NULL (no portal access yet) may repeat.
 */
import type { Knex } from 'knex';
import { ckName, quoteIdentifier, uqName } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { addConstraintNotValid, attachUniqueConstraint, buildIndexConcurrently, refuseDuplicates, refuseViolations, shortTransaction, validateConstraint } from '../src/online-ddl';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 2, revision: '005_add_portal_id_uniqueness', title: 'Foundation: Portal ID system' };

/** Lint findings this migration accepts, each with its reason. */
export const lint = {
  allow: {
    'prefer-robust-stmts': 'every action of src/online-ddl checks the catalog first (a valid index is skipped, an INVALID one dropped and rebuilt), so a rerun after a failure finishes the step without IF NOT EXISTS',
  },
};

/** CREATE INDEX CONCURRENTLY cannot run in a transaction block. */
export const config = { transaction: false };

const TABLE = Table.customers;
const UNIQUE = uqName(TABLE, ['portal_id']);
const FORMAT = ckName(TABLE, 'portal_id_format');
/** What customers type on the portal's login page: 4–32 upper-case letters, digits or hyphens. */
const PORTAL_ID_RULE = "portal_id ~ '^[A-Z0-9][A-Z0-9-]{3,31}$'";

export async function up(knex: Knex): Promise<void> {
  await refuseDuplicates(knex, TABLE, 'portal_id', 'give each customer its own portal id (or NULL until the customer is invited)');
  await refuseViolations(knex, TABLE, 'customer_number', PORTAL_ID_RULE, 'a portal id is 4–32 upper-case letters, digits or hyphens', 'correct those portal ids (or set them to NULL)');
  await buildIndexConcurrently(knex, { name: UNIQUE, table: TABLE, columns: ['portal_id'], unique: true });
  await attachUniqueConstraint(knex, TABLE, UNIQUE);
  await addConstraintNotValid(knex, TABLE, FORMAT, `CHECK (${PORTAL_ID_RULE})`);
  await validateConstraint(knex, TABLE, FORMAT);
}

export async function down(knex: Knex): Promise<void> {
  // Dropping the constraint drops its index; both are catalog changes (no scan).
  await shortTransaction(knex, (trx) =>
    trx.raw(`ALTER TABLE ${quoteIdentifier(TABLE)} DROP CONSTRAINT IF EXISTS ${quoteIdentifier(FORMAT)}, DROP CONSTRAINT IF EXISTS ${quoteIdentifier(UNIQUE)}`),
  );
}

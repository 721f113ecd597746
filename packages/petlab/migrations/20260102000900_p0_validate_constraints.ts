/**
 * P0: validates the constraints the P0 ALTERs added NOT VALID. VALIDATE CONSTRAINT reads every
 * row but takes only SHARE UPDATE EXCLUSIVE on the table (ROW SHARE on a referenced table), so
 * inserts, updates and deletes go on while it scans. Once valid, the planner and later ALTERs
 * (e.g. SET NOT NULL) can rely on them.
 *
 * down(): PostgreSQL cannot mark a constraint NOT VALID again, so each one is dropped and re-added
 * NOT VALID in a single ALTER TABLE — catalog only, nothing is scanned and no row changes.
 */
import type { Knex } from 'knex';
import { ckName, fkName } from '@strata/core';
import { limitLockWait, unvalidateConstraint, validateConstraint } from '../src/online-ddl';
import { Table } from '../src/tables';

/** Every constraint P0 added NOT VALID to a table that held data. */
const CONSTRAINTS: ReadonlyArray<readonly [table: string, constraint: string]> = [
  [Table.users, ckName(Table.users, 'login_attempts_not_negative')],
  [Table.tests, ckName(Table.tests, 'sample_quantity_ml_positive')],
  [Table.tests, ckName(Table.tests, 'tat_hours_positive')],
  [Table.bookings, fkName(Table.bookings, 'pet_id')],
  [Table.bookings, fkName(Table.bookings, 'collection_staff_id')],
  [Table.bookings, ckName(Table.bookings, 'estimated_distance_km_not_negative')],
  [Table.bookingItems, ckName(Table.bookingItems, 'quantity_positive')],
  [Table.bookingItems, ckName(Table.bookingItems, 'unit_price_not_negative')],
];

export async function up(knex: Knex): Promise<void> {
  await limitLockWait(knex);
  for (const [table, constraint] of CONSTRAINTS) await validateConstraint(knex, table, constraint);
}

export async function down(knex: Knex): Promise<void> {
  await limitLockWait(knex);
  for (const [table, constraint] of [...CONSTRAINTS].reverse()) await unvalidateConstraint(knex, table, constraint);
}

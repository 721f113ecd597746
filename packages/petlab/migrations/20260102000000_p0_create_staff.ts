/**
 * P0: staff — the lab's team with the seed's four roles (admin, collector, lab_tech, analyst).
 * Staff sign in like owners, with an OTP to their phone (otps.purpose = 'staff_login'), so no
 * password is stored. Bookings, batches, reports, offers, coupons, pricing, billing, uploads and
 * the clinic's details point at staff with ON DELETE RESTRICT: who collected a sample or signed
 * a report must stay known, so a member who leaves is soft-deleted (deleted_at), never deleted.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, ixName, softDelete, timestamps, uniqueWhereNotDeleted, uuidPrimaryKey } from '@strata/core';
import { StaffRole } from '../src/enums';
import { Table } from '../src/tables';

const TABLE = Table.staff;

export async function up(knex: Knex): Promise<void> {
  await StaffRole.create(knex, { values: ['admin', 'collector', 'lab_tech', 'analyst'] });
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    t.string('full_name', 150).notNullable();
    t.string('phone', 20).notNullable();
    t.string('email', 255).nullable();
    StaffRole.column(t, 'role').notNullable();
    timestamps(t, knex);
    softDelete(t);
    // A departed member's number or email may be reused by a new one.
    uniqueWhereNotDeleted(t, TABLE, ['phone'], knex);
    uniqueWhereNotDeleted(t, TABLE, ['email'], knex);
    t.index(['role'], ixName(TABLE, ['role']));
    t.check(`phone ~ '^\\+[1-9][0-9]{7,14}$'`, {}, ckName(TABLE, 'phone_e164'));
    t.check('email = lower(email)', {}, ckName(TABLE, 'email_lower_case'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await StaffRole.drop(knex);
}

/**
 * P2: clinic_info — the clinic's contact details, shown in the app and on reports: one row.
 *
 * One row by schema: the primary key is a smallint that the check pins to 1, so a second row
 * can only collide with the first (23505 on pk_clinic_info, or 23514 on
 * ck_clinic_info_single_row for any other id). The row is written by the reference seed —
 * a migration does not invent a clinic's name and address — and updated in place; readers
 * select `WHERE id = 1`. Its coordinates are the origin of home-visit distances.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, pkName, timestamps } from '@strata/core';
import { Table } from '../src/tables';

const TABLE = Table.clinicInfo;

/** Lint findings this migration accepts, each with its reason. */
export const lint = {
  allow: {
    'prefer-bigint-over-smallint': 'clinic_info holds one row, its id pinned to 1 by a check: it never counts',
  },
};

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(TABLE, (t) => {
    t.smallint('id').notNullable().defaultTo(1);
    t.primary(['id'], { constraintName: pkName(TABLE) });
    t.string('name', 150).notNullable();
    t.string('legal_name', 200).nullable();
    // State veterinary council / lab licence number.
    t.string('registration_number', 50).nullable();
    t.string('phone', 20).notNullable();
    t.string('whatsapp_phone', 20).nullable();
    t.string('email', 255).notNullable();
    t.string('address_line1', 255).notNullable();
    t.string('address_line2', 255).nullable();
    t.string('city', 100).notNullable();
    t.string('state', 100).notNullable();
    t.string('postal_code', 10).notNullable();
    t.decimal('latitude', 9, 6).notNullable();
    t.decimal('longitude', 9, 6).notNullable();
    // Day → opening and closing time, e.g. { "mon": ["08:00", "20:00"], "sun": null }.
    t.jsonb('opening_hours').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    // RESTRICT: who last changed the clinic's public details stays known. NULL = the reference seed.
    foreignKey(t, TABLE, 'updated_by', { references: Table.staff, onDelete: 'restrict', nullable: true });
    timestamps(t, knex);
    t.check('id = 1', {}, ckName(TABLE, 'single_row'));
    t.check(`phone ~ '^\\+[1-9][0-9]{7,14}$' AND whatsapp_phone ~ '^\\+[1-9][0-9]{7,14}$'`, {}, ckName(TABLE, 'phones_e164'));
    t.check('email = lower(email)', {}, ckName(TABLE, 'email_lower_case'));
    t.check('latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180', {}, ckName(TABLE, 'coordinates_range'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
}

/**
 * Reference seed: the one clinic_info row, written only when there is none. A clinic that has
 * entered its own details keeps them: the seed neither overwrites them nor, on undo, deletes them.
 */
import type { Knex } from 'knex';
import { ensureRow, SeedProfile } from '@strata/core';
import { Table } from '../src';
import { CLINIC, CLINIC_INFO_ID } from '../src/clinic';

export const profile = SeedProfile.reference;

export async function seed(knex: Knex): Promise<void> {
  await ensureRow(knex, Table.clinicInfo, { id: CLINIC_INFO_ID }, { id: CLINIC_INFO_ID, ...CLINIC, opening_hours: JSON.stringify(CLINIC.opening_hours) });
}

/** Deletes the row only while it still holds the seeded identity (name, phone, email). */
export async function undo(knex: Knex): Promise<void> {
  await knex(Table.clinicInfo).where({ id: CLINIC_INFO_ID, name: CLINIC.name, phone: CLINIC.phone, email: CLINIC.email }).delete();
}

/**
 * Reference seed: one `roles` row per value of the user_role enum — its name, description and
 * permissions. Owned by this package: the seeded values win on every run (only when they differ,
 * so a rerun changes nothing).
 */
import type { Knex } from 'knex';
import { SeedProfile } from '@strata/core';
import { deleteSeeded, stableId } from '../src/ids';
import { ROLES } from '../src/reference-data';
import { upsertOwned } from '../src/seeding';
import { Table } from '../src/tables';

export const profile = SeedProfile.reference;

export async function seed(knex: Knex): Promise<void> {
  for (const role of ROLES) {
    await upsertOwned(knex, Table.roles, ['code'], {
      id: stableId(Table.roles, role.code),
      code: role.code,
      name: role.name,
      description: role.description,
      permissions: JSON.stringify(role.permissions),
    });
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.roles, ROLES.map((role) => role.code));
}

/**
 * Reference seed: the system users admin@balatrix.com (admin) and support@balatrix.com (support).
 * Outside production their password is the documented development default (Admin@123); in
 * production it comes from BALATRIX_ADMIN_PASSWORD / BALATRIX_SUPPORT_PASSWORD, or the seed
 * refuses before writing anything. bcrypt cost 12; both must change their password at first login.
 */
import type { Knex } from 'knex';
import { SeedProfile, type SeedContext } from '@strata/core';
import { deleteSeeded } from '../src/ids';
import { ensureUser } from '../src/seeding';
import { SYSTEM_USERS, systemPasswords } from '../src/system-users';
import { Table } from '../src/tables';

export const profile = SeedProfile.reference;

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  // Resolved (and refused) before the first write.
  const passwords = systemPasswords(context);
  for (const user of SYSTEM_USERS) {
    await ensureUser(
      knex,
      {
        email: user.email,
        username: user.username,
        firstName: user.firstName,
        lastName: user.lastName,
        role: user.role,
        mustChangePassword: true,
        permissions: user.permissions,
      },
      passwords.get(user.email)!,
    );
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.users, SYSTEM_USERS.map((user) => user.email));
}

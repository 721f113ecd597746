/**
 * Logins written by the seeds: inserted once with a bcrypt hash, never re-hashed on a rerun.
 * (Rows in general go through core's ensureRow/upsertRow.)
 */
import bcrypt from 'bcrypt';
import type { Knex } from 'knex';
import { StrataError } from '@strata/core';
import { stableId } from './ids';
import { BCRYPT_COST } from './system-users';
import { Table } from './tables';

/** A login a seed creates; the password is hashed only when the row is really inserted. */
export interface SeedUser {
  readonly email: string;
  readonly username: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone?: string | null;
  readonly role: 'admin' | 'support' | 'customer';
  readonly mustChangePassword: boolean;
  readonly permissions?: Readonly<Record<string, boolean>>;
}

/**
 * Inserts the user unless a live user has the email, and returns the id of the user with it.
 * An existing user is left exactly as it is: its password is not hashed again or replaced.
 * @example const id = await ensureUser(knex, { email: 'a@b.c', … }, 'Admin@123');
 */
export async function ensureUser(knex: Knex, user: SeedUser, password: string): Promise<string> {
  const existing = await liveUserId(knex, user.email);
  if (existing) return existing;
  await knex(Table.users)
    .insert({
      id: stableId(Table.users, user.email),
      username: user.username,
      email: user.email,
      password_hash: await bcrypt.hash(password, BCRYPT_COST),
      first_name: user.firstName,
      last_name: user.lastName,
      phone: user.phone ?? null,
      role: user.role,
      status: 'active',
      // Seeded logins are created verified: there is no inbox to click a link in.
      email_verified_at: knex.fn.now(),
      must_change_password: user.mustChangePassword,
      permissions: JSON.stringify(user.permissions ?? {}),
    })
    // No conflict target: skip on any unique key (email, username, id), then report below.
    .onConflict()
    .ignore();
  const id = await liveUserId(knex, user.email);
  if (!id) {
    throw new StrataError(`seed could not create user ${user.email}: another row holds its username '${user.username}' or its seeded id (a soft-deleted copy?): rename or remove that row, then seed again`);
  }
  return id;
}

async function liveUserId(knex: Knex, email: string): Promise<string | undefined> {
  const row = (await knex(Table.users).where({ email }).whereNull('deleted_at').first('id')) as { id: string } | undefined;
  return row?.id;
}

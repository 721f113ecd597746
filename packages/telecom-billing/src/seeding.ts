/**
 * Small idempotent writers shared by the seeds: insert a row unless its natural key exists,
 * and hand back the id of whichever row holds the key.
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

/**
 * Inserts `row` unless a row with the same natural key exists (ON CONFLICT DO NOTHING), then
 * returns the id of the row holding the key — the seeded one or the one that was already there.
 * @example await ensureRow(knex, 'accounts', { account_number: 'ACC-10001' }, { id, … })
 */
export async function ensureRow(
  knex: Knex,
  table: string,
  key: Readonly<Record<string, string>>,
  row: Readonly<Record<string, unknown>>,
): Promise<string> {
  await knex(table).insert(row).onConflict().ignore();
  const found = (await knex(table).where(key).first('id')) as { id: string } | undefined;
  if (!found) {
    throw new StrataError(`seed could not create ${table} row ${JSON.stringify(key)}: another row holds one of its unique keys or its seeded id: remove or rename that row, then seed again`);
  }
  return found.id;
}

/**
 * Deletes exactly the rows a seed wrote: those with the seed's stable ids.
 * @example await deleteSeeded(knex, 'users', ['admin@balatrix.com'])
 */
export async function deleteSeeded(knex: Knex, table: string, naturalKeys: readonly string[]): Promise<number> {
  return knex(table).whereIn('id', naturalKeys.map((key) => stableId(table, key))).delete();
}

/**
 * Logged migration 01 (`20251015_01_initial_user_table`): user accounts and their enums (role,
 * status), the `roles` reference table, and login sessions.
 *
 * As the first migration of the package it also creates the two functions every table relies on:
 * strata_uuidv7() (primary key default) and strata_set_updated_at() (updated_at trigger); its
 * down() drops them last.
 */
import type { Knex } from 'knex';
import {
  addUpdatedAtTrigger,
  ckName,
  createUpdatedAtFunction,
  createUuidV7Function,
  dropUpdatedAtFunction,
  dropUuidV7Function,
  foreignKey,
  ixName,
  timestamps,
  uqName,
  uuidPrimaryKey,
} from '@strata/core';
import { emptyArray, lowerCaseEmail } from '../../src/columns';
import { UserRole, UserStatus } from '../../src/enums';
import { Table } from '../../src/tables';

export async function up(knex: Knex): Promise<void> {
  await createUuidV7Function(knex);
  await createUpdatedAtFunction(knex);
  await UserRole.create(knex, { values: ['customer', 'support', 'fulfillment', 'admin'] });
  await UserStatus.create(knex, { values: ['pending_verification', 'active', 'suspended', 'erased'] });

  await knex.schema.createTable(Table.roles, (t) => {
    uuidPrimaryKey(t, Table.roles, knex);
    // The role this row describes. The enum is the closed set the application's authorisation
    // switches on (a new role is a code change, so a migration); this table is what the seed
    // says about each value. users.role has no foreign key to it: the enum already guarantees a
    // valid role, and a key would make creating any user depend on the reference seed.
    UserRole.column(t, 'code').notNullable();
    t.string('name', 100).notNullable();
    t.text('description').nullable();
    // Permission names, e.g. ["orders:read", "orders:refund"].
    t.jsonb('permissions').notNullable().defaultTo(emptyArray(knex));
    timestamps(t, knex);
    t.unique(['code'], { indexName: uqName(Table.roles, ['code']) });
    t.check(`jsonb_typeof(permissions) = 'array'`, {}, ckName(Table.roles, 'permissions_is_array'));
  });
  await addUpdatedAtTrigger(knex, Table.roles);

  await knex.schema.createTable(Table.users, (t) => {
    uuidPrimaryKey(t, Table.users, knex);
    // Stored lower-case (the check), so the plain unique key is case-insensitive without citext.
    // Users are not soft-deleted: an erased user keeps its row with a placeholder address.
    t.string('email', 254).notNullable();
    t.timestamp('email_verified_at', { useTz: true }).nullable();
    // NULL for passwordless logins (Auth.js e-mail link or OAuth) and after erasure.
    t.text('password_hash').nullable();
    UserRole.column(t, 'role').notNullable().defaultTo('customer');
    UserStatus.column(t, 'status').notNullable().defaultTo('pending_verification');
    t.timestamp('last_login_at', { useTz: true }).nullable();
    // When erase_user_personal_data() anonymised the row (compliance/).
    t.timestamp('erased_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.unique(['email'], { indexName: uqName(Table.users, ['email']) });
    t.index(['role'], ixName(Table.users, ['role']));
    t.check(lowerCaseEmail('email'), {}, ckName(Table.users, 'email_normalised'));
    t.check(`(status = 'erased') = (erased_at IS NOT NULL)`, {}, ckName(Table.users, 'erased_at_matches_status'));
  });
  await addUpdatedAtTrigger(knex, Table.users);

  await knex.schema.createTable(Table.sessions, (t) => {
    uuidPrimaryKey(t, Table.sessions, knex);
    // CASCADE: a session is only a login of its user and means nothing without it.
    foreignKey(t, Table.sessions, 'user_id', { references: Table.users, onDelete: 'cascade' });
    // SHA-256 (hex) of the session token: a leaked table leaks no usable session. Auth.js keeps
    // the token itself; the application hashes before it looks a session up.
    t.string('token_hash', 64).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('last_seen_at', { useTz: true }).nullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.specificType('ip_address', 'inet').nullable();
    t.text('user_agent').nullable();
    timestamps(t, knex);
    t.unique(['token_hash'], { indexName: uqName(Table.sessions, ['token_hash']) });
    // The cleanup job deletes expired sessions.
    t.index(['expires_at'], ixName(Table.sessions, ['expires_at']));
    t.check(`token_hash ~ '^[0-9a-f]{64}$'`, {}, ckName(Table.sessions, 'token_hash_sha256_hex'));
  });
  await addUpdatedAtTrigger(knex, Table.sessions);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(Table.sessions);
  await knex.schema.dropTable(Table.users);
  await knex.schema.dropTable(Table.roles);
  await UserStatus.drop(knex);
  await UserRole.drop(knex);
  await dropUpdatedAtFunction(knex);
  await dropUuidV7Function(knex);
}

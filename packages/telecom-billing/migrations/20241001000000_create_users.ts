/**
 * Logins for staff and customers. The first migration of the package also creates the two
 * functions every table relies on: strata_uuidv7() (primary key default) and
 * strata_set_updated_at() (updated_at trigger); its down() drops them last.
 */
import type { Knex } from 'knex';
import {
  addUpdatedAtTrigger,
  createUpdatedAtFunction,
  createUuidV7Function,
  dropUpdatedAtFunction,
  dropUuidV7Function,
  ixName,
  softDelete,
  timestamps,
  uniqueWhereNotDeleted,
  uuidPrimaryKey,
} from '@strata/core';
import { UserRole, UserStatus } from '../src/enums';
import { Table } from '../src/tables';

const TABLE = Table.users;

export async function up(knex: Knex): Promise<void> {
  await createUuidV7Function(knex);
  await createUpdatedAtFunction(knex);
  await UserRole.create(knex);
  await UserStatus.create(knex);
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    t.string('username', 50).notNullable();
    t.string('email', 255).notNullable();
    t.string('password_hash', 255).notNullable();
    t.string('first_name', 100).notNullable();
    t.string('last_name', 100).notNullable();
    t.string('phone', 20).nullable();
    UserRole.column(t, 'role').notNullable().defaultTo('customer');
    UserStatus.column(t, 'status').notNullable().defaultTo('active');
    t.timestamp('email_verified_at', { useTz: true }).nullable();
    t.timestamp('phone_verified_at', { useTz: true }).nullable();
    t.boolean('two_factor_enabled').notNullable().defaultTo(false);
    // TOTP secret, encrypted by the application before it is stored.
    t.text('two_factor_secret').nullable();
    // Seeded and admin-created accounts must pick their own password at first login.
    t.boolean('must_change_password').notNullable().defaultTo(false);
    t.timestamp('password_changed_at', { useTz: true }).nullable();
    t.integer('failed_login_attempts').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true }).nullable();
    t.timestamp('last_login_at', { useTz: true }).nullable();
    t.specificType('last_login_ip', 'inet').nullable();
    // Per-feature flags for staff tools, e.g. { "manage_billing": true }.
    t.jsonb('permissions').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    timestamps(t, knex);
    // Users are deactivated, not deleted: customers, invoices and audit trails point at them.
    softDelete(t);
    uniqueWhereNotDeleted(t, TABLE, ['email'], knex);
    uniqueWhereNotDeleted(t, TABLE, ['username'], knex);
    t.index(['role'], ixName(TABLE, ['role']));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await UserStatus.drop(knex);
  await UserRole.drop(knex);
  await dropUpdatedAtFunction(knex);
  await dropUuidV7Function(knex);
}

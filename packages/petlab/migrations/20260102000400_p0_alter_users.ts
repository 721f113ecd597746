/**
 * P0 on a live table: users gets session tracking — last_login, login_attempts, is_locked.
 *
 * Online: a nullable column and two columns with constant defaults change only the catalog
 * (PostgreSQL 11+ stores a constant default instead of rewriting the table), and the check is
 * added NOT VALID — new rows are checked at once, the existing rows are validated by
 * 20260102000900 without blocking writes. The ACCESS EXCLUSIVE lock is held for milliseconds,
 * and lock_timeout stops this migration from queueing writers behind a long transaction.
 */
import type { Knex } from 'knex';
import { ckName } from '@strata/core';
import { addCheckNotValid, limitLockWait } from '../src/online-ddl';
import { Table } from '../src/tables';

const TABLE = Table.users;

export async function up(knex: Knex): Promise<void> {
  await limitLockWait(knex);
  await knex.schema.alterTable(TABLE, (t) => {
    t.timestamp('last_login', { useTz: true }).nullable();
    // Failed OTP verifications since the last successful login.
    t.integer('login_attempts').notNullable().defaultTo(0);
    // Set by the application after too many failures; cleared by staff or after a cool-down.
    t.boolean('is_locked').notNullable().defaultTo(false);
  });
  await addCheckNotValid(knex, TABLE, 'login_attempts_not_negative', 'login_attempts >= 0');
}

export async function down(knex: Knex): Promise<void> {
  await limitLockWait(knex);
  await knex.schema.alterTable(TABLE, (t) => {
    t.dropChecks([ckName(TABLE, 'login_attempts_not_negative')]);
    t.dropColumns('last_login', 'login_attempts', 'is_locked');
  });
}

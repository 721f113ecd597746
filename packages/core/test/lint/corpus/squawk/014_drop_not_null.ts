import type { Knex } from 'knex';

/**
 * drop-not-null. Near miss: Knex's .alter() of a NOT NULL column drops NOT NULL and sets it
 * again — no drop-not-null, but the SET NOT NULL really scans the table (set-not-null).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL');
  await knex.schema.alterTable('accounts', (t) => t.text('name').notNullable().alter());
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`UPDATE accounts SET email = '' WHERE email IS NULL`);
  await knex.raw('ALTER TABLE accounts ALTER COLUMN email SET NOT NULL');
}

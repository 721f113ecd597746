import type { Knex } from 'knex';

/** An UPDATE is not a delete: a backfill of a new column (lock held), and an overwrite of an old one (values lost). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => t.boolean('active'));
  await knex('users').update({ active: true });
  await knex.raw('UPDATE users SET email = lower(email)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => t.dropColumn('active'));
}

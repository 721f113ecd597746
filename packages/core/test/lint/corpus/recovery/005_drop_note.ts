import type { Knex } from 'knex';

/** Still linted after 004 failed; its finding says the state may differ. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts DROP COLUMN note');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts ADD COLUMN note text');
}

import type { Knex } from 'knex';

/** Needs the index of 002: it only passes because the lint applied 002 the way its fix would. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts ADD CONSTRAINT accounts_email_unique UNIQUE USING INDEX accounts_email_uidx');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts DROP CONSTRAINT accounts_email_unique');
}

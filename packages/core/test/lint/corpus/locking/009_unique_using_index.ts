import type { Knex } from 'knex';

/** Near miss for unique-constraint: the index was built concurrently in 008. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts ADD CONSTRAINT accounts_name_unique UNIQUE USING INDEX accounts_name_uidx');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts DROP CONSTRAINT accounts_name_unique');
}

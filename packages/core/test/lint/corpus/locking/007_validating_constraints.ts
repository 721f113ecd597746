import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.foreign('team_id').references('teams.id');
    t.unique(['email']);
  });
  await knex.raw('ALTER TABLE accounts ADD CONSTRAINT accounts_name_check CHECK (length(name) > 0)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts DROP CONSTRAINT accounts_name_check');
  await knex.schema.alterTable('accounts', (t) => {
    t.dropUnique(['email']);
    t.dropForeign(['team_id']);
  });
}

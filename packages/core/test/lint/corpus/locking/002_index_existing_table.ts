import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => t.index(['email']));
  // Near miss: an index on a table created in the same migration holds no rows yet.
  await knex.schema.createTable('notes', (t) => {
    t.increments('id');
    t.text('body');
    t.index(['body']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notes');
  await knex.schema.alterTable('accounts', (t) => t.dropIndex(['email']));
}

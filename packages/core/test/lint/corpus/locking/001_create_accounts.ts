import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('teams', (t) => {
    t.increments('id');
  });
  await knex.schema.createTable('accounts', (t) => {
    t.increments('id');
    t.string('email', 50);
    t.string('name', 20);
    t.decimal('balance', 10, 2);
    t.specificType('ip', 'cidr');
    t.text('note');
    t.integer('team_id');
    t.timestamp('seen_at', { useTz: false });
    t.timestamp('left_at', { useTz: false });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('accounts');
  await knex.schema.dropTable('teams');
}

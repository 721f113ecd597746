import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TYPE member_role AS ENUM ('owner', 'admin', 'viewer')`);
  await knex.schema.createTable('members', (t) => {
    t.increments('id');
    t.text('name');
    t.text('nickname');
    t.specificType('role', 'member_role');
  });
  await knex.schema.createTable('legacy', (t) => t.increments('id'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('legacy');
  await knex.schema.dropTable('members');
  await knex.raw('DROP TYPE member_role');
}

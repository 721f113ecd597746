import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TYPE plan_tier AS ENUM ('starter', 'growth', 'pro')`);
  await knex.schema.createTable('customers', (t) => {
    t.increments('id');
    t.text('name');
    t.specificType('plan', 'plan_tier');
  });
  await knex.schema.createTable('orders', (t) => {
    t.increments('id');
    t.integer('customer_id').references('customers.id');
    t.text('note');
    t.text('status');
  });
  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id');
    t.text('entry');
  });
  await knex.schema.createTable('sessions', (t) => {
    t.increments('id');
  });
  await knex.raw('CREATE SCHEMA archive');
  await knex.schema.withSchema('archive').createTable('old_orders', (t) => {
    t.increments('id');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP SCHEMA archive CASCADE');
  await knex.schema.dropTable('sessions');
  await knex.schema.dropTable('audit_log');
  await knex.schema.dropTable('orders');
  await knex.schema.dropTable('customers');
  await knex.raw('DROP TYPE plan_tier');
}

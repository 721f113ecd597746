import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('orders', (t) => t.dropForeign(['customer_id']));
  await knex.raw('DROP TYPE plan_tier CASCADE');
  await knex.raw('DROP SCHEMA archive CASCADE');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TYPE plan_tier AS ENUM ('starter', 'growth', 'pro')`);
  await knex.raw('CREATE SCHEMA archive');
  await knex.raw('ALTER TABLE orders ADD CONSTRAINT orders_customer_id_foreign FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID');
}

import type { Knex } from 'knex';

export const lint = { allow: { 'drop-column': '  ', 'drop-colum': 'typo in the rule id' } };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('orders', (t) => t.dropColumn('status'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('orders', (t) => t.text('status'));
}

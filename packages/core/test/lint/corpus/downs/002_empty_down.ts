import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notes', (t) => t.text('title'));
}

export async function down(): Promise<void> {}

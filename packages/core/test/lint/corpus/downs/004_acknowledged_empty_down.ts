import type { Knex } from 'knex';

export const lint = { allow: { 'empty-down': 'pinned is harmless to keep, and old releases never read it' } };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notes', (t) => t.boolean('pinned'));
}

export async function down(): Promise<void> {}

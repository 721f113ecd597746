import type { Knex } from 'knex';

/** A down() that only reads changes nothing either. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notes', (t) => t.text('tag'));
}

export async function down(knex: Knex): Promise<void> {
  await knex('notes').count('* as n');
}

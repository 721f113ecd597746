import type { Knex } from 'knex';

/**
 * squawk adding-serial-primary-key-field: a serial primary key added to an existing table is a
 * rewrite (add-column-rewrite), an index built under ACCESS EXCLUSIVE (unique-constraint) and a
 * 32-bit counter (prefer-bigint-over-int).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('legacy', (t) => t.increments('id'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('legacy', (t) => t.dropColumn('id'));
}

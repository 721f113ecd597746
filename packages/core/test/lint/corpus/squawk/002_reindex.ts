import type { Knex } from 'knex';

/** reindex-not-concurrent; near miss: a REINDEX of a table made in the same migration. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('REINDEX TABLE accounts');
  await knex.raw('CREATE TABLE scratch (id bigint PRIMARY KEY)');
  await knex.raw('REINDEX TABLE scratch');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE scratch');
}

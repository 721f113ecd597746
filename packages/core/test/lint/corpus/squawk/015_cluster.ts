import type { Knex } from 'knex';

/** vacuum-full-or-cluster (squawk prefer-repack). Near miss: CLUSTER of a table made in the same migration. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CLUSTER accounts USING accounts_pkey');
  await knex.raw('CREATE TABLE staging (id bigint PRIMARY KEY)');
  await knex.raw('CLUSTER staging USING staging_pkey');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE staging');
}

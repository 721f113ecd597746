import type { Knex } from 'knex';

/** tenants existed before the migrations (the setup made it): an index on it blocks its writes. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tenants', (t) => t.index(['name'], 'tenants_name_idx'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tenants', (t) => t.dropIndex(['name'], 'tenants_name_idx'));
}

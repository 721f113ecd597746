import type { Knex } from 'knex';

/** Unqualified names: tenants and current_tenant() are found through the setup's search_path, projects lands in app. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('projects', (t) => {
    t.bigInteger('id').primary();
    t.bigInteger('tenant_id').notNullable().defaultTo(knex.raw('current_tenant()')).references('tenants.id');
    t.text('name');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('projects');
}

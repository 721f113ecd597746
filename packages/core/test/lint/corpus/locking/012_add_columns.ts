import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid()');
  await knex.raw('ALTER TABLE accounts ADD COLUMN seq serial');
  await knex.raw('ALTER TABLE accounts ADD COLUMN doubled bigint GENERATED ALWAYS AS (team_id * 2) STORED');
  // Near misses: stable and constant defaults are stored once in the catalog (PostgreSQL 11+).
  await knex.raw('ALTER TABLE accounts ADD COLUMN created_at timestamptz DEFAULT now()');
  await knex.schema.alterTable('accounts', (t) => t.boolean('active').notNullable().defaultTo(true));
}

export async function down(): Promise<void> {}

import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts ALTER COLUMN team_id TYPE bigint');
  await knex.raw('ALTER TABLE accounts ALTER COLUMN name TYPE varchar(10)');
  await knex.raw('ALTER TABLE accounts ALTER COLUMN left_at TYPE timestamptz');
}

export async function down(): Promise<void> {}

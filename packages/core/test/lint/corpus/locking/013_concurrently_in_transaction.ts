import type { Knex } from 'knex';

/** Forgot config = { transaction: false }: PostgreSQL refuses, the lint reports instead of crashing. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX CONCURRENTLY accounts_note_idx ON accounts (note)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX CONCURRENTLY accounts_note_idx');
}

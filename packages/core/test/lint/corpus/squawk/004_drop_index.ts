import type { Knex } from 'knex';

/** drop-index-not-concurrent (squawk require-concurrent-index-deletion). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX accounts_note_idx');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX accounts_note_idx ON accounts (note)');
}

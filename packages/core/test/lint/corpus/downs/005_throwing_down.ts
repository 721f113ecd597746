import type { Knex } from 'knex';

/** Near miss for empty-down: a down() that says why it cannot undo up() is a decision, reported as info. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`UPDATE notes SET body = trim(body) WHERE body <> trim(body)`);
}

export async function down(): Promise<void> {
  throw new Error('irreversible: the untrimmed text is gone');
}

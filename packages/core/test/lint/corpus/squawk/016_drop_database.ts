import type { Knex } from 'knex';

export const config = { transaction: false };

/** drop-database (squawk ban-drop-database): whatever the name, a migration has no business dropping a database. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP DATABASE IF EXISTS strata_lint_corpus_never_created');
}

export async function down(): Promise<void> {
  throw new Error('irreversible: a dropped database is gone');
}

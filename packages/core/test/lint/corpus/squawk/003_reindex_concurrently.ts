import type { Knex } from 'knex';

export const config = { transaction: false };

/** Near miss for reindex-not-concurrent. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('REINDEX INDEX CONCURRENTLY accounts_email_idx');
}

export async function down(): Promise<void> {
  throw new Error('irreversible: a rebuilt index cannot be un-rebuilt (and needs no undo)');
}

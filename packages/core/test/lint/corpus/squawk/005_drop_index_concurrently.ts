import type { Knex } from 'knex';

export const config = { transaction: false };

/** Near miss for drop-index-not-concurrent. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS accounts_email_idx');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_idx ON accounts (email)');
}

import type { Knex } from 'knex';

/**
 * Forgot config = { transaction: false }: PostgreSQL refuses the CONCURRENTLY index. The lint
 * applies it outside a transaction, as the fix would, so the DROP COLUMN after it is linted too
 * and 003 finds the index it needs.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE UNIQUE INDEX CONCURRENTLY accounts_email_uidx ON accounts (email)');
  await knex.raw('ALTER TABLE accounts DROP COLUMN legacy');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts ADD COLUMN legacy text');
  await knex.raw('DROP INDEX CONCURRENTLY accounts_email_uidx');
}

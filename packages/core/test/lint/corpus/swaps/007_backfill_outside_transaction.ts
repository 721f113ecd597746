import type { Knex } from 'knex';

export const config = { transaction: false };

/** Near miss for backfill-in-transaction: outside a transaction the ADD COLUMN's lock is gone before the UPDATE starts. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE users ADD COLUMN IF NOT EXISTS score integer');
  await knex.raw('UPDATE users SET score = 0');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE users DROP COLUMN IF EXISTS score');
}

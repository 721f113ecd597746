import type { Knex } from 'knex';

export const config = { transaction: false };

/** uncommitted-transaction: the BEGIN is never committed, so the UPDATE never lands. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('BEGIN');
  await knex.raw(`UPDATE accounts SET note = 'migrated' WHERE id = 0`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`UPDATE accounts SET note = NULL WHERE id = 0`);
}

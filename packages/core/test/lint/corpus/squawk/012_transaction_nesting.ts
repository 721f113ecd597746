import type { Knex } from 'knex';

/** transaction-nesting: BEGIN and COMMIT inside the runner's transaction. Near miss: knex.transaction() (a savepoint). */
export async function up(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => trx.raw('ALTER TABLE accounts ADD COLUMN plan text'));
  await knex.raw('BEGIN');
  await knex.raw('ALTER TABLE accounts ADD COLUMN region text');
  await knex.raw('COMMIT');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts DROP COLUMN region, DROP COLUMN plan');
}

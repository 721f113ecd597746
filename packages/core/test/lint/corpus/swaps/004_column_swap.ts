import type { Knex } from 'knex';

/**
 * Near miss for drop-column and rename-column: a column swap (amount becomes bigint). The real
 * risk is reported instead: the backfill runs while the ADD COLUMN's lock is held.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE orders ADD COLUMN amount_new bigint');
  await knex.raw('UPDATE orders SET amount_new = amount');
  await knex.raw('ALTER TABLE orders DROP COLUMN amount');
  await knex.raw('ALTER TABLE orders RENAME COLUMN amount_new TO amount');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE orders ADD COLUMN amount_old integer');
  await knex.raw('UPDATE orders SET amount_old = amount');
  await knex.raw('ALTER TABLE orders DROP COLUMN amount');
  await knex.raw('ALTER TABLE orders RENAME COLUMN amount_old TO amount');
}

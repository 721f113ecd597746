/**
 * P0 on a live table: booking_items gets quantity, unit_price and status.
 *
 * Online: catalog-only columns and NOT VALID checks (validated by 20260102000900).
 * - quantity: NOT NULL DEFAULT 1 — true for every old item (one test, one sample).
 * - unit_price: nullable. Items booked before P0 never recorded a price (the booking's
 *   total_amount holds what was charged), and copying today's tests.price into them would
 *   rewrite history with a price that may not have applied. New items carry the price at booking.
 * - status: nullable, with DEFAULT 'pending' set after the column exists, so new items start
 *   'pending' while old ones stay NULL ("before item tracking: read the booking's status").
 *   ADD COLUMN … NOT NULL DEFAULT 'pending' would claim every completed old item is pending.
 */
import type { Knex } from 'knex';
import { ckName, money } from '@strata/core';
import { BookingItemStatus } from '../src/enums';
import { addCheckNotValid, limitLockWait } from '../src/online-ddl';
import { Table } from '../src/tables';

const TABLE = Table.bookingItems;

export async function up(knex: Knex): Promise<void> {
  await limitLockWait(knex);
  await BookingItemStatus.create(knex, { values: ['pending', 'sample_collected', 'processing', 'completed', 'cancelled'] });
  await knex.schema.alterTable(TABLE, (t) => {
    t.integer('quantity').notNullable().defaultTo(1);
    money(t, 'unit_price').nullable();
    BookingItemStatus.column(t, 'status').nullable();
  });
  // Only new rows get the default; the rows above keep NULL (no rewrite either way).
  await knex.raw(`ALTER TABLE ?? ALTER COLUMN status SET DEFAULT 'pending'`, [TABLE]);
  await addCheckNotValid(knex, TABLE, 'quantity_positive', 'quantity > 0');
  await addCheckNotValid(knex, TABLE, 'unit_price_not_negative', 'unit_price >= 0');
}

export async function down(knex: Knex): Promise<void> {
  await limitLockWait(knex);
  await knex.schema.alterTable(TABLE, (t) => {
    t.dropChecks([ckName(TABLE, 'quantity_positive'), ckName(TABLE, 'unit_price_not_negative')]);
    t.dropColumns('quantity', 'unit_price', 'status');
  });
  await BookingItemStatus.drop(knex);
}

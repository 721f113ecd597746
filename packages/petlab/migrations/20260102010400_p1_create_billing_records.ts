/**
 * P1: billing_records — day-wise and month-wise billing summaries: bookings and tests billed,
 * gross, discounts, distance fees, net (derived) and collected amounts for one day or one
 * calendar month. One record per period; regenerating a period updates its row.
 * A day period starts at 00:00 Asia/Kolkata of period_start; a month period on its 1st.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, money, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { BillingPeriod } from '../src/enums';
import { Table } from '../src/tables';

const TABLE = Table.billingRecords;

export async function up(knex: Knex): Promise<void> {
  await BillingPeriod.create(knex, { values: ['day', 'month'] });
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    BillingPeriod.column(t, 'period_type').notNullable();
    t.date('period_start').notNullable();
    t.integer('bookings_count').notNullable().defaultTo(0);
    t.integer('tests_count').notNullable().defaultTo(0);
    money(t, 'gross_amount').notNullable().defaultTo(0);
    money(t, 'discount_amount').notNullable().defaultTo(0);
    money(t, 'distance_fee_amount').notNullable().defaultTo(0);
    // Derived, so it can never disagree with its parts.
    t.specificType('net_amount', 'numeric(19,4) GENERATED ALWAYS AS (gross_amount - discount_amount + distance_fee_amount) STORED');
    money(t, 'collected_amount').notNullable().defaultTo(0);
    // RESTRICT: who generated or signed off a period's figures stays known. NULL = the nightly job.
    foreignKey(t, TABLE, 'generated_by', { references: Table.staff, onDelete: 'restrict', nullable: true });
    t.timestamp('generated_at', { useTz: true }).notNullable().defaultTo(knex.raw('now()'));
    t.text('notes').nullable();
    timestamps(t, knex);
    t.unique(['period_type', 'period_start'], { indexName: uqName(TABLE, ['period_type', 'period_start']) });
    t.check(`period_type <> 'month' OR extract(day FROM period_start) = 1`, {}, ckName(TABLE, 'month_starts_on_first'));
    t.check('bookings_count >= 0 AND tests_count >= 0', {}, ckName(TABLE, 'counts_not_negative'));
    t.check(
      'gross_amount >= 0 AND discount_amount >= 0 AND distance_fee_amount >= 0 AND collected_amount >= 0 AND discount_amount <= gross_amount',
      {},
      ckName(TABLE, 'amounts_valid'),
    );
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await BillingPeriod.drop(knex);
}

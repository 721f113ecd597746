/** Usage counters of a subscription for one billing period, kept current from rated CDRs. */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, money, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { Table } from '../src/tables';

const TABLE = Table.subscriptionUsage;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // CASCADE: these are derived counters, rebuilt from CDRs; they have no value of their own.
    foreignKey(t, TABLE, 'subscription_id', { references: Table.subscriptions, onDelete: 'cascade' });
    t.date('billing_period_start').notNullable();
    t.date('billing_period_end').notNullable();
    t.integer('minutes_used').notNullable().defaultTo(0);
    // The plan's allowance when the period started (a plan change does not rewrite history).
    t.integer('included_minutes').notNullable().defaultTo(0);
    t.integer('overage_minutes').notNullable().defaultTo(0);
    money(t, 'overage_charges').notNullable().defaultTo(0);
    t.integer('total_calls').notNullable().defaultTo(0);
    t.integer('peak_concurrent_calls').notNullable().defaultTo(0);
    t.integer('dids_used').notNullable().defaultTo(0);
    // start_time of the last CDR counted: the aggregator resumes from here.
    t.timestamp('last_cdr_at', { useTz: true }).nullable();
    timestamps(t, knex);
    // One row per subscription and period: the aggregator upserts on it.
    t.unique(['subscription_id', 'billing_period_start'], { indexName: uqName(TABLE, ['subscription_id', 'billing_period_start']) });
    t.index(['billing_period_start', 'billing_period_end'], ixName(TABLE, ['billing_period_start', 'billing_period_end']));
    t.check('billing_period_end >= billing_period_start', {}, ckName(TABLE, 'period_valid'));
    t.check(
      'minutes_used >= 0 AND included_minutes >= 0 AND overage_minutes >= 0 AND total_calls >= 0',
      {},
      ckName(TABLE, 'counters_not_negative'),
    );
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
}

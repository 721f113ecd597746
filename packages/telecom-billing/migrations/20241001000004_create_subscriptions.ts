/** A customer's subscription to a rate plan, charged to one of its accounts. */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, money, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { BillingCycle, SubscriptionStatus } from '../src/enums';
import { DEFAULT_CURRENCY, Table } from '../src/tables';

const TABLE = Table.subscriptions;

export async function up(knex: Knex): Promise<void> {
  await BillingCycle.create(knex);
  await SubscriptionStatus.create(knex);
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    t.string('subscription_number', 20).notNullable();
    // RESTRICT on all three: a subscription is the basis of invoices, payments and CDR rating;
    // it ends by status (cancelled, expired), never by a cascade from its customer, account or plan.
    foreignKey(t, TABLE, 'customer_id', { references: Table.customers, onDelete: 'restrict' });
    foreignKey(t, TABLE, 'account_id', { references: Table.accounts, onDelete: 'restrict' });
    // RESTRICT: a plan with subscribers cannot be deleted; retire it with rate_plans.is_active.
    foreignKey(t, TABLE, 'rate_plan_id', { references: Table.ratePlans, onDelete: 'restrict' });
    BillingCycle.column(t, 'billing_cycle').notNullable().defaultTo('monthly');
    SubscriptionStatus.column(t, 'status').notNullable().defaultTo('active');
    // Price agreed at subscription time: a later plan price change does not alter it.
    money(t, 'price').notNullable();
    t.string('currency', 3).notNullable().defaultTo(DEFAULT_CURRENCY);
    t.date('start_date').notNullable();
    t.date('end_date').nullable();
    t.date('current_period_start').notNullable();
    t.date('current_period_end').notNullable();
    t.date('next_billing_date').nullable();
    t.timestamp('trial_ends_at', { useTz: true }).nullable();
    t.boolean('auto_renew').notNullable().defaultTo(true);
    t.timestamp('cancelled_at', { useTz: true }).nullable();
    t.text('cancellation_reason').nullable();
    t.jsonb('metadata').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    timestamps(t, knex);
    t.unique(['subscription_number'], { indexName: uqName(TABLE, ['subscription_number']) });
    t.index(['status'], ixName(TABLE, ['status']));
    // The billing job scans for subscriptions due today.
    t.index(['next_billing_date'], ixName(TABLE, ['next_billing_date']));
    t.check('price >= 0', {}, ckName(TABLE, 'price_not_negative'));
    t.check('current_period_end >= current_period_start', {}, ckName(TABLE, 'period_valid'));
    t.check('end_date IS NULL OR end_date >= start_date', {}, ckName(TABLE, 'end_after_start'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await SubscriptionStatus.drop(knex);
  await BillingCycle.drop(knex);
}

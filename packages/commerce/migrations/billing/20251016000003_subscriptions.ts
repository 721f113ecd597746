/**
 * Billing workstream: subscriptions (ERD `Subscription`: user, plan), mirrored from Stripe by its
 * webhooks. Renewals are charged by Stripe and recorded as orders with payments and invoices,
 * so every charge follows one path (orders → payments → invoices).
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { SubscriptionStatus } from '../../src/enums';
import { Table } from '../../src/tables';

export async function up(knex: Knex): Promise<void> {
  await SubscriptionStatus.create(knex, { values: ['trialing', 'active', 'past_due', 'unpaid', 'canceled', 'incomplete', 'incomplete_expired', 'paused'] });

  await knex.schema.createTable(Table.subscriptions, (t) => {
    uuidPrimaryKey(t, Table.subscriptions, knex);
    // RESTRICT: a subscription is a billing relationship (and has a twin at Stripe); it ends by
    // status, never by deleting its user. Indexing plan: user_id (this foreign key's index).
    foreignKey(t, Table.subscriptions, 'user_id', { references: Table.users, onDelete: 'restrict' });
    // RESTRICT: a plan with subscribers is retired (is_active), not deleted.
    foreignKey(t, Table.subscriptions, 'subscription_plan_id', { references: Table.subscriptionPlans, onDelete: 'restrict' });
    // Stripe Subscription (sub_…): one row per subscription, however often Stripe reports it.
    t.string('stripe_subscription_id', 255).notNullable();
    SubscriptionStatus.column(t, 'status').notNullable().defaultTo('incomplete');
    t.timestamp('current_period_start', { useTz: true }).notNullable();
    t.timestamp('current_period_end', { useTz: true }).notNullable();
    t.boolean('cancel_at_period_end').notNullable().defaultTo(false);
    t.timestamp('trial_ends_at', { useTz: true }).nullable();
    t.timestamp('canceled_at', { useTz: true }).nullable();
    t.timestamp('ended_at', { useTz: true }).nullable();
    timestamps(t, knex);
    // Indexing plan: unique stripe_subscription_id.
    t.unique(['stripe_subscription_id'], { indexName: uqName(Table.subscriptions, ['stripe_subscription_id']) });
    t.check('current_period_end > current_period_start', {}, ckName(Table.subscriptions, 'period_ordered'));
  });
  await addUpdatedAtTrigger(knex, Table.subscriptions);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(Table.subscriptions);
  await SubscriptionStatus.drop(knex);
}

/**
 * Logged migration 05 (`20251015_05_product_configuration`): configurable product structures —
 * option group types, add-ons, custom fields — and subscription plans.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, money, softDelete, timestamps, uniqueWhereNotDeleted, uqName, uuidPrimaryKey } from '@strata/core';
import { currency, emptyObject, notNegative, wholeCents } from '../../src/columns';
import { BillingInterval, CustomFieldType, OptionGroupType } from '../../src/enums';
import { Table } from '../../src/tables';

export async function up(knex: Knex): Promise<void> {
  await OptionGroupType.create(knex, { values: ['single_choice', 'multi_choice', 'quantity'] });
  await CustomFieldType.create(knex, { values: ['text', 'textarea', 'url', 'email', 'number', 'date', 'instagram_handle'] });
  await BillingInterval.create(knex, { values: ['month', 'year'] });

  // A constant default: PostgreSQL 11+ records it in the catalog, no table rewrite, and existing
  // groups (all single choices until now) get the right value.
  await knex.schema.alterTable(Table.productOptionGroups, (t) => {
    OptionGroupType.column(t, 'group_type').notNullable().defaultTo('single_choice');
  });

  await knex.schema.createTable(Table.productAddOns, (t) => {
    uuidPrimaryKey(t, Table.productAddOns, knex);
    // CASCADE: an add-on is part of its product (soft-deleted like it).
    foreignKey(t, Table.productAddOns, 'product_id', { references: Table.products, onDelete: 'cascade' });
    t.string('code', 64).notNullable();
    t.string('name', 200).notNullable();
    t.text('description').nullable();
    money(t, 'price_gross').notNullable();
    currency(t);
    t.integer('sort_order').notNullable().defaultTo(0);
    timestamps(t, knex);
    softDelete(t);
    uniqueWhereNotDeleted(t, Table.productAddOns, ['product_id', 'code'], knex);
    t.check(`${notNegative(['price_gross'])} AND ${wholeCents(['price_gross'])}`, {}, ckName(Table.productAddOns, 'price_valid'));
  });
  await addUpdatedAtTrigger(knex, Table.productAddOns);

  await knex.schema.createTable(Table.productCustomFields, (t) => {
    uuidPrimaryKey(t, Table.productCustomFields, knex);
    // CASCADE: a field is part of its product's checkout form. Orders keep the values typed in
    // (order_items.selections), so deleting a field loses nothing sold.
    foreignKey(t, Table.productCustomFields, 'product_id', { references: Table.products, onDelete: 'cascade' });
    // Key of the value in order_items.selections.fields, e.g. 'instagram_handle'.
    t.string('field_key', 64).notNullable();
    t.string('label', 200).notNullable();
    CustomFieldType.column(t, 'field_type').notNullable().defaultTo('text');
    t.boolean('is_required').notNullable().defaultTo(false);
    t.text('help_text').nullable();
    // Extra rules for the form, e.g. { "max_length": 500 }.
    t.jsonb('validation').notNullable().defaultTo(emptyObject(knex));
    t.integer('sort_order').notNullable().defaultTo(0);
    timestamps(t, knex);
    t.unique(['product_id', 'field_key'], { indexName: uqName(Table.productCustomFields, ['product_id', 'field_key']) });
    t.check(`field_key ~ '^[a-z][a-z0-9_]*$'`, {}, ckName(Table.productCustomFields, 'field_key_format'));
  });
  await addUpdatedAtTrigger(knex, Table.productCustomFields);

  await knex.schema.createTable(Table.subscriptionPlans, (t) => {
    uuidPrimaryKey(t, Table.subscriptionPlans, knex);
    // RESTRICT: a plan is what subscriptions were sold as; retire it with is_active.
    foreignKey(t, Table.subscriptionPlans, 'product_id', { references: Table.products, onDelete: 'restrict' });
    t.string('code', 64).notNullable();
    t.string('name', 200).notNullable();
    // The Stripe Price (price_…) that bills this plan: one plan per price.
    t.string('stripe_price_id', 255).notNullable();
    BillingInterval.column(t, 'billing_interval').notNullable().defaultTo('month');
    t.smallint('interval_count').notNullable().defaultTo(1);
    money(t, 'price_gross').notNullable();
    currency(t);
    t.smallint('trial_days').notNullable().defaultTo(0);
    t.boolean('is_active').notNullable().defaultTo(true);
    timestamps(t, knex);
    t.unique(['code'], { indexName: uqName(Table.subscriptionPlans, ['code']) });
    t.unique(['stripe_price_id'], { indexName: uqName(Table.subscriptionPlans, ['stripe_price_id']) });
    t.check(`${notNegative(['price_gross'])} AND ${wholeCents(['price_gross'])}`, {}, ckName(Table.subscriptionPlans, 'price_valid'));
    t.check('interval_count BETWEEN 1 AND 12 AND trial_days >= 0', {}, ckName(Table.subscriptionPlans, 'interval_valid'));
  });
  await addUpdatedAtTrigger(knex, Table.subscriptionPlans);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(Table.subscriptionPlans);
  await knex.schema.dropTable(Table.productCustomFields);
  await knex.schema.dropTable(Table.productAddOns);
  await knex.schema.alterTable(Table.productOptionGroups, (t) => {
    t.dropColumn('group_type');
  });
  await BillingInterval.drop(knex);
  await CustomFieldType.drop(knex);
  await OptionGroupType.drop(knex);
}

/** Prepaid accounts spend a balance; postpaid accounts are invoiced up to a credit limit. */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, money, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { AccountStatus, AccountType } from '../src/enums';
import { DEFAULT_CURRENCY, Table } from '../src/tables';

const TABLE = Table.accounts;

export async function up(knex: Knex): Promise<void> {
  await AccountType.create(knex);
  await AccountStatus.create(knex);
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // RESTRICT: an account holds money (a prepaid balance or postpaid dues); deleting the
    // customer must not make it vanish. Close the account (status) instead.
    foreignKey(t, TABLE, 'customer_id', { references: Table.customers, onDelete: 'restrict' });
    t.string('account_number', 20).notNullable();
    AccountType.column(t, 'account_type').notNullable();
    AccountStatus.column(t, 'status').notNullable().defaultTo('active');
    t.string('currency', 3).notNullable().defaultTo(DEFAULT_CURRENCY);
    // Prepaid: money left to spend. Postpaid: unbilled usage is tracked on invoices, balance stays 0.
    money(t, 'balance').notNullable().defaultTo(0);
    // Postpaid: how much usage may accrue before service is suspended; 0 for prepaid.
    money(t, 'credit_limit').notNullable().defaultTo(0);
    // Notify the customer when a prepaid balance falls below this.
    money(t, 'low_balance_threshold').nullable();
    t.boolean('auto_recharge_enabled').notNullable().defaultTo(false);
    money(t, 'auto_recharge_amount').nullable();
    money(t, 'auto_recharge_threshold').nullable();
    // Day of month the cycle starts; at most 28 so every month has it.
    t.smallint('billing_cycle_day').notNullable().defaultTo(1);
    // Postpaid: days between invoice and due date.
    t.smallint('payment_terms_days').notNullable().defaultTo(15);
    t.timestamp('last_recharge_at', { useTz: true }).nullable();
    t.timestamp('suspended_at', { useTz: true }).nullable();
    t.text('suspension_reason').nullable();
    t.jsonb('metadata').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    timestamps(t, knex);
    t.unique(['account_number'], { indexName: uqName(TABLE, ['account_number']) });
    t.index(['status'], ixName(TABLE, ['status']));
    t.index(['account_type'], ixName(TABLE, ['account_type']));
    t.check('credit_limit >= 0', {}, ckName(TABLE, 'credit_limit_not_negative'));
    t.check('billing_cycle_day BETWEEN 1 AND 28', {}, ckName(TABLE, 'billing_cycle_day_range'));
    t.check('payment_terms_days >= 0', {}, ckName(TABLE, 'payment_terms_days_not_negative'));
    // Auto-recharge needs to know how much to add and when.
    t.check(
      'NOT auto_recharge_enabled OR (auto_recharge_amount > 0 AND auto_recharge_threshold IS NOT NULL)',
      {},
      ckName(TABLE, 'auto_recharge_configured'),
    );
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await AccountStatus.drop(knex);
  await AccountType.drop(knex);
}

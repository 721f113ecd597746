/** GST invoices: one per account and billing period, with tax and totals. */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, money, MONEY_PRECISION, MONEY_SCALE, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { InvoiceStatus } from '../src/enums';
import { DEFAULT_CURRENCY, Table } from '../src/tables';

const TABLE = Table.invoices;

export async function up(knex: Knex): Promise<void> {
  await InvoiceStatus.create(knex);
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // Sequential per financial year as GST rules require, e.g. INV-2024-000123.
    t.string('invoice_number', 30).notNullable();
    // RESTRICT everywhere: issued tax invoices must be retained; a wrong one is voided
    // (status) and a credit note issued, never deleted with its customer or account.
    foreignKey(t, TABLE, 'customer_id', { references: Table.customers, onDelete: 'restrict' });
    foreignKey(t, TABLE, 'account_id', { references: Table.accounts, onDelete: 'restrict' });
    foreignKey(t, TABLE, 'subscription_id', { references: Table.subscriptions, onDelete: 'restrict', nullable: true });
    InvoiceStatus.column(t, 'status').notNullable().defaultTo('draft');
    t.date('billing_period_start').notNullable();
    t.date('billing_period_end').notNullable();
    t.date('issue_date').notNullable();
    t.date('due_date').notNullable();
    t.string('currency', 3).notNullable().defaultTo(DEFAULT_CURRENCY);
    money(t, 'subtotal').notNullable().defaultTo(0);
    money(t, 'discount_amount').notNullable().defaultTo(0);
    // GST rate in percent (18.00 for telecom services).
    t.decimal('tax_rate', 5, 2).notNullable().defaultTo(18);
    money(t, 'tax_amount').notNullable().defaultTo(0);
    money(t, 'total_amount').notNullable().defaultTo(0);
    money(t, 'amount_paid').notNullable().defaultTo(0);
    // Derived, so it can never disagree with total and paid.
    t.specificType('amount_due', `numeric(${MONEY_PRECISION},${MONEY_SCALE}) GENERATED ALWAYS AS (total_amount - amount_paid) STORED`);
    // Lines as billed: plan charge, overage, DID rentals — frozen at issue time.
    t.jsonb('line_items').notNullable().defaultTo(knex.raw(`'[]'::jsonb`));
    // CGST+SGST (same state) or IGST (other state) amounts, by the customer's place of supply.
    t.jsonb('tax_breakdown').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    t.timestamp('paid_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.unique(['invoice_number'], { indexName: uqName(TABLE, ['invoice_number']) });
    t.index(['status'], ixName(TABLE, ['status']));
    // The dunning job scans for invoices past due.
    t.index(['due_date'], ixName(TABLE, ['due_date']));
    t.index(['issue_date'], ixName(TABLE, ['issue_date']));
    t.check('billing_period_end >= billing_period_start', {}, ckName(TABLE, 'period_valid'));
    t.check('due_date >= issue_date', {}, ckName(TABLE, 'due_after_issue'));
    t.check(
      'subtotal >= 0 AND discount_amount >= 0 AND tax_amount >= 0 AND total_amount >= 0 AND amount_paid >= 0',
      {},
      ckName(TABLE, 'amounts_not_negative'),
    );
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await InvoiceStatus.drop(knex);
}

/**
 * Payments and prepaid top-ups through a gateway. `invoice_id` is created here but its
 * foreign key is added by 20241001000008, once the invoices table exists.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, money, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { PaymentGateway, PaymentMethodType, PaymentPurpose, PaymentStatus } from '../src/enums';
import { DEFAULT_CURRENCY, Table } from '../src/tables';

const TABLE = Table.payments;

export async function up(knex: Knex): Promise<void> {
  await PaymentStatus.create(knex);
  // payment_method_type and payment_gateway are used again by payment_methods (20241001000011).
  await PaymentMethodType.create(knex);
  await PaymentPurpose.create(knex);
  await PaymentGateway.create(knex);
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    t.string('payment_number', 30).notNullable();
    // RESTRICT everywhere: payments are accounting records that must outlive any cleanup
    // of customers, accounts or subscriptions (refund or void instead).
    foreignKey(t, TABLE, 'customer_id', { references: Table.customers, onDelete: 'restrict' });
    foreignKey(t, TABLE, 'account_id', { references: Table.accounts, onDelete: 'restrict' });
    foreignKey(t, TABLE, 'subscription_id', { references: Table.subscriptions, onDelete: 'restrict', nullable: true });
    // The invoice this payment settles; constraint fk_payments_invoice_id comes in 20241001000008.
    t.uuid('invoice_id').nullable();
    t.index(['invoice_id'], ixName(TABLE, ['invoice_id']));
    money(t, 'amount').notNullable();
    t.string('currency', 3).notNullable().defaultTo(DEFAULT_CURRENCY);
    PaymentStatus.column(t, 'status').notNullable().defaultTo('pending');
    PaymentMethodType.column(t, 'payment_method').nullable();
    PaymentPurpose.column(t, 'purpose').notNullable();
    PaymentGateway.column(t, 'gateway').notNullable();
    // The gateway's order and payment ids (e.g. Razorpay order_…, pay_…): webhooks find the payment by them.
    t.string('gateway_order_id', 100).nullable();
    t.string('gateway_payment_id', 100).nullable();
    t.jsonb('gateway_response').nullable();
    t.string('failure_code', 100).nullable();
    t.text('failure_reason').nullable();
    money(t, 'refunded_amount').notNullable().defaultTo(0);
    t.timestamp('refunded_at', { useTz: true }).nullable();
    t.timestamp('paid_at', { useTz: true }).nullable();
    t.jsonb('metadata').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    timestamps(t, knex);
    t.unique(['payment_number'], { indexName: uqName(TABLE, ['payment_number']) });
    t.index(['status'], ixName(TABLE, ['status']));
    // One row per gateway payment: a webhook delivered twice cannot record the payment twice.
    // Its leading column also serves lookups by gateway, so there is no separate gateway index.
    t.unique(['gateway', 'gateway_payment_id'], { indexName: uqName(TABLE, ['gateway', 'gateway_payment_id']) });
    t.index(['gateway_payment_id'], ixName(TABLE, ['gateway_payment_id']));
    t.check('amount > 0', {}, ckName(TABLE, 'amount_positive'));
    t.check('refunded_amount >= 0 AND refunded_amount <= amount', {}, ckName(TABLE, 'refund_within_amount'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await PaymentGateway.drop(knex);
  await PaymentPurpose.drop(knex);
  await PaymentMethodType.drop(knex);
  await PaymentStatus.drop(knex);
}

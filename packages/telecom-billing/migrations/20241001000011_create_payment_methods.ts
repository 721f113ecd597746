/** Saved payment instruments: gateway tokens and display details, never card numbers (PCI DSS). */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { PaymentGateway, PaymentMethodType } from '../src/enums';
import { Table } from '../src/tables';

const TABLE = Table.paymentMethods;

// payment_method_type and payment_gateway were created by 20241001000006 (payments), which owns them.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // CASCADE: a saved instrument is a convenience of its customer; payments keep their own
    // gateway ids, so nothing of accounting value is lost with it.
    foreignKey(t, TABLE, 'customer_id', { references: Table.customers, onDelete: 'cascade' });
    PaymentMethodType.column(t, 'type').notNullable();
    PaymentGateway.column(t, 'gateway').notNullable();
    // The customer and the token at the gateway (e.g. Razorpay cust_…, token_…).
    t.string('gateway_customer_id', 100).nullable();
    t.string('gateway_payment_method_id', 100).notNullable();
    t.boolean('is_default').notNullable().defaultTo(false);
    t.string('card_brand', 30).nullable();
    t.string('card_last4', 4).nullable();
    t.smallint('card_exp_month').nullable();
    t.smallint('card_exp_year').nullable();
    // UPI virtual payment address, e.g. name@bank.
    t.string('upi_id', 100).nullable();
    t.string('bank_name', 100).nullable();
    t.jsonb('metadata').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    timestamps(t, knex);
    t.unique(['gateway', 'gateway_payment_method_id'], { indexName: uqName(TABLE, ['gateway', 'gateway_payment_method_id']) });
    // At most one default instrument per customer.
    t.unique(['customer_id', 'is_default'], { indexName: uqName(TABLE, ['customer_id', 'is_default']), predicate: knex.whereRaw('is_default') });
    t.check('card_exp_month IS NULL OR card_exp_month BETWEEN 1 AND 12', {}, ckName(TABLE, 'card_exp_month_range'));
    t.check(`card_last4 IS NULL OR card_last4 ~ '^[0-9]{4}$'`, {}, ckName(TABLE, 'card_last4_digits'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
}

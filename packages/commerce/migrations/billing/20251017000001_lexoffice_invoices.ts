/**
 * Lexoffice workstream: invoices of orders (ERD `Invoice`) and the log of every call made to the
 * Lexoffice API for them (ERD `LexofficeSyncLog`).
 *
 * Invoices are retained for the statutory period of German tax law (§ 147 AO, § 14b UStG), with
 * the buyer's name and address as issued: GDPR erasure does not touch them (Art. 17(3)(b)).
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, money, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { currency, emptyObject, notNegative, wholeCents } from '../../src/columns';
import { InvoiceStatus, LexofficeSyncOperation, LexofficeSyncStatus } from '../../src/enums';
import { Table } from '../../src/tables';

export async function up(knex: Knex): Promise<void> {
  await InvoiceStatus.create(knex, { values: ['draft', 'issued', 'paid', 'voided'] });
  await LexofficeSyncOperation.create(knex, { values: ['create_invoice', 'finalize_invoice', 'render_document', 'create_credit_note'] });
  await LexofficeSyncStatus.create(knex, { values: ['pending', 'succeeded', 'failed'] });

  await knex.schema.createTable(Table.invoices, (t) => {
    uuidPrimaryKey(t, Table.invoices, knex);
    // RESTRICT: an invoice must outlive everything it points at (retention); an order with an
    // invoice cannot be deleted. A wrong invoice is voided with a credit note.
    foreignKey(t, Table.invoices, 'order_id', { references: Table.orders, onDelete: 'restrict' });
    // The invoice number printed on it (German law: unique and sequential), e.g. RE-2025-00042.
    t.string('invoice_number', 32).notNullable();
    InvoiceStatus.column(t, 'status').notNullable().defaultTo('draft');
    currency(t);
    money(t, 'net_amount').notNullable();
    money(t, 'tax_amount').notNullable();
    money(t, 'gross_amount').notNullable();
    // The buyer as invoiced: kept for the retention period, not erased.
    t.string('billing_name', 200).notNullable();
    t.jsonb('billing_address').notNullable();
    t.string('billing_vat_id', 20).nullable();
    t.timestamp('issued_at', { useTz: true }).nullable();
    t.timestamp('due_at', { useTz: true }).nullable();
    t.timestamp('paid_at', { useTz: true }).nullable();
    t.timestamp('voided_at', { useTz: true }).nullable();
    // Lexoffice's id of the voucher (a UUID) once created there, and of its PDF document.
    t.uuid('lexoffice_invoice_id').nullable();
    t.uuid('lexoffice_document_file_id').nullable();
    t.timestamp('lexoffice_synced_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.unique(['invoice_number'], { indexName: uqName(Table.invoices, ['invoice_number']) });
    t.unique(['lexoffice_invoice_id'], { indexName: uqName(Table.invoices, ['lexoffice_invoice_id']) });
    t.index(['status'], ixName(Table.invoices, ['status']));
    t.check('gross_amount = net_amount + tax_amount', {}, ckName(Table.invoices, 'gross_is_net_plus_tax'));
    t.check(notNegative(['net_amount', 'tax_amount', 'gross_amount']), {}, ckName(Table.invoices, 'amounts_not_negative'));
    t.check(wholeCents(['net_amount', 'tax_amount', 'gross_amount']), {}, ckName(Table.invoices, 'amounts_whole_cents'));
    t.check(`status = 'draft' OR issued_at IS NOT NULL`, {}, ckName(Table.invoices, 'issued_has_issued_at'));
    t.check(`jsonb_typeof(billing_address) = 'object'`, {}, ckName(Table.invoices, 'billing_address_is_object'));
  });
  await addUpdatedAtTrigger(knex, Table.invoices);

  await knex.schema.createTable(Table.lexofficeSyncLogs, (t) => {
    uuidPrimaryKey(t, Table.lexofficeSyncLogs, knex);
    // CASCADE: the log is diagnostics of its invoice; issued invoices are never deleted.
    foreignKey(t, Table.lexofficeSyncLogs, 'invoice_id', { references: Table.invoices, onDelete: 'cascade' });
    LexofficeSyncOperation.column(t, 'operation').notNullable();
    LexofficeSyncStatus.column(t, 'status').notNullable().defaultTo('pending');
    t.timestamp('attempted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('duration_ms').nullable();
    t.smallint('http_status').nullable();
    // Lexoffice's request id, for their support.
    t.string('request_id', 100).nullable();
    t.text('error_message').nullable();
    // The response body (never the request's API key: that lives in integration_credentials).
    t.jsonb('response').notNullable().defaultTo(emptyObject(knex));
    timestamps(t, knex);
    // The retry job looks for failed calls.
    t.index(['status'], ixName(Table.lexofficeSyncLogs, ['status']));
    t.check('http_status IS NULL OR http_status BETWEEN 100 AND 599', {}, ckName(Table.lexofficeSyncLogs, 'http_status_range'));
  });
  await addUpdatedAtTrigger(knex, Table.lexofficeSyncLogs);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(Table.lexofficeSyncLogs);
  await knex.schema.dropTable(Table.invoices);
  await LexofficeSyncStatus.drop(knex);
  await LexofficeSyncOperation.drop(knex);
  await InvoiceStatus.drop(knex);
}

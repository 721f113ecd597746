/**
 * Demo: Acme Holdings' July 2025 invoice (its two branches' lines, billed to the parent), paid by
 * bank transfer, with the journal entries of both — each balanced, as the ledger's deferred
 * trigger requires at commit. Development only: refused on production targets.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { deleteSeeded, stableId } from '../src';
import { DEMO_CURRENCY, DEMO_INVOICE } from '../src/demo';
import { idOf } from '../src/seeding';
import { Table } from '../src/tables';

export const profile = SeedProfile.demo;

const invoice = DEMO_INVOICE;
const lineKey = (entry: string, line: string) => `${entry}/${line}`;

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'the demo invoice');
  const customerId = stableId(Table.customers, invoice.customer);
  const invoiceId = await ensureRow(knex, Table.invoices, { invoice_number: invoice.number }, {
    id: stableId(Table.invoices, invoice.number),
    invoice_number: invoice.number,
    customer_id: customerId,
    status: 'paid',
    currency: DEMO_CURRENCY,
    issue_date: invoice.issueDate,
    due_date: invoice.dueDate,
    period_start: invoice.periodStart,
    period_end: invoice.periodEnd,
    subtotal: invoice.subtotal,
    tax_total: invoice.taxTotal,
  });
  for (const line of invoice.lines) {
    await ensureRow(knex, Table.invoiceLines, { invoice_id: invoiceId, line_number: line.lineNumber }, {
      id: stableId(Table.invoiceLines, `${invoice.number}/${line.lineNumber}`),
      invoice_id: invoiceId,
      line_number: line.lineNumber,
      service_id: stableId(Table.services, line.service),
      description: line.description,
      quantity: 1,
      unit_price: line.unitPrice,
      amount: line.unitPrice,
      tax_rate: invoice.taxRate,
      tax_amount: line.taxAmount,
      period_start: invoice.periodStart,
      period_end: invoice.periodEnd,
    });
  }
  const { payment } = invoice;
  const paymentId = await ensureRow(knex, Table.payments, { payment_number: payment.number }, {
    id: stableId(Table.payments, payment.number),
    payment_number: payment.number,
    customer_id: customerId,
    amount: invoice.total,
    currency: DEMO_CURRENCY,
    method: payment.method,
    status: 'completed',
    received_at: payment.receivedAt,
    provider: payment.provider,
    provider_reference: payment.providerReference,
  });
  await ensureRow(knex, Table.paymentAllocations, { payment_id: paymentId, invoice_id: invoiceId }, {
    id: stableId(Table.paymentAllocations, payment.number),
    payment_id: paymentId,
    invoice_id: invoiceId,
    amount: invoice.total,
  });
  for (const entry of invoice.entries) {
    const entryId = await ensureRow(knex, Table.journalEntries, { entry_number: entry.number }, {
      id: stableId(Table.journalEntries, entry.number),
      entry_number: entry.number,
      entry_date: entry.date,
      description: entry.description,
      currency: DEMO_CURRENCY,
      source: entry.source,
      invoice_id: entry.source === 'invoice' ? invoiceId : null,
      payment_id: entry.source === 'payment' ? paymentId : null,
    });
    for (const line of entry.lines) {
      await ensureRow(knex, Table.journalLines, { id: stableId(Table.journalLines, lineKey(entry.number, line.key)) }, {
        id: stableId(Table.journalLines, lineKey(entry.number, line.key)),
        journal_entry_id: entryId,
        ledger_account_id: await idOf(knex, Table.ledgerAccounts, { code: line.account }, 'the reference seeds (005_chart_of_accounts)'),
        customer_id: line.customer ? customerId : null,
        debit: line.debit,
        credit: line.credit,
      });
    }
  }
}

/** Whole entries (their lines go with them, so the books stay balanced), then the documents. */
export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.journalEntries, invoice.entries.map((entry) => entry.number));
  await deleteSeeded(knex, Table.paymentAllocations, [invoice.payment.number]);
  await deleteSeeded(knex, Table.payments, [invoice.payment.number]);
  await deleteSeeded(knex, Table.invoiceLines, invoice.lines.map((line) => `${invoice.number}/${line.lineNumber}`));
  await deleteSeeded(knex, Table.invoices, [invoice.number]);
}

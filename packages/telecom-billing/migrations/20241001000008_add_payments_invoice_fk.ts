/**
 * The payments → invoices foreign key. payments is created before invoices (the seed's order:
 * a payment can exist without an invoice, e.g. a prepaid top-up), so this constraint has to
 * wait for the invoices table. Its index, ix_payments_invoice_id, was created with the column.
 */
import type { Knex } from 'knex';
import { fkName } from '@strata/core';
import { Table } from '../src/tables';

const CONSTRAINT = fkName(Table.payments, 'invoice_id');

/**
 * Adding a foreign key takes a SHARE ROW EXCLUSIVE lock on payments while it validates every
 * row. Here payments was created empty two migrations earlier in the same release, so there is
 * nothing to validate; the NOT VALID + VALIDATE split would be ceremony.
 */
export const lint = {
  allow: {
    'fk-not-valid': 'payments is created empty by 20241001000006 in the same initial release: no rows to validate',
  },
};

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable(Table.payments, (t) => {
    // RESTRICT: an invoice with payments against it is voided, never deleted; a payment
    // must not silently lose the invoice it settled.
    t.foreign('invoice_id', CONSTRAINT).references('id').inTable(Table.invoices).onDelete('RESTRICT');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable(Table.payments, (t) => {
    t.dropForeign('invoice_id', CONSTRAINT);
  });
}

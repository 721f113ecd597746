/**
 * Step 9 of 17 — 35b46255a705 — Business: Billing system.
 *
 * Invoices and their lines, payments and how they are applied to invoices, credit notes, and the
 * accounting behind them as a double-entry ledger: a chart of accounts (ledger_accounts),
 * journal entries, and their debit and credit lines.
 *
 * Every journal entry balances — enforced by the database, not by the application: a deferred
 * constraint trigger checks, at COMMIT, every entry whose lines the transaction touched (or that
 * it created) has at least two lines and that its debits equal its credits. Deferred because an
 * entry is written line by line: the check must wait until the whole entry is there. A
 * transaction that leaves any entry unbalanced fails at COMMIT with the entry's number and
 * totals, and nothing of it is kept. (`SET CONSTRAINTS trg_journal_lines_balanced IMMEDIATE`
 * checks earlier, e.g. before a long batch goes on.) Each line is a debit or a credit, never
 * both, never zero.
 *
 * Amounts are core's money type, numeric(19,4); one currency per invoice, payment, credit note
 * and journal entry (its lines are in it). Issued documents are voided or credited, never
 * deleted: every key into them is RESTRICT.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, money, MONEY_PRECISION, MONEY_SCALE, timestamps, triggerName, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { foreignKeyCovered } from '../src/columns';
import { CreditNoteStatus, InvoiceStatus, JournalSource, LedgerAccountType, PaymentMethod, PaymentStatus } from '../src/enums';
import { dropFunction, execute, Pattern } from '../src/sql';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 9, revision: '35b46255a705', title: 'Business: Billing system' };

const CURRENCY_CHECK = `currency ~ '${Pattern.currency}'`;

/** Lint findings this migration accepts, each with its reason. */
export const lint = {
  allow: {
    'char-column': 'ISO 3166/4217 codes are exactly two or three letters (checked by pattern): a full-width value is never blank-padded, and char(n) states the fixed width',
  },
};

export async function up(knex: Knex): Promise<void> {
  await InvoiceStatus.create(knex, { values: ['draft', 'issued', 'partially_paid', 'paid', 'void', 'written_off'] });
  await PaymentMethod.create(knex, { values: ['card', 'bank_transfer', 'direct_debit', 'cash', 'cheque', 'mobile_money'] });
  await PaymentStatus.create(knex, { values: ['pending', 'completed', 'failed', 'refunded'] });
  await CreditNoteStatus.create(knex, { values: ['draft', 'issued', 'applied', 'void'] });
  await LedgerAccountType.create(knex, { values: ['asset', 'liability', 'equity', 'revenue', 'expense'] });
  await JournalSource.create(knex, { values: ['invoice', 'payment', 'credit_note', 'adjustment', 'reversal'] });

  await knex.schema.createTable(Table.invoices, (t) => {
    const table = Table.invoices;
    uuidPrimaryKey(t, table, knex);
    t.text('invoice_number').notNullable();
    // RESTRICT: invoices are legal records, kept as long as the law says, whatever happens to the account.
    foreignKey(t, table, 'customer_id', { references: Table.customers, onDelete: 'restrict' });
    InvoiceStatus.column(t, 'status').notNullable().defaultTo('draft');
    t.specificType('currency', 'char(3)').notNullable();
    // A draft has no dates yet; issuing sets them.
    t.date('issue_date').nullable();
    t.date('due_date').nullable();
    t.date('period_start').notNullable();
    t.date('period_end').notNullable();
    money(t, 'subtotal').notNullable().defaultTo(0);
    money(t, 'tax_total').notNullable().defaultTo(0);
    // Derived, so it cannot disagree with its parts.
    t.specificType('total', `numeric(${MONEY_PRECISION},${MONEY_SCALE}) GENERATED ALWAYS AS (subtotal + tax_total) STORED`);
    timestamps(t, knex);
    t.unique(['invoice_number'], { indexName: uqName(table, ['invoice_number']) });
    t.index(['status', 'due_date'], ixName(table, ['status', 'due_date']));
    t.check(CURRENCY_CHECK, {}, ckName(table, 'currency_iso'));
    t.check('subtotal >= 0 AND tax_total >= 0', {}, ckName(table, 'amounts_not_negative'));
    t.check('period_end >= period_start', {}, ckName(table, 'period_valid'));
    t.check("status = 'draft' OR (issue_date IS NOT NULL AND due_date IS NOT NULL)", {}, ckName(table, 'issued_has_dates'));
    t.check('due_date >= issue_date', {}, ckName(table, 'due_after_issue'));
  });
  await addUpdatedAtTrigger(knex, Table.invoices);

  await knex.schema.createTable(Table.invoiceLines, (t) => {
    const table = Table.invoiceLines;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: lines are part of their invoice (only a draft is ever deleted). Indexed by uq_invoice_lines_invoice_id_line_number.
    foreignKeyCovered(t, table, 'invoice_id', { references: Table.invoices, onDelete: 'cascade' });
    t.integer('line_number').notNullable();
    // RESTRICT: a billed service is cancelled, never deleted. NULL for one-off charges.
    foreignKey(t, table, 'service_id', { references: Table.services, onDelete: 'restrict', nullable: true });
    t.text('description').notNullable();
    t.decimal('quantity', 12, 4).notNullable().defaultTo(1);
    money(t, 'unit_price').notNullable();
    money(t, 'amount').notNullable();
    // Percent (21.000 = 21 %).
    t.decimal('tax_rate', 6, 3).notNullable().defaultTo(0);
    money(t, 'tax_amount').notNullable().defaultTo(0);
    t.date('period_start').nullable();
    t.date('period_end').nullable();
    timestamps(t, knex);
    t.unique(['invoice_id', 'line_number'], { indexName: uqName(table, ['invoice_id', 'line_number']) });
    t.check('line_number > 0 AND quantity > 0', {}, ckName(table, 'positive_quantity'));
    t.check('amount = round(quantity * unit_price, 4)', {}, ckName(table, 'amount_is_quantity_times_price'));
    t.check('tax_rate BETWEEN 0 AND 100 AND tax_amount >= 0', {}, ckName(table, 'tax_valid'));
    t.check('period_end >= period_start', {}, ckName(table, 'period_valid'));
  });
  await addUpdatedAtTrigger(knex, Table.invoiceLines);

  await knex.schema.createTable(Table.payments, (t) => {
    const table = Table.payments;
    uuidPrimaryKey(t, table, knex);
    t.text('payment_number').notNullable();
    foreignKey(t, table, 'customer_id', { references: Table.customers, onDelete: 'restrict' });
    money(t, 'amount').notNullable();
    t.specificType('currency', 'char(3)').notNullable();
    PaymentMethod.column(t, 'method').notNullable();
    PaymentStatus.column(t, 'status').notNullable().defaultTo('pending');
    t.timestamp('received_at', { useTz: true }).nullable();
    // The payment service and its transaction id: a webhook delivered twice finds its payment.
    t.text('provider').nullable();
    t.text('provider_reference').nullable();
    timestamps(t, knex);
    t.unique(['payment_number'], { indexName: uqName(table, ['payment_number']) });
    t.unique(['provider', 'provider_reference'], { indexName: uqName(table, ['provider', 'provider_reference']) });
    t.check('amount > 0', {}, ckName(table, 'amount_positive'));
    t.check(CURRENCY_CHECK, {}, ckName(table, 'currency_iso'));
    t.check("status <> 'completed' OR received_at IS NOT NULL", {}, ckName(table, 'completed_has_time'));
  });
  await addUpdatedAtTrigger(knex, Table.payments);

  await knex.schema.createTable(Table.paymentAllocations, (t) => {
    const table = Table.paymentAllocations;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: an allocation is part of its payment. RESTRICT: an invoice with payments is kept.
    foreignKeyCovered(t, table, 'payment_id', { references: Table.payments, onDelete: 'cascade' });
    foreignKey(t, table, 'invoice_id', { references: Table.invoices, onDelete: 'restrict' });
    money(t, 'amount').notNullable();
    timestamps(t, knex);
    t.unique(['payment_id', 'invoice_id'], { indexName: uqName(table, ['payment_id', 'invoice_id']) });
    t.check('amount > 0', {}, ckName(table, 'amount_positive'));
  });
  await addUpdatedAtTrigger(knex, Table.paymentAllocations);

  await knex.schema.createTable(Table.creditNotes, (t) => {
    const table = Table.creditNotes;
    uuidPrimaryKey(t, table, knex);
    t.text('credit_note_number').notNullable();
    foreignKey(t, table, 'customer_id', { references: Table.customers, onDelete: 'restrict' });
    // The invoice it corrects; NULL for a goodwill credit on the account.
    foreignKey(t, table, 'invoice_id', { references: Table.invoices, onDelete: 'restrict', nullable: true });
    money(t, 'amount').notNullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.text('reason').notNullable();
    CreditNoteStatus.column(t, 'status').notNullable().defaultTo('draft');
    t.timestamp('issued_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.unique(['credit_note_number'], { indexName: uqName(table, ['credit_note_number']) });
    t.check('amount > 0', {}, ckName(table, 'amount_positive'));
    t.check(CURRENCY_CHECK, {}, ckName(table, 'currency_iso'));
    t.check("status = 'draft' OR issued_at IS NOT NULL", {}, ckName(table, 'issued_has_time'));
  });
  await addUpdatedAtTrigger(knex, Table.creditNotes);

  await knex.schema.createTable(Table.ledgerAccounts, (t) => {
    const table = Table.ledgerAccounts;
    uuidPrimaryKey(t, table, knex);
    // The chart-of-accounts number: '1100' accounts receivable, '4000' internet revenue.
    t.text('code').notNullable();
    t.text('name').notNullable();
    LedgerAccountType.column(t, 'account_type').notNullable();
    // Closed accounts take no new lines (the application's rule); their history stays.
    t.boolean('is_active').notNullable().defaultTo(true);
    t.text('description').nullable();
    timestamps(t, knex);
    t.unique(['code'], { indexName: uqName(table, ['code']) });
    t.check("code ~ '^[0-9]{3,10}$'", {}, ckName(table, 'code_format'));
  });
  await addUpdatedAtTrigger(knex, Table.ledgerAccounts);

  await knex.schema.createTable(Table.journalEntries, (t) => {
    const table = Table.journalEntries;
    uuidPrimaryKey(t, table, knex);
    t.text('entry_number').notNullable();
    t.date('entry_date').notNullable();
    t.text('description').notNullable();
    t.specificType('currency', 'char(3)').notNullable();
    JournalSource.column(t, 'source').notNullable();
    // The document the entry records; exactly the one its source names (check below).
    // RESTRICT: the books keep their documents.
    foreignKey(t, table, 'invoice_id', { references: Table.invoices, onDelete: 'restrict', nullable: true });
    foreignKey(t, table, 'payment_id', { references: Table.payments, onDelete: 'restrict', nullable: true });
    foreignKey(t, table, 'credit_note_id', { references: Table.creditNotes, onDelete: 'restrict', nullable: true });
    // A reversal names the entry it cancels; an entry is reversed at most once.
    // Indexed by uq_journal_entries_reverses_entry_id.
    foreignKeyCovered(t, table, 'reverses_entry_id', { references: table, onDelete: 'restrict', nullable: true });
    t.timestamp('posted_at', { useTz: true }).notNullable().defaultTo(knex.raw('now()'));
    timestamps(t, knex);
    t.unique(['entry_number'], { indexName: uqName(table, ['entry_number']) });
    t.unique(['reverses_entry_id'], { indexName: uqName(table, ['reverses_entry_id']) });
    t.index(['entry_date'], ixName(table, ['entry_date']));
    t.check(CURRENCY_CHECK, {}, ckName(table, 'currency_iso'));
    t.check(
      "(source = 'invoice') = (invoice_id IS NOT NULL) AND (source = 'payment') = (payment_id IS NOT NULL)"
        + " AND (source = 'credit_note') = (credit_note_id IS NOT NULL) AND (source = 'reversal') = (reverses_entry_id IS NOT NULL)",
      {},
      ckName(table, 'source_document'),
    );
  });
  await addUpdatedAtTrigger(knex, Table.journalEntries);

  await knex.schema.createTable(Table.journalLines, (t) => {
    const table = Table.journalLines;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: lines are part of their entry (deleting a whole entry keeps the books balanced).
    foreignKey(t, table, 'journal_entry_id', { references: Table.journalEntries, onDelete: 'cascade' });
    // RESTRICT: an account with postings is closed (is_active), never deleted.
    foreignKey(t, table, 'ledger_account_id', { references: Table.ledgerAccounts, onDelete: 'restrict' });
    // The customer sub-ledger of receivables: whose balance this line moves.
    foreignKey(t, table, 'customer_id', { references: Table.customers, onDelete: 'restrict', nullable: true });
    money(t, 'debit').notNullable().defaultTo(0);
    money(t, 'credit').notNullable().defaultTo(0);
    t.text('memo').nullable();
    timestamps(t, knex);
    t.check('debit >= 0 AND credit >= 0 AND (debit > 0) <> (credit > 0)', {}, ckName(table, 'one_side'));
  });
  await addUpdatedAtTrigger(knex, Table.journalLines);

  await execute(
    knex,
    `CREATE FUNCTION isp_journal_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $isp$
DECLARE
  entry uuid;
  entry_ids uuid[];
  line_count integer;
  debits numeric;
  credits numeric;
  number text;
BEGIN
  IF TG_TABLE_NAME = 'journal_entries' THEN
    entry_ids := ARRAY[NEW.id];
  ELSIF TG_OP = 'INSERT' THEN
    entry_ids := ARRAY[NEW.journal_entry_id];
  ELSIF TG_OP = 'DELETE' THEN
    entry_ids := ARRAY[OLD.journal_entry_id];
  ELSE
    entry_ids := ARRAY[OLD.journal_entry_id, NEW.journal_entry_id];
  END IF;
  FOREACH entry IN ARRAY entry_ids LOOP
    SELECT e.entry_number INTO number FROM journal_entries e WHERE e.id = entry;
    -- An entry deleted with all its lines leaves nothing to balance.
    CONTINUE WHEN NOT FOUND;
    SELECT count(*), coalesce(sum(l.debit), 0), coalesce(sum(l.credit), 0) INTO line_count, debits, credits
      FROM journal_lines l WHERE l.journal_entry_id = entry;
    IF line_count < 2 OR debits <> credits THEN
      RAISE EXCEPTION 'journal entry % does not balance: debits %, credits % over % line(s)', number, debits, credits, line_count
        USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, CONSTRAINT = TG_NAME,
              HINT = 'write every line of an entry in the same transaction, with at least two lines whose debits equal their credits; correct posted entries with a reversal';
    END IF;
  END LOOP;
  RETURN NULL;
END
$isp$`,
  );
  await execute(
    knex,
    `CREATE CONSTRAINT TRIGGER ${triggerName(Table.journalLines, 'balanced')} AFTER INSERT OR UPDATE OR DELETE ON journal_lines
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION isp_journal_entry_balanced()`,
  );
  // An entry inserted without any line is caught too.
  await execute(
    knex,
    `CREATE CONSTRAINT TRIGGER ${triggerName(Table.journalEntries, 'balanced')} AFTER INSERT ON journal_entries
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION isp_journal_entry_balanced()`,
  );
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [Table.journalLines, Table.journalEntries, Table.ledgerAccounts, Table.creditNotes, Table.paymentAllocations, Table.payments, Table.invoiceLines, Table.invoices]) {
    await knex.schema.dropTable(table);
  }
  await dropFunction(knex, 'isp_journal_entry_balanced()');
  for (const type of [JournalSource, LedgerAccountType, CreditNoteStatus, PaymentStatus, PaymentMethod, InvoiceStatus]) await type.drop(knex);
}

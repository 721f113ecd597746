/**
 * Step 10 of 17 — 9e1c7b520e78 — Business: Comprehensive customer schema.
 *
 * Completes the customer: legal and tax identity, language, marketing consent, credit limit,
 * account manager on customers; the people to reach (customer_contacts); how the customer is
 * billed (customer_billing_configs, one per customer: cycle, billing day, payment terms,
 * currency, delivery, tax exemption, and bill_to_parent — a child account of the hierarchy
 * whose charges go on its parent's invoice).
 *
 * customers holds every account by now, so the change is made the way a live table needs
 * (src/online-ddl.ts), outside the runner's transaction:
 *
 * A. one short transaction (lock_timeout 5 s) of catalog-only changes: the new enums and tables,
 *    the new customers columns — each nullable or with a constant default, which PostgreSQL 11+
 *    stores in the catalog without rewriting the table — and their foreign key and checks
 *    added NOT VALID (no scan);
 * B. the indexes on the new columns, built CONCURRENTLY;
 * C. VALIDATE of each constraint, one statement each (SHARE UPDATE EXCLUSIVE: reads and writes go on).
 *
 * Every part checks the catalog first, so a rerun after an interruption (a lock timeout, a row
 * failing validation) does only what is left.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, fkName, foreignKey, ixName, MONEY_PRECISION, MONEY_SCALE, quoteIdentifier, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { foreignKeyCovered } from '../src/columns';
import { BillingCycle, ContactRole, InvoiceDelivery } from '../src/enums';
import { addConstraintNotValid, buildIndexConcurrently, shortTransaction, validateConstraint } from '../src/online-ddl';
import { Pattern } from '../src/sql';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 10, revision: '9e1c7b520e78', title: 'Business: Comprehensive customer schema' };

/** Lint findings this migration accepts, each with its reason. */
export const lint = {
  allow: {
    'char-column': 'ISO 3166/4217 codes are exactly two or three letters (checked by pattern): a full-width value is never blank-padded, and char(n) states the fixed width',
    'prefer-robust-stmts': 'every action of src/online-ddl checks the catalog first (a valid index is skipped, an INVALID one dropped and rebuilt), so a rerun after a failure finishes the step without IF NOT EXISTS',
  },
};

/** CREATE INDEX CONCURRENTLY and a VALIDATE that does not hold the ADD's lock need no transaction around them. */
export const config = { transaction: false };

const CUSTOMERS = Table.customers;

/** Columns added to customers: all nullable or with a constant default (no table rewrite). */
const NEW_COLUMNS = [
  // Registered name of a business customer, when it differs from display_name.
  ['legal_name', 'text'],
  // VAT / GST / EIN number, for invoices and tax exemption checks.
  ['tax_id', 'text'],
  // BCP 47 tag of the language to write to the customer in ('en', 'pt-BR').
  ['preferred_language', 'text'],
  // Consent to marketing campaigns (opt-in, so false until given).
  ['marketing_opt_in', 'boolean NOT NULL DEFAULT false'],
  // Unpaid balance above which services are suspended; NULL = no limit.
  ['credit_limit', `numeric(${MONEY_PRECISION},${MONEY_SCALE})`],
  // The operator who owns the relationship (business and enterprise accounts).
  ['account_manager_id', 'uuid'],
  ['customer_since', 'date'],
] as const;

/** Constraints on the new columns: added NOT VALID in part A, validated in part C. */
const CONSTRAINTS = [
  // SET NULL: an account manager leaving does not touch the customer.
  [fkName(CUSTOMERS, 'account_manager_id'), `FOREIGN KEY (account_manager_id) REFERENCES ${Table.staffUsers} (id) ON DELETE SET NULL`],
  [ckName(CUSTOMERS, 'credit_limit_not_negative'), 'CHECK (credit_limit >= 0)'],
  [ckName(CUSTOMERS, 'preferred_language_bcp47'), "CHECK (preferred_language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$')"],
] as const;

/** Indexes on the new columns: the foreign key's, and lookup by tax number. */
const INDEXES = [
  { name: ixName(CUSTOMERS, ['account_manager_id']), table: CUSTOMERS, columns: ['account_manager_id'] },
  { name: ixName(CUSTOMERS, ['tax_id']), table: CUSTOMERS, columns: ['tax_id'] },
] as const;

export async function up(knex: Knex): Promise<void> {
  // A. Catalog-only changes in one short transaction; skipped when an earlier run committed it.
  if (!(await knex.schema.hasTable(Table.customerBillingConfigs))) {
    await shortTransaction(knex, async (trx) => {
      await createTables(trx);
      await trx.raw(`ALTER TABLE ${quoteIdentifier(CUSTOMERS)} ${NEW_COLUMNS.map(([name, type]) => `ADD COLUMN ${quoteIdentifier(name)} ${type}`).join(', ')}`);
    });
  }
  for (const [name, definition] of CONSTRAINTS) await addConstraintNotValid(knex, CUSTOMERS, name, definition);
  // B. Indexes, concurrently.
  for (const index of INDEXES) await buildIndexConcurrently(knex, index);
  // C. Validation scans, one at a time, reads and writes going on.
  for (const [name] of CONSTRAINTS) await validateConstraint(knex, CUSTOMERS, name);
}

async function createTables(knex: Knex): Promise<void> {
  await ContactRole.create(knex, { values: ['primary', 'billing', 'technical', 'emergency'] });
  await BillingCycle.create(knex, { values: ['monthly', 'quarterly', 'annual'] });
  await InvoiceDelivery.create(knex, { values: ['email', 'post', 'portal'] });

  await knex.schema.createTable(Table.customerContacts, (t) => {
    const table = Table.customerContacts;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: contacts are part of the customer record.
    foreignKey(t, table, 'customer_id', { references: CUSTOMERS, onDelete: 'cascade' });
    ContactRole.column(t, 'role').notNullable();
    t.text('full_name').notNullable();
    t.specificType('email', 'citext').nullable();
    t.text('phone').nullable();
    t.boolean('is_primary').notNullable().defaultTo(false);
    t.text('notes').nullable();
    timestamps(t, knex);
    // One primary contact per role: the invoice email goes to exactly one billing contact.
    t.unique(['customer_id', 'role'], { indexName: uqName(table, ['customer_id', 'role']), predicate: knex.whereRaw('is_primary') });
    t.index(['email'], ixName(table, ['email']));
    t.check('email IS NOT NULL OR phone IS NOT NULL', {}, ckName(table, 'reachable'));
    t.check(`email ~ '${Pattern.email}'`, {}, ckName(table, 'email_format'));
    t.check(`phone ~ '${Pattern.e164}'`, {}, ckName(table, 'phone_e164'));
  });
  await addUpdatedAtTrigger(knex, Table.customerContacts);

  await knex.schema.createTable(Table.customerBillingConfigs, (t) => {
    const table = Table.customerBillingConfigs;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: the configuration is part of the customer. Indexed by uq_customer_billing_configs_customer_id.
    foreignKeyCovered(t, table, 'customer_id', { references: CUSTOMERS, onDelete: 'cascade' });
    BillingCycle.column(t, 'billing_cycle').notNullable().defaultTo('monthly');
    // Day of the month invoices are cut: 1–28, so every month has it.
    t.smallint('billing_day').notNullable().defaultTo(1);
    t.smallint('payment_terms_days').notNullable().defaultTo(14);
    t.specificType('currency', 'char(3)').notNullable();
    InvoiceDelivery.column(t, 'invoice_delivery').notNullable().defaultTo('email');
    // A child account whose charges are invoiced to its parent (the hierarchy of step 1).
    t.boolean('bill_to_parent').notNullable().defaultTo(false);
    t.boolean('tax_exempt').notNullable().defaultTo(false);
    // The exemption certificate's number: an exemption without one is not accepted by an auditor.
    t.text('tax_exemption_reference').nullable();
    t.boolean('auto_pay').notNullable().defaultTo(false);
    t.boolean('dunning_enabled').notNullable().defaultTo(true);
    timestamps(t, knex);
    t.unique(['customer_id'], { indexName: uqName(table, ['customer_id']) });
    t.check('billing_day BETWEEN 1 AND 28', {}, ckName(table, 'billing_day_range'));
    t.check('payment_terms_days BETWEEN 0 AND 180', {}, ckName(table, 'payment_terms_range'));
    t.check(`currency ~ '${Pattern.currency}'`, {}, ckName(table, 'currency_iso'));
    t.check('NOT tax_exempt OR tax_exemption_reference IS NOT NULL', {}, ckName(table, 'exemption_has_reference'));
  });
  await addUpdatedAtTrigger(knex, Table.customerBillingConfigs);
}

export async function down(knex: Knex): Promise<void> {
  // Dropping the columns drops their indexes and constraints with them.
  await shortTransaction(knex, async (trx) => {
    await trx.schema.dropTableIfExists(Table.customerBillingConfigs);
    await trx.schema.dropTableIfExists(Table.customerContacts);
    await trx.raw(`ALTER TABLE ${quoteIdentifier(CUSTOMERS)} ${NEW_COLUMNS.map(([name]) => `DROP COLUMN IF EXISTS ${quoteIdentifier(name)}`).join(', ')}`);
    for (const type of [InvoiceDelivery, BillingCycle, ContactRole]) await type.drop(trx);
  });
}

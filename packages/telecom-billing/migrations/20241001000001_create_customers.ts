/** Billing customers: one per customer login, with KYC state and GST registration. */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, softDelete, timestamps, uniqueWhereNotDeleted, uuidPrimaryKey } from '@strata/core';
import { CustomerStatus, CustomerType, KycStatus } from '../src/enums';
import { Table } from '../src/tables';

const TABLE = Table.customers;

export async function up(knex: Knex): Promise<void> {
  await CustomerType.create(knex);
  await KycStatus.create(knex);
  await CustomerStatus.create(knex);
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // RESTRICT: a customer's accounts, invoices and payments hang off this login; users are
    // soft-deleted, so a hard delete of a login that still has a customer is a mistake to refuse.
    foreignKey(t, TABLE, 'user_id', { references: Table.users, onDelete: 'restrict' });
    t.string('customer_number', 20).notNullable();
    CustomerType.column(t, 'customer_type').notNullable().defaultTo('individual');
    t.string('company_name', 200).nullable();
    // Billing contact, which may differ from the login's email.
    t.string('email', 255).notNullable();
    t.string('phone', 20).nullable();
    // 15-character GST identification number; required on B2B tax invoices.
    t.string('gstin', 15).nullable();
    // Permanent Account Number, part of KYC.
    t.string('pan', 10).nullable();
    KycStatus.column(t, 'kyc_status').notNullable().defaultTo('pending');
    t.timestamp('kyc_verified_at', { useTz: true }).nullable();
    t.text('kyc_rejection_reason').nullable();
    // References to uploaded KYC documents (type, storage key, uploaded_at), never the files.
    t.jsonb('kyc_documents').notNullable().defaultTo(knex.raw(`'[]'::jsonb`));
    t.jsonb('billing_address').nullable();
    // GST state code of the billing address: decides CGST+SGST (same state) or IGST.
    t.string('state_code', 2).nullable();
    t.string('country', 2).notNullable().defaultTo('IN');
    CustomerStatus.column(t, 'status').notNullable().defaultTo('active');
    t.jsonb('metadata').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    timestamps(t, knex);
    softDelete(t);
    uniqueWhereNotDeleted(t, TABLE, ['customer_number'], knex);
    t.index(['status'], ixName(TABLE, ['status']));
    t.index(['gstin'], ixName(TABLE, ['gstin']));
    // GSTIN: 2-digit state code, PAN, entity number, 'Z', check character.
    t.check(`gstin IS NULL OR gstin ~ '^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$'`, {}, ckName(TABLE, 'gstin_format'));
    t.check(`pan IS NULL OR pan ~ '^[A-Z]{5}[0-9]{4}[A-Z]$'`, {}, ckName(TABLE, 'pan_format'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await CustomerStatus.drop(knex);
  await KycStatus.drop(knex);
  await CustomerType.drop(knex);
}

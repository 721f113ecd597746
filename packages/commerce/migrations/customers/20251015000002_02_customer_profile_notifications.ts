/**
 * Logged migration 02 (`20251015_02_customer_profile_notifications`): customer profiles, the
 * notification scaffolding, and the shared currency enum every amount of the schema uses.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, fkName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { currency, emptyObject } from '../../src/columns';
import { CurrencyCode, NotificationChannel, NotificationStatus } from '../../src/enums';
import { Table } from '../../src/tables';

export async function up(knex: Knex): Promise<void> {
  await CurrencyCode.create(knex, { values: ['EUR', 'USD', 'GBP', 'CHF'] });
  await NotificationChannel.create(knex, { values: ['email', 'in_app', 'sms'] });
  await NotificationStatus.create(knex, { values: ['pending', 'sent', 'failed', 'read'] });

  await knex.schema.createTable(Table.customerProfiles, (t) => {
    uuidPrimaryKey(t, Table.customerProfiles, knex);
    t.uuid('user_id').notNullable();
    // Personal data: every column below but the preferences is cleared by GDPR erasure.
    t.string('first_name', 100).nullable();
    t.string('last_name', 100).nullable();
    t.string('company_name', 200).nullable();
    // EU VAT identification number (USt-IdNr.) of a business customer, e.g. DE123456789.
    t.string('vat_id', 20).nullable();
    t.string('phone', 32).nullable();
    // { line1, line2, postal_code, city, country } as entered; invoices copy it when issued.
    t.jsonb('billing_address').nullable();
    currency(t, 'preferred_currency');
    // BCP 47 tag of the language of e-mails and invoices.
    t.string('locale', 10).notNullable().defaultTo('de-DE');
    t.boolean('marketing_opt_in').notNullable().defaultTo(false);
    // The Stripe Customer (cus_…) created at the first checkout.
    t.string('stripe_customer_id', 255).nullable();
    timestamps(t, knex);
    // One profile per user. The unique index also serves the foreign key below, so the key is
    // declared by hand instead of with foreignKey(), which would add a second index on user_id.
    t.unique(['user_id'], { indexName: uqName(Table.customerProfiles, ['user_id']) });
    // CASCADE: a profile is the personal data of its user; where deleting the user is allowed at
    // all (no orders: see orders.user_id), the profile goes with it.
    t.foreign('user_id', fkName(Table.customerProfiles, 'user_id')).references('id').inTable(Table.users).onDelete('CASCADE');
    t.unique(['stripe_customer_id'], { indexName: uqName(Table.customerProfiles, ['stripe_customer_id']) });
    t.check(`vat_id IS NULL OR vat_id ~ '^[A-Z]{2}[0-9A-Z+*.]{2,12}$'`, {}, ckName(Table.customerProfiles, 'vat_id_format'));
    t.check(`billing_address IS NULL OR jsonb_typeof(billing_address) = 'object'`, {}, ckName(Table.customerProfiles, 'billing_address_is_object'));
  });
  await addUpdatedAtTrigger(knex, Table.customerProfiles);

  await knex.schema.createTable(Table.notifications, (t) => {
    uuidPrimaryKey(t, Table.notifications, knex);
    // CASCADE: a message to a user is worthless without the user (and is personal data).
    foreignKey(t, Table.notifications, 'user_id', { references: Table.users, onDelete: 'cascade' });
    NotificationChannel.column(t, 'channel').notNullable();
    NotificationStatus.column(t, 'status').notNullable().defaultTo('pending');
    // Template key, e.g. 'order.paid'.
    t.string('template', 100).notNullable();
    t.text('subject').nullable();
    t.text('body').nullable();
    // Template variables, e.g. { "order_number": "ORD-00000042" }.
    t.jsonb('data').notNullable().defaultTo(emptyObject(knex));
    t.timestamp('sent_at', { useTz: true }).nullable();
    t.timestamp('read_at', { useTz: true }).nullable();
    t.text('failure_reason').nullable();
    timestamps(t, knex);
    // The sender polls for pending notifications.
    t.index(['status'], ixName(Table.notifications, ['status']));
    t.check(`status <> 'sent' OR sent_at IS NOT NULL`, {}, ckName(Table.notifications, 'sent_has_sent_at'));
  });
  await addUpdatedAtTrigger(knex, Table.notifications);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(Table.notifications);
  await knex.schema.dropTable(Table.customerProfiles);
  await NotificationStatus.drop(knex);
  await NotificationChannel.drop(knex);
  await CurrencyCode.drop(knex);
}

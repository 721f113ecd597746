/**
 * Baseline: the 8 tables the lab's app had before the schema plan of January 2026 (seed 004),
 * in their old shape — users, addresses, test_categories, tests, test_tags, bookings,
 * booking_items, otps. The P0 migrations change four of them while they hold data; this file is
 * what those ALTERs run against, so it stays exactly as it was.
 *
 * Old shape, on purpose: bookings have no pet and no collector, booking_items no quantity, price or
 * status, users no login tracking, and tests no tube, volume, turnaround or timestamps.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, fkName, foreignKey, ixName, money, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { BookingStatus, CollectionType, OtpPurpose, PaymentStatus } from '../src/enums';
import { Table } from '../src/tables';

/** E.164 phone numbers (`+919800000001`): OTP logins are keyed by the number. */
const PHONE_CHECK = `~ '^\\+[1-9][0-9]{7,14}$'`;

/** Lint findings this migration accepts, each with its reason. */
export const lint = {
  allow: {
    'char-column': 'the HMAC is always 64 hex digits (ck_otps_code_hash_hex): a full-width value is never blank-padded',
  },
};

export async function up(knex: Knex): Promise<void> {
  await BookingStatus.create(knex, { values: ['pending', 'confirmed', 'sample_collected', 'processing', 'completed', 'cancelled'] });
  await CollectionType.create(knex, { values: ['home_visit', 'lab_visit'] });
  await PaymentStatus.create(knex, { values: ['unpaid', 'paid', 'refunded'] });
  await OtpPurpose.create(knex, { values: ['login', 'verify_phone', 'staff_login'] });

  await knex.schema.createTable(Table.users, (t) => {
    uuidPrimaryKey(t, Table.users, knex);
    // Owners sign in with an OTP sent to this number: it is the login.
    t.string('phone', 20).notNullable();
    t.string('email', 255).nullable();
    // Asked for after the first login, so it may be missing.
    t.string('full_name', 150).nullable();
    // Owners are deactivated, never deleted: pets, bookings and reports point at them.
    t.boolean('is_active').notNullable().defaultTo(true);
    t.timestamp('phone_verified_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.unique(['phone'], { indexName: uqName(Table.users, ['phone']) });
    t.unique(['email'], { indexName: uqName(Table.users, ['email']) });
    t.check(`phone ${PHONE_CHECK}`, {}, ckName(Table.users, 'phone_e164'));
    // Stored lower-case, so the unique index is case-insensitive without citext.
    t.check('email = lower(email)', {}, ckName(Table.users, 'email_lower_case'));
  });
  await addUpdatedAtTrigger(knex, Table.users);

  await knex.schema.createTable(Table.addresses, (t) => {
    uuidPrimaryKey(t, Table.addresses, knex);
    // CASCADE: an address is part of its owner's profile. One that a booking used cannot go,
    // because bookings.address_id is RESTRICT.
    foreignKey(t, Table.addresses, 'user_id', { references: Table.users, onDelete: 'cascade' });
    t.string('label', 50).nullable();
    t.string('line1', 255).notNullable();
    t.string('line2', 255).nullable();
    t.string('city', 100).notNullable();
    t.string('state', 100).notNullable();
    t.string('postal_code', 10).notNullable();
    // WGS84 degrees, six decimals (~0.1 m): the distance of a home visit is measured from here.
    t.decimal('latitude', 9, 6).nullable();
    t.decimal('longitude', 9, 6).nullable();
    t.boolean('is_default').notNullable().defaultTo(false);
    timestamps(t, knex);
    // One default address per owner.
    t.unique(['user_id', 'is_default'], { indexName: uqName(Table.addresses, ['user_id', 'is_default']), predicate: knex.whereRaw('is_default') });
    t.check('(latitude IS NULL) = (longitude IS NULL)', {}, ckName(Table.addresses, 'coordinates_together'));
    t.check('latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180', {}, ckName(Table.addresses, 'coordinates_range'));
  });
  await addUpdatedAtTrigger(knex, Table.addresses);

  await knex.schema.createTable(Table.testCategories, (t) => {
    uuidPrimaryKey(t, Table.testCategories, knex);
    t.string('name', 100).notNullable();
    t.string('slug', 100).notNullable();
    t.text('description').nullable();
    t.integer('sort_order').notNullable().defaultTo(0);
    t.boolean('is_active').notNullable().defaultTo(true);
    timestamps(t, knex);
    t.unique(['slug'], { indexName: uqName(Table.testCategories, ['slug']) });
    t.unique(['name'], { indexName: uqName(Table.testCategories, ['name']) });
    t.check(`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`, {}, ckName(Table.testCategories, 'slug_format'));
  });
  await addUpdatedAtTrigger(knex, Table.testCategories);

  // No timestamps in the old shape: P0 adds them (with the tube and turnaround columns).
  await knex.schema.createTable(Table.tests, (t) => {
    uuidPrimaryKey(t, Table.tests, knex);
    // RESTRICT: a category that still has tests is deactivated, not deleted.
    foreignKey(t, Table.tests, 'category_id', { references: Table.testCategories, onDelete: 'restrict' });
    t.string('code', 30).notNullable();
    t.string('name', 200).notNullable();
    t.text('description').nullable();
    money(t, 'price').notNullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    t.unique(['code'], { indexName: uqName(Table.tests, ['code']) });
    t.check('price >= 0', {}, ckName(Table.tests, 'price_not_negative'));
  });

  await knex.schema.createTable(Table.testTags, (t) => {
    uuidPrimaryKey(t, Table.testTags, knex);
    t.uuid('test_id').notNullable();
    t.string('tag', 50).notNullable();
    timestamps(t, knex);
    // CASCADE: a tag is an attribute of its test. The key is indexed by uq_test_tags_test_id_tag,
    // which leads with test_id, so foreignKey()'s separate ix_ index would be a duplicate.
    t.foreign('test_id', fkName(Table.testTags, 'test_id')).references('id').inTable(Table.tests).onDelete('CASCADE');
    t.unique(['test_id', 'tag'], { indexName: uqName(Table.testTags, ['test_id', 'tag']) });
    t.index(['tag'], ixName(Table.testTags, ['tag']));
    t.check('tag = lower(tag)', {}, ckName(Table.testTags, 'tag_lower_case'));
  });
  await addUpdatedAtTrigger(knex, Table.testTags);

  await knex.schema.createTable(Table.bookings, (t) => {
    uuidPrimaryKey(t, Table.bookings, knex);
    t.string('booking_number', 20).notNullable();
    // RESTRICT: a booking is a medical and billing record; owners are deactivated instead.
    foreignKey(t, Table.bookings, 'user_id', { references: Table.users, onDelete: 'restrict' });
    // RESTRICT: keeps where the sample was collected; the address row outlives a profile edit.
    foreignKey(t, Table.bookings, 'address_id', { references: Table.addresses, onDelete: 'restrict', nullable: true });
    CollectionType.column(t, 'collection_type').notNullable().defaultTo('home_visit');
    BookingStatus.column(t, 'status').notNullable().defaultTo('pending');
    t.timestamp('scheduled_at', { useTz: true }).notNullable();
    money(t, 'total_amount').notNullable().defaultTo(0);
    PaymentStatus.column(t, 'payment_status').notNullable().defaultTo('unpaid');
    timestamps(t, knex);
    t.unique(['booking_number'], { indexName: uqName(Table.bookings, ['booking_number']) });
    t.index(['status'], ixName(Table.bookings, ['status']));
    t.index(['scheduled_at'], ixName(Table.bookings, ['scheduled_at']));
    t.check('total_amount >= 0', {}, ckName(Table.bookings, 'total_amount_not_negative'));
    t.check(`collection_type <> 'home_visit' OR address_id IS NOT NULL`, {}, ckName(Table.bookings, 'home_visit_has_address'));
  });
  await addUpdatedAtTrigger(knex, Table.bookings);

  await knex.schema.createTable(Table.bookingItems, (t) => {
    uuidPrimaryKey(t, Table.bookingItems, knex);
    // CASCADE: items are parts of their booking, so deleting a draft booking deletes its items.
    // A booking whose items have reports cannot be deleted: test_reports.booking_item_id is RESTRICT.
    foreignKey(t, Table.bookingItems, 'booking_id', { references: Table.bookings, onDelete: 'cascade' });
    // RESTRICT: a booked test is retired with tests.is_active, never deleted.
    foreignKey(t, Table.bookingItems, 'test_id', { references: Table.tests, onDelete: 'restrict' });
    timestamps(t, knex);
  });
  await addUpdatedAtTrigger(knex, Table.bookingItems);

  await knex.schema.createTable(Table.otps, (t) => {
    uuidPrimaryKey(t, Table.otps, knex);
    t.string('phone', 20).notNullable();
    OtpPurpose.column(t, 'purpose').notNullable();
    // Never the code itself: HMAC-SHA256(server secret, phone || code) as hex. A 6-digit code has
    // only 10^6 values, so an unkeyed hash would be reversed by trying them all.
    t.specificType('code_hash', 'char(64)').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    // Wrong codes tried; the OTP is dead once attempts reaches max_attempts.
    t.smallint('attempts').notNullable().defaultTo(0);
    t.smallint('max_attempts').notNullable().defaultTo(5);
    t.timestamp('consumed_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.index(['phone', 'purpose', 'created_at'], ixName(Table.otps, ['phone', 'purpose', 'created_at']));
    // For the job that deletes expired codes.
    t.index(['expires_at'], ixName(Table.otps, ['expires_at']));
    t.check(`phone ${PHONE_CHECK}`, {}, ckName(Table.otps, 'phone_e164'));
    t.check(`code_hash ~ '^[0-9a-f]{64}$'`, {}, ckName(Table.otps, 'code_hash_hex'));
    t.check('max_attempts > 0 AND attempts >= 0 AND attempts <= max_attempts', {}, ckName(Table.otps, 'attempts_within_max'));
    t.check('expires_at > created_at', {}, ckName(Table.otps, 'expires_after_creation'));
  });
  await addUpdatedAtTrigger(knex, Table.otps);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [Table.otps, Table.bookingItems, Table.bookings, Table.testTags, Table.tests, Table.testCategories, Table.addresses, Table.users]) {
    await knex.schema.dropTable(table);
  }
  await OtpPurpose.drop(knex);
  await PaymentStatus.drop(knex);
  await CollectionType.drop(knex);
  await BookingStatus.drop(knex);
}

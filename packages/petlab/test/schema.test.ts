/**
 * The schema of seed 004 on real PostgreSQL: `strata migrate latest` applies the baseline and
 * P0/P1/P2, the catalog holds exactly the designed tables, indexes, keys (with their ON DELETE),
 * checks, enums and triggers under their conventional names, the constraints behave, and rolling
 * everything back leaves nothing.
 */
import type { Knex } from 'knex';
import { appliedMigrations, byTableAndName, committedSchema, declaredEnums, foreignKeyFact, indexFact, inRolledBackTransaction, inSavepoint, liveSchema, ownTables, pgError, RESTRICT_CODES, testServers, usePackageDatabase, type IndexFact } from '@strata/core/testing';
import * as enums from '../src/enums';
import { Table } from '../src/tables';
import { bookingGraph, cli, PACKAGE_DIR, strataOk } from './support';

const MIGRATIONS = [
  '20250601000000_create_strata_functions.ts',
  '20250601000100_baseline.ts',
  '20260102000000_p0_create_staff.ts',
  '20260102000100_p0_create_pets.ts',
  '20260102000200_p0_create_test_batch_groups.ts',
  '20260102000300_p0_create_test_reports.ts',
  '20260102000400_p0_alter_users.ts',
  '20260102000500_p0_alter_tests.ts',
  '20260102000600_p0_alter_bookings.ts',
  '20260102000700_p0_alter_booking_items.ts',
  '20260102000800_p0_index_bookings.ts',
  '20260102000900_p0_validate_constraints.ts',
  '20260102010000_p1_create_offers.ts',
  '20260102010100_p1_create_coupons.ts',
  '20260102010200_p1_create_coupon_redemptions.ts',
  '20260102010300_p1_create_distance_pricing_configs.ts',
  '20260102010400_p1_create_billing_records.ts',
  '20260102020000_p2_create_prescription_uploads.ts',
  '20260102020100_p2_create_clinic_info.ts',
];

const ix = (table: string, name: string, columns: string[], unique = false, predicate: string | null = null) => indexFact(table, name, columns, { unique, predicate });
const LIVE = '(deleted_at IS NULL)';

/** Every index of every table, exactly: primary keys, natural-key uniques, FK indexes, lookups. */
const INDEXES: IndexFact[] = [
  ix('users', 'pk_users', ['id'], true),
  ix('users', 'uq_users_phone', ['phone'], true),
  ix('users', 'uq_users_email', ['email'], true),
  ix('addresses', 'pk_addresses', ['id'], true),
  ix('addresses', 'ix_addresses_user_id', ['user_id']),
  ix('addresses', 'uq_addresses_user_id_is_default', ['user_id', 'is_default'], true, 'is_default'),
  ix('test_categories', 'pk_test_categories', ['id'], true),
  ix('test_categories', 'uq_test_categories_name', ['name'], true),
  ix('test_categories', 'uq_test_categories_slug', ['slug'], true),
  ix('tests', 'pk_tests', ['id'], true),
  ix('tests', 'ix_tests_category_id', ['category_id']),
  ix('tests', 'uq_tests_code', ['code'], true),
  ix('test_tags', 'pk_test_tags', ['id'], true),
  ix('test_tags', 'uq_test_tags_test_id_tag', ['test_id', 'tag'], true),
  ix('test_tags', 'ix_test_tags_tag', ['tag']),
  ix('bookings', 'pk_bookings', ['id'], true),
  ix('bookings', 'uq_bookings_booking_number', ['booking_number'], true),
  ix('bookings', 'ix_bookings_user_id', ['user_id']),
  ix('bookings', 'ix_bookings_address_id', ['address_id']),
  ix('bookings', 'ix_bookings_status', ['status']),
  ix('bookings', 'ix_bookings_scheduled_at', ['scheduled_at']),
  // Built CONCURRENTLY by 20260102000800.
  ix('bookings', 'ix_bookings_pet_id', ['pet_id']),
  ix('bookings', 'ix_bookings_collection_staff_id', ['collection_staff_id']),
  ix('booking_items', 'pk_booking_items', ['id'], true),
  ix('booking_items', 'ix_booking_items_booking_id', ['booking_id']),
  ix('booking_items', 'ix_booking_items_test_id', ['test_id']),
  ix('otps', 'pk_otps', ['id'], true),
  ix('otps', 'ix_otps_phone_purpose_created_at', ['phone', 'purpose', 'created_at']),
  ix('otps', 'ix_otps_expires_at', ['expires_at']),
  ix('staff', 'pk_staff', ['id'], true),
  ix('staff', 'uq_staff_phone', ['phone'], true, LIVE),
  ix('staff', 'uq_staff_email', ['email'], true, LIVE),
  ix('staff', 'ix_staff_role', ['role']),
  ix('pets', 'pk_pets', ['id'], true),
  ix('pets', 'ix_pets_user_id', ['user_id']),
  ix('pets', 'uq_pets_microchip_number', ['microchip_number'], true, LIVE),
  ix('test_batch_groups', 'pk_test_batch_groups', ['id'], true),
  ix('test_batch_groups', 'uq_test_batch_groups_batch_code', ['batch_code'], true),
  ix('test_batch_groups', 'ix_test_batch_groups_test_id', ['test_id']),
  ix('test_batch_groups', 'ix_test_batch_groups_lab_tech_id', ['lab_tech_id']),
  ix('test_batch_groups', 'ix_test_batch_groups_status', ['status']),
  ix('test_reports', 'pk_test_reports', ['id'], true),
  ix('test_reports', 'uq_test_reports_booking_item_id', ['booking_item_id'], true),
  ix('test_reports', 'ix_test_reports_batch_group_id', ['batch_group_id']),
  ix('test_reports', 'ix_test_reports_analyzed_by', ['analyzed_by']),
  ix('test_reports', 'ix_test_reports_verified_by', ['verified_by']),
  ix('test_reports', 'ix_test_reports_status', ['status']),
  ix('offers', 'pk_offers', ['id'], true),
  ix('offers', 'ix_offers_created_by', ['created_by']),
  ix('offers', 'ix_offers_is_active_valid_from', ['is_active', 'valid_from']),
  ix('coupons', 'pk_coupons', ['id'], true),
  ix('coupons', 'uq_coupons_code', ['code'], true),
  ix('coupons', 'ix_coupons_offer_id', ['offer_id']),
  ix('coupons', 'ix_coupons_created_by', ['created_by']),
  ix('coupon_redemptions', 'pk_coupon_redemptions', ['id'], true),
  ix('coupon_redemptions', 'uq_coupon_redemptions_booking_id', ['booking_id'], true),
  ix('coupon_redemptions', 'ix_coupon_redemptions_coupon_id_user_id', ['coupon_id', 'user_id']),
  ix('coupon_redemptions', 'ix_coupon_redemptions_user_id', ['user_id']),
  ix('distance_pricing_configs', 'pk_distance_pricing_configs', ['id'], true),
  ix('distance_pricing_configs', 'uq_distance_pricing_configs_name', ['name'], true),
  ix('distance_pricing_configs', 'ix_distance_pricing_configs_created_by', ['created_by']),
  ix('distance_pricing_configs', 'ix_distance_pricing_configs_updated_by', ['updated_by']),
  indexFact('distance_pricing_configs', 'ex_distance_pricing_configs_active_band_overlap', ['numrange(min_distance_km, max_distance_km)'], { method: 'gist', predicate: 'is_active' }),
  ix('billing_records', 'pk_billing_records', ['id'], true),
  ix('billing_records', 'uq_billing_records_period_type_period_start', ['period_type', 'period_start'], true),
  ix('billing_records', 'ix_billing_records_generated_by', ['generated_by']),
  ix('prescription_uploads', 'pk_prescription_uploads', ['id'], true),
  ix('prescription_uploads', 'uq_prescription_uploads_storage_key', ['storage_key'], true),
  ix('prescription_uploads', 'ix_prescription_uploads_booking_id', ['booking_id']),
  ix('prescription_uploads', 'ix_prescription_uploads_user_id', ['user_id']),
  ix('prescription_uploads', 'ix_prescription_uploads_reviewed_by', ['reviewed_by']),
  ix('prescription_uploads', 'ix_prescription_uploads_status', ['status']),
  ix('clinic_info', 'pk_clinic_info', ['id'], true),
  ix('clinic_info', 'ix_clinic_info_updated_by', ['updated_by']),
];

/** Every foreign key with its ON DELETE action (the reason is written beside each in its migration). */
const FOREIGN_KEYS: Parameters<typeof foreignKeyFact>[] = [
  ['addresses', 'fk_addresses_user_id', 'user_id', 'users', 'CASCADE'],
  ['tests', 'fk_tests_category_id', 'category_id', 'test_categories', 'RESTRICT'],
  ['test_tags', 'fk_test_tags_test_id', 'test_id', 'tests', 'CASCADE'],
  ['bookings', 'fk_bookings_user_id', 'user_id', 'users', 'RESTRICT'],
  ['bookings', 'fk_bookings_address_id', 'address_id', 'addresses', 'RESTRICT'],
  ['bookings', 'fk_bookings_pet_id', 'pet_id', 'pets', 'RESTRICT'],
  ['bookings', 'fk_bookings_collection_staff_id', 'collection_staff_id', 'staff', 'RESTRICT'],
  ['booking_items', 'fk_booking_items_booking_id', 'booking_id', 'bookings', 'CASCADE'],
  ['booking_items', 'fk_booking_items_test_id', 'test_id', 'tests', 'RESTRICT'],
  ['pets', 'fk_pets_user_id', 'user_id', 'users', 'RESTRICT'],
  ['test_batch_groups', 'fk_test_batch_groups_test_id', 'test_id', 'tests', 'RESTRICT'],
  ['test_batch_groups', 'fk_test_batch_groups_lab_tech_id', 'lab_tech_id', 'staff', 'RESTRICT'],
  ['test_reports', 'fk_test_reports_booking_item_id', 'booking_item_id', 'booking_items', 'RESTRICT'],
  ['test_reports', 'fk_test_reports_batch_group_id', 'batch_group_id', 'test_batch_groups', 'RESTRICT'],
  ['test_reports', 'fk_test_reports_analyzed_by', 'analyzed_by', 'staff', 'RESTRICT'],
  ['test_reports', 'fk_test_reports_verified_by', 'verified_by', 'staff', 'RESTRICT'],
  ['offers', 'fk_offers_created_by', 'created_by', 'staff', 'RESTRICT'],
  ['coupons', 'fk_coupons_offer_id', 'offer_id', 'offers', 'RESTRICT'],
  ['coupons', 'fk_coupons_created_by', 'created_by', 'staff', 'RESTRICT'],
  ['coupon_redemptions', 'fk_coupon_redemptions_coupon_id', 'coupon_id', 'coupons', 'RESTRICT'],
  ['coupon_redemptions', 'fk_coupon_redemptions_booking_id', 'booking_id', 'bookings', 'RESTRICT'],
  ['coupon_redemptions', 'fk_coupon_redemptions_user_id', 'user_id', 'users', 'RESTRICT'],
  ['distance_pricing_configs', 'fk_distance_pricing_configs_created_by', 'created_by', 'staff', 'RESTRICT'],
  ['distance_pricing_configs', 'fk_distance_pricing_configs_updated_by', 'updated_by', 'staff', 'RESTRICT'],
  ['billing_records', 'fk_billing_records_generated_by', 'generated_by', 'staff', 'RESTRICT'],
  ['prescription_uploads', 'fk_prescription_uploads_booking_id', 'booking_id', 'bookings', 'RESTRICT'],
  ['prescription_uploads', 'fk_prescription_uploads_user_id', 'user_id', 'users', 'RESTRICT'],
  ['prescription_uploads', 'fk_prescription_uploads_reviewed_by', 'reviewed_by', 'staff', 'RESTRICT'],
  ['clinic_info', 'fk_clinic_info_updated_by', 'updated_by', 'staff', 'RESTRICT'],
];

/** Every check and exclusion constraint, by table. */
const CHECKS: Record<string, string[]> = {
  users: ['ck_users_email_lower_case', 'ck_users_login_attempts_not_negative', 'ck_users_phone_e164'],
  addresses: ['ck_addresses_coordinates_range', 'ck_addresses_coordinates_together'],
  test_categories: ['ck_test_categories_slug_format'],
  tests: ['ck_tests_price_not_negative', 'ck_tests_sample_quantity_ml_positive', 'ck_tests_tat_hours_positive'],
  test_tags: ['ck_test_tags_tag_lower_case'],
  bookings: ['ck_bookings_estimated_distance_km_not_negative', 'ck_bookings_home_visit_has_address', 'ck_bookings_total_amount_not_negative'],
  booking_items: ['ck_booking_items_quantity_positive', 'ck_booking_items_unit_price_not_negative'],
  otps: ['ck_otps_attempts_within_max', 'ck_otps_code_hash_hex', 'ck_otps_expires_after_creation', 'ck_otps_phone_e164'],
  staff: ['ck_staff_email_lower_case', 'ck_staff_phone_e164'],
  pets: ['ck_pets_microchip_number_format', 'ck_pets_weight_kg_positive'],
  test_batch_groups: ['ck_test_batch_groups_completed_after_started', 'ck_test_batch_groups_finished_has_completed_at'],
  test_reports: ['ck_test_reports_released_has_released_at', 'ck_test_reports_verified_before_release', 'ck_test_reports_verified_by_and_at_together'],
  offers: ['ck_offers_discount_value_positive', 'ck_offers_max_discount_amount_positive', 'ck_offers_min_order_amount_not_negative', 'ck_offers_percentage_at_most_100', 'ck_offers_valid_window'],
  coupons: ['ck_coupons_code_format', 'ck_coupons_max_uses_per_user_positive', 'ck_coupons_max_uses_positive', 'ck_coupons_used_count_within_max_uses', 'ck_coupons_valid_window'],
  coupon_redemptions: ['ck_coupon_redemptions_discount_amount_not_negative'],
  distance_pricing_configs: [
    'ck_distance_pricing_configs_fees_not_negative',
    'ck_distance_pricing_configs_max_above_min',
    'ck_distance_pricing_configs_min_distance_km_not_negative',
    'ex_distance_pricing_configs_active_band_overlap',
  ],
  billing_records: ['ck_billing_records_amounts_valid', 'ck_billing_records_counts_not_negative', 'ck_billing_records_month_starts_on_first'],
  prescription_uploads: [
    'ck_prescription_uploads_content_type_allowed',
    'ck_prescription_uploads_file_size_within_limit',
    'ck_prescription_uploads_reviewed_by_and_at_together',
    'ck_prescription_uploads_reviewed_has_reviewer',
    'ck_prescription_uploads_sha256_hex',
  ],
  clinic_info: ['ck_clinic_info_coordinates_range', 'ck_clinic_info_email_lower_case', 'ck_clinic_info_phones_e164', 'ck_clinic_info_single_row'],
};

describe.each(testServers())('petlab schema ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'petlab_schema', schema: true });

  it('applies the baseline, then P0, P1 and P2 in order', async () => {
    expect(await appliedMigrations(db.knex)).toEqual(MIGRATIONS);
  });

  it('creates exactly the 19 tables of the seed', async () => {
    expect(Object.values(Table)).toHaveLength(19);
    expect(await ownTables(db.knex)).toEqual(Object.values(Table).sort());
  });

  it('matches the committed schema.snapshot exactly', () => {
    expect(db.schema).toEqual(committedSchema(PACKAGE_DIR));
  });

  it('has exactly the designed indexes, named ix_/uq_<table>_<columns>', () => {
    expect(byTableAndName(db.facts.indexes)).toEqual(byTableAndName(INDEXES));
  });

  it('has exactly the designed foreign keys fk_<table>_<column>, each with its ON DELETE', () => {
    expect(byTableAndName(db.facts.foreignKeys)).toEqual(byTableAndName(FOREIGN_KEYS.map((fk) => foreignKeyFact(...fk))));
  });

  it('never cascades into medical or billing records', () => {
    const cascades = db.facts.foreignKeys.filter((fk) => fk.onDelete === 'CASCADE').map((fk) => `${fk.table}.${fk.columns.join()}`);
    // Only parts of their parent: an owner's addresses, a test's tags, a booking's items (whose reports are RESTRICT).
    expect(cascades.sort()).toEqual(['addresses.user_id', 'booking_items.booking_id', 'test_tags.test_id']);
  });

  it('has exactly the designed check and exclusion constraints', () => {
    const actual: Record<string, string[]> = {};
    for (const c of db.facts.constraints) {
      if (/^(ck|ex)_/.test(c.name)) (actual[c.table] ??= []).push(c.name);
    }
    for (const names of Object.values(actual)) names.sort();
    expect(actual).toEqual(CHECKS);
  });

  it('leaves no constraint NOT VALID: every one P0 added NOT VALID was validated', () => {
    expect(db.facts.constraints.filter((c) => c.definition.includes('NOT VALID')).map((c) => c.name)).toEqual([]);
  });

  it('creates every enum type of src/enums.ts with its values in order, and no other', () => {
    expect(db.facts.enums).toEqual(declaredEnums(enums));
  });

  it('keeps updated_at current on every table, and counts coupon uses by trigger', () => {
    const expected = [
      ...Object.values(Table).map((table) => `${table}.trg_${table}_updated_at`),
      'coupon_redemptions.trg_coupon_redemptions_count_use',
      'coupon_redemptions.trg_coupon_redemptions_freeze_coupon',
      'coupon_redemptions.trg_coupon_redemptions_release_use',
    ];
    expect([...db.facts.triggers].sort()).toEqual(expected.sort());
  });

  describe('clinic_info holds one row', () => {
    const clinic = { name: 'Clinic', phone: '+918040000100', email: 'a@clinic.example', address_line1: '1 Road', city: 'Bengaluru', state: 'Karnataka', postal_code: '560001', latitude: 12.97, longitude: 77.59 };

    it('refuses a second row, whatever its id', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        await trx('clinic_info').insert(clinic);
        expect(await pgError(inSavepoint(trx, (sp) => sp('clinic_info').insert({ ...clinic, name: 'Second' })))).toMatchObject({ code: '23505', constraint: 'pk_clinic_info' });
        expect(await pgError(inSavepoint(trx, (sp) => sp('clinic_info').insert({ ...clinic, id: 2 })))).toMatchObject({ code: '23514', constraint: 'ck_clinic_info_single_row' });
        expect(await trx('clinic_info').pluck('id')).toEqual([1]);
      });
    });

    it('is updated in place', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        await trx('clinic_info').insert(clinic);
        await trx('clinic_info').where({ id: 1 }).update({ phone: '+918040000199' });
        expect(await trx('clinic_info').select('id', 'phone')).toEqual([{ id: 1, phone: '+918040000199' }]);
      });
    });
  });

  describe('ON DELETE protects medical and billing records (each case rolled back)', () => {
    it('refuses to delete a pet that has bookings (the seed cascaded it)', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { petId } = await bookingGraph(trx);
        const error = await pgError(inSavepoint(trx, (sp) => sp('pets').where({ id: petId }).delete()));
        expect(error.constraint).toBe('fk_bookings_pet_id');
        expect(RESTRICT_CODES).toContain(error.code);
      });
    });

    it('refuses to delete an owner that has pets', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { userId } = await bookingGraph(trx);
        await trx('bookings').where({ user_id: userId }).delete();
        const error = await pgError(inSavepoint(trx, (sp) => sp('users').where({ id: userId }).delete()));
        expect(error.constraint).toBe('fk_pets_user_id');
      });
    });

    it('deletes a draft booking with its items, but not a booking whose item has a report', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const first = await bookingGraph(trx, '1');
        await trx('bookings').where({ id: first.bookingId }).delete();
        expect(await trx('booking_items').where({ id: first.itemId }).count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '0' }]);

        const second = await bookingGraph(trx, '2');
        await trx('test_reports').insert({ booking_item_id: second.itemId });
        const error = await pgError(inSavepoint(trx, (sp) => sp('bookings').where({ id: second.bookingId }).delete()));
        expect(error.constraint).toBe('fk_test_reports_booking_item_id');
      });
    });

    it('allows one report per booking item', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { itemId } = await bookingGraph(trx);
        await trx('test_reports').insert({ booking_item_id: itemId });
        const error = await pgError(inSavepoint(trx, (sp) => sp('test_reports').insert({ booking_item_id: itemId })));
        expect(error).toMatchObject({ code: '23505', constraint: 'uq_test_reports_booking_item_id' });
      });
    });

    it('refuses a released report nobody verified', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { itemId } = await bookingGraph(trx);
        const error = await pgError(inSavepoint(trx, (sp) => sp('test_reports').insert({ booking_item_id: itemId, status: 'released', released_at: '2026-02-02T10:00:00Z' })));
        expect(error).toMatchObject({ code: '23514', constraint: 'ck_test_reports_verified_before_release' });
      });
    });
  });

  describe('defaults of the P0 columns on new rows', () => {
    it('a new booking item is pending with quantity 1; a new test gets timestamps kept by its trigger', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { itemId, testId } = await bookingGraph(trx);
        expect(await trx('booking_items').where({ id: itemId }).first('quantity', 'status')).toEqual({ quantity: 1, status: 'pending' });
        await trx('tests').where({ id: testId }).update({ tat_hours: 24, updated_at: '2000-01-01T00:00:00Z' });
        const { rows } = await trx.raw<{ rows: { current: boolean }[] }>('SELECT updated_at = now() AS current FROM tests WHERE id = ?', [testId]);
        expect(rows).toEqual([{ current: true }]);
      });
    });

    it('a new user starts unlocked with no failed attempts', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const [user] = await trx('users').insert({ phone: '+919800009999' }).returning(['login_attempts', 'is_locked', 'last_login']);
        expect(user).toEqual({ login_attempts: 0, is_locked: false, last_login: null });
        const error = await pgError(inSavepoint(trx, (sp) => sp('users').where({ phone: '+919800009999' }).update({ login_attempts: -1 })));
        expect(error).toMatchObject({ code: '23514', constraint: 'ck_users_login_attempts_not_negative' });
      });
    });
  });

  describe('coupons (one connection; the concurrent case is in coupon-race.test.ts)', () => {
    async function coupon(trx: Knex.Transaction, fields: Record<string, unknown> = {}, offerFields: Record<string, unknown> = {}): Promise<string> {
      const [offer] = await trx('offers').insert({ name: 'Offer', discount_type: 'flat', discount_value: 100, valid_from: '2026-01-01T00:00:00Z', ...offerFields }).returning('id');
      const [row] = await trx('coupons').insert({ code: 'SAVE100', offer_id: offer.id, max_uses: 2, ...fields }).returning('id');
      return row.id;
    }
    const usedCount = async (trx: Knex.Transaction, id: string) => (await trx('coupons').where({ id }).first('used_count')).used_count as number;

    it('counts each redemption and refuses the one past max_uses by constraint', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const couponId = await coupon(trx);
        const bookings = [await bookingGraph(trx, '1'), await bookingGraph(trx, '2'), await bookingGraph(trx, '3')];
        for (const b of bookings.slice(0, 2)) await trx('coupon_redemptions').insert({ coupon_id: couponId, booking_id: b.bookingId, user_id: b.userId, discount_amount: 100 });
        expect(await usedCount(trx, couponId)).toBe(2);
        const third = bookings[2]!;
        const error = await pgError(inSavepoint(trx, (sp) => sp('coupon_redemptions').insert({ coupon_id: couponId, booking_id: third.bookingId, user_id: third.userId, discount_amount: 100 })));
        expect(error).toMatchObject({ code: '23514', constraint: 'ck_coupons_used_count_within_max_uses' });
        expect(await usedCount(trx, couponId)).toBe(2);
      });
    });

    it('gives the use back when a redemption is deleted, and refuses moving one to another coupon', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const couponId = await coupon(trx);
        const b = await bookingGraph(trx);
        const [redemption] = await trx('coupon_redemptions').insert({ coupon_id: couponId, booking_id: b.bookingId, user_id: b.userId, discount_amount: 100 }).returning('id');
        const [other] = await trx('coupons').insert({ code: 'OTHER1', offer_id: (await trx('coupons').where({ id: couponId }).first('offer_id')).offer_id }).returning('id');
        const moved = await pgError(inSavepoint(trx, (sp) => sp('coupon_redemptions').where({ id: redemption.id }).update({ coupon_id: other.id })));
        expect(moved).toMatchObject({ code: '23514', message: expect.stringContaining('cannot move to another coupon') });
        await trx('coupon_redemptions').where({ id: redemption.id }).delete();
        expect(await usedCount(trx, couponId)).toBe(0);
      });
    });

    it('does not count a redemption that INSERT … ON CONFLICT DO NOTHING skipped', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const couponId = await coupon(trx);
        const b = await bookingGraph(trx);
        const row = { coupon_id: couponId, booking_id: b.bookingId, user_id: b.userId, discount_amount: 100 };
        await trx('coupon_redemptions').insert(row).onConflict().ignore();
        await trx('coupon_redemptions').insert(row).onConflict().ignore();
        expect(await usedCount(trx, couponId)).toBe(1);
      });
    });

    it('refuses a second use by the same owner, an inactive coupon and an ended offer', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const couponId = await coupon(trx, { max_uses_per_user: 1, max_uses: 10 });
        const b = await bookingGraph(trx);
        await trx('coupon_redemptions').insert({ coupon_id: couponId, booking_id: b.bookingId, user_id: b.userId, discount_amount: 100 });
        const [again] = await trx('bookings').insert({ booking_number: 'B-again', user_id: b.userId, collection_type: 'lab_visit', scheduled_at: '2026-02-03T09:00:00Z' }).returning('id');
        const perUser = await pgError(inSavepoint(trx, (sp) => sp('coupon_redemptions').insert({ coupon_id: couponId, booking_id: again.id, user_id: b.userId, discount_amount: 100 })));
        expect(perUser.message).toContain('already used 1 time(s) by this owner');

        await trx('coupons').where({ id: couponId }).update({ is_active: false });
        const inactive = await pgError(inSavepoint(trx, (sp) => sp('coupon_redemptions').insert({ coupon_id: couponId, booking_id: again.id, user_id: b.userId, discount_amount: 100 })));
        expect(inactive.message).toContain('coupon SAVE100 is not active');

        await trx('coupons').where({ id: couponId }).update({ is_active: true, max_uses_per_user: null });
        await trx('offers').update({ valid_until: '2026-01-31T00:00:00Z' });
        const ended = await pgError(inSavepoint(trx, (sp) => sp('coupon_redemptions').insert({ coupon_id: couponId, booking_id: again.id, user_id: b.userId, discount_amount: 100 })));
        expect(ended.message).toContain('the offer of coupon SAVE100 is not active');
        expect(await usedCount(trx, couponId)).toBe(1);
      });
    });
  });

  describe('pricing and billing', () => {
    it('refuses overlapping active distance bands, but not an inactive one', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        await trx('distance_pricing_configs').insert({ name: '0-5', min_distance_km: 0, max_distance_km: 5, base_fee: 99 });
        await trx('distance_pricing_configs').insert({ name: '5-15', min_distance_km: 5, max_distance_km: 15, base_fee: 149 });
        const error = await pgError(inSavepoint(trx, (sp) => sp('distance_pricing_configs').insert({ name: '4-6', min_distance_km: 4, max_distance_km: 6, base_fee: 120 })));
        expect(error).toMatchObject({ code: '23P01', constraint: 'ex_distance_pricing_configs_active_band_overlap' });
        await trx('distance_pricing_configs').insert({ name: '4-6 draft', min_distance_km: 4, max_distance_km: 6, base_fee: 120, is_active: false });
      });
    });

    it('derives net_amount and keeps one record per period, months starting on the 1st', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const [day] = await trx('billing_records')
          .insert({ period_type: 'day', period_start: '2026-01-15', gross_amount: '1550', discount_amount: '232.5', distance_fee_amount: '99' })
          .returning('net_amount');
        expect(day.net_amount).toBe('1416.5000');
        const duplicate = await pgError(inSavepoint(trx, (sp) => sp('billing_records').insert({ period_type: 'day', period_start: '2026-01-15' })));
        expect(duplicate).toMatchObject({ code: '23505', constraint: 'uq_billing_records_period_type_period_start' });
        const midMonth = await pgError(inSavepoint(trx, (sp) => sp('billing_records').insert({ period_type: 'month', period_start: '2026-01-15' })));
        expect(midMonth).toMatchObject({ code: '23514', constraint: 'ck_billing_records_month_starts_on_first' });
      });
    });
  });

  it('rolls every migration back, leaving no table, type, function, trigger or sequence', async () => {
    await strataOk(db.url, ['migrate', 'rollback', '--every-batch']);
    expect(await liveSchema(db.knex)).toEqual([]);
  });
});

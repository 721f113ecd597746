/**
 * The seeds through the real CLI (`strata seed run|undo`) on real PostgreSQL: what they write,
 * that a rerun changes no row, that undo removes exactly what was written, and what a
 * production target gets (reference data only).
 */
import { expectDemoProfileRefused, expectReferenceSeededOnProduction, expectSeedRefusesProduction, expectSeedRerunChangesNothing, tablesWithRows, testServers, usePackageDatabase } from '@strata/core/testing';
import * as demoBookings from '../seeds/005_demo_bookings';
import { TESTS } from '../src/catalogue';
import { cli, strataOk } from './support';

describe.each(testServers())('petlab seeds ($label)', (server) => {
  describe('development: reference + demo', () => {
    const db = usePackageDatabase(cli, server, { prefix: 'petlab_seed', seed: 'demo' });

    it('writes the catalogue: every test with its tube, volume and turnaround, in its category', async () => {
      const rows = await db.knex('tests as t')
        .join('test_categories as c', 'c.id', 't.category_id')
        .orderBy('t.code')
        .select('t.code', 'c.slug as category', 't.price', 't.tube_type', 't.sample_quantity_ml', 't.tat_hours');
      expect(rows).toEqual(
        [...TESTS]
          .sort((a, b) => a.code.localeCompare(b.code))
          .map((t) => ({ code: t.code, category: t.category, price: `${t.price}.0000`, tube_type: t.tubeType, sample_quantity_ml: t.sampleQuantityMl === null ? null : t.sampleQuantityMl.toFixed(2), tat_hours: t.tatHours })),
      );
      expect(await db.knex('tests').where({ code: 'HEM-CBC' }).first('tube_type', 'sample_quantity_ml', 'tat_hours')).toEqual({ tube_type: 'edta', sample_quantity_ml: '1.00', tat_hours: 6 });
      expect(await db.knex('test_tags').count<{ count: string }[]>({ count: '*' })).toEqual([{ count: String(TESTS.reduce((n, t) => n + t.tags.length, 0)) }]);
    });

    it('writes the distance bands and the one clinic row', async () => {
      expect(await db.knex('distance_pricing_configs').orderBy('min_distance_km').select('min_distance_km', 'max_distance_km', 'base_fee', 'per_km_fee')).toEqual([
        { min_distance_km: '0.00', max_distance_km: '5.00', base_fee: '99.0000', per_km_fee: '0.0000' },
        { min_distance_km: '5.00', max_distance_km: '15.00', base_fee: '149.0000', per_km_fee: '8.0000' },
        { min_distance_km: '15.00', max_distance_km: '30.00', base_fee: '249.0000', per_km_fee: '12.0000' },
        { min_distance_km: '30.00', max_distance_km: null, base_fee: '399.0000', per_km_fee: '15.0000' },
      ]);
      expect(await db.knex('clinic_info').select('id', 'name', 'city')).toEqual([{ id: 1, name: 'PetLab Diagnostics', city: 'Bengaluru' }]);
    });

    it('writes staff in every role, owners with pets, and bookings with items, reports and a redeemed coupon', async () => {
      expect(await db.knex('staff').orderBy('role').pluck('role')).toEqual(['admin', 'collector', 'lab_tech', 'analyst']);
      expect(await db.knex('pets as p').join('users as u', 'u.id', 'p.user_id').orderBy('p.name').select('u.full_name as owner', 'p.name', 'p.species')).toEqual([
        { owner: 'Priya Sharma', name: 'Bruno', species: 'dog' },
        { owner: 'Rahul Verma', name: 'Coco', species: 'dog' },
        { owner: 'Priya Sharma', name: 'Misty', species: 'cat' },
      ]);
      const bookings = await db.knex('bookings as b')
        .join('pets as p', 'p.id', 'b.pet_id')
        .leftJoin('staff as s', 's.id', 'b.collection_staff_id')
        .orderBy('b.booking_number')
        .select('b.booking_number', 'p.name as pet', 's.full_name as collector', 'b.status', 'b.total_amount');
      // 650 + 900 − 15 % (232.50) + the under-5-km visit fee 99.
      expect(bookings).toEqual([
        { booking_number: 'PL-DEMO-0001', pet: 'Bruno', collector: 'Ravi Kumar', status: 'completed', total_amount: '1416.5000' },
        { booking_number: 'PL-DEMO-0002', pet: 'Coco', collector: null, status: 'confirmed', total_amount: '450.0000' },
      ]);
      const reports = await db.knex('test_reports as r')
        .join('booking_items as i', 'i.id', 'r.booking_item_id')
        .join('tests as t', 't.id', 'i.test_id')
        .leftJoin('test_batch_groups as g', 'g.id', 'r.batch_group_id')
        .orderBy('t.code')
        .select('t.code', 'r.status', 'g.batch_code');
      expect(reports).toEqual([
        { code: 'BIO-LFT', status: 'released', batch_code: null },
        { code: 'HEM-CBC', status: 'released', batch_code: 'CBC-2026-01-15-01' },
      ]);
      expect(await db.knex('coupons').orderBy('code').select('code', 'used_count')).toEqual([
        { code: 'FIRSTVISIT', used_count: 0 },
        { code: 'WELLNESS15', used_count: 1 },
      ]);
    });

    it('re-running every seed (--rerun) changes no row at all, nor a coupon counter', () => expectSeedRerunChangesNothing(cli, db, { seeds: 5 }));

    it('undo removes exactly the seeded rows and keeps rows the lab added or edited', async () => {
      await db.knex('test_categories').insert({ name: 'Cytology', slug: 'cytology' });
      await db.knex('users').insert({ phone: '+919811111111' });
      await strataOk(db.url, ['seed', 'undo']);
      expect(await tablesWithRows(db.knex)).toEqual({ test_categories: 1, users: 1 });
    });

    it('undo keeps a clinic row whose details the clinic has changed', async () => {
      await strataOk(db.url, ['seed', 'run', '--profile', 'reference']);
      await db.knex('clinic_info').update({ phone: '+918040009999' });
      await strataOk(db.url, ['seed', 'undo']);
      expect(await db.knex('clinic_info').pluck('phone')).toEqual(['+918040009999']);
    });
  });

  describe('production target (STRATA_ENV=production)', () => {
    const db = usePackageDatabase(cli, server, { prefix: 'petlab_prod' });

    it('refuses the demo profile, writing nothing', () => expectDemoProfileRefused(cli, db));

    it('the demo seed refuses production by itself too', () => expectSeedRefusesProduction(db.knex, demoBookings));

    it('writes the reference data: catalogue, bands, clinic — no people, no bookings', async () => {
      await expectReferenceSeededOnProduction(cli, db, {
        clinic_info: 1,
        distance_pricing_configs: 4,
        test_categories: 6,
        test_tags: TESTS.reduce((n, t) => n + t.tags.length, 0),
        tests: TESTS.length,
      });
    });
  });
});

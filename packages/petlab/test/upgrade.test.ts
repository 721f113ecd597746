/**
 * The upgrade the seed describes, on a populated database: migrate to the baseline only (the 8
 * tables of the old app), fill every one of them, then `migrate latest` through P0/P1/P2. Every
 * row must come through with every old value unchanged, the new columns must read as the
 * migrations document for old rows, and every constraint added NOT VALID must end validated.
 * Rolling back to the baseline must give the old rows back as they were.
 */
import type { Knex } from 'knex';
import { committedSchema, liveSchema, schemaFacts, testServers, usePackageDatabase } from '@strata/core/testing';
import { BASELINE_TABLES } from '../src/tables';
import { BASELINE, cli, PACKAGE_DIR, strataOk } from './support';

const OWNERS = 40;
const BOOKINGS = 200;

/** Fills the 8 baseline tables with rows of the old shape, through SQL the old app could have run. */
async function populateBaseline(knex: Knex): Promise<void> {
  await knex.raw(`
    INSERT INTO users (phone, email, full_name, is_active, phone_verified_at)
    SELECT '+9198100' || lpad(g::text, 5, '0'), CASE WHEN g % 3 = 0 THEN NULL ELSE 'owner' || g || '@example.com' END,
           CASE WHEN g % 5 = 0 THEN NULL ELSE 'Owner ' || g END, g % 7 <> 0, CASE WHEN g % 2 = 0 THEN timestamptz '2025-07-01 10:00+05:30' + g * interval '1 hour' END
      FROM generate_series(1, ${OWNERS}) g;
    INSERT INTO addresses (user_id, label, line1, city, state, postal_code, latitude, longitude, is_default)
    SELECT id, 'Home', row_number() OVER (ORDER BY phone) || ' MG Road', 'Bengaluru', 'Karnataka', '560001', 12.97 + random() / 10, 77.59 + random() / 10, true FROM users;
    INSERT INTO test_categories (name, slug, sort_order) VALUES ('Haematology', 'haematology', 1), ('Biochemistry', 'biochemistry', 2);
    INSERT INTO tests (category_id, code, name, price, is_active)
    SELECT c.id, 'OLD-' || g, 'Old test ' || g, 100 * g, g <> 5 FROM generate_series(1, 6) g JOIN test_categories c ON c.slug = CASE WHEN g <= 3 THEN 'haematology' ELSE 'biochemistry' END;
    INSERT INTO test_tags (test_id, tag) SELECT id, 'legacy' FROM tests;
    INSERT INTO bookings (booking_number, user_id, address_id, collection_type, status, scheduled_at, total_amount, payment_status)
    SELECT 'OLD-' || lpad(g::text, 6, '0'), u.id, CASE WHEN g % 4 = 0 THEN NULL ELSE a.id END, CASE WHEN g % 4 = 0 THEN 'lab_visit' ELSE 'home_visit' END::collection_type,
           (ARRAY['pending','confirmed','sample_collected','processing','completed','cancelled'])[1 + g % 6]::booking_status,
           timestamptz '2025-08-01 09:00+05:30' + g * interval '3 hours', 250 * (g % 9), CASE WHEN g % 6 = 4 THEN 'paid' ELSE 'unpaid' END::payment_status
      FROM generate_series(1, ${BOOKINGS}) g
      JOIN LATERAL (SELECT id FROM users ORDER BY phone OFFSET (g % ${OWNERS}) LIMIT 1) u ON true
      JOIN addresses a ON a.user_id = u.id;
    INSERT INTO booking_items (booking_id, test_id)
    SELECT b.id, t.id FROM bookings b JOIN tests t ON t.code IN ('OLD-1', 'OLD-' || (2 + (hashtext(b.booking_number) & 3)));
    INSERT INTO otps (phone, purpose, code_hash, expires_at, attempts)
    SELECT phone, 'login', encode(sha256(phone::bytea), 'hex'), now() + interval '5 minutes', 2 FROM users LIMIT 10;
  `);
}

/** Every row of every baseline table, restricted to the columns the table had at the baseline. */
async function baselineRows(knex: Knex, columns: Record<string, string[]>): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of BASELINE_TABLES) rows[table] = await knex(table).select(columns[table]!).orderBy('id');
  return rows;
}

async function columnsOf(knex: Knex, tables: readonly string[]): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    result[table] = await knex('information_schema.columns').where({ table_schema: 'public', table_name: table }).orderBy('ordinal_position').pluck('column_name');
  }
  return result;
}

describe.each(testServers())('upgrade from a populated baseline ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'petlab_upgrade', migrate: BASELINE });
  let baselineColumns: Record<string, string[]>;
  let before: Record<string, unknown[]>;

  beforeAll(async () => {
    await populateBaseline(db.knex);
    baselineColumns = await columnsOf(db.knex, BASELINE_TABLES);
    before = await baselineRows(db.knex, baselineColumns);
    await strataOk(db.url, ['migrate', 'latest']);
  });

  it('started from the old shape: 8 tables, no pets, no P0 columns', () => {
    expect(Object.keys(baselineColumns).sort()).toEqual([...BASELINE_TABLES].sort());
    expect(baselineColumns.bookings).not.toContain('pet_id');
    expect(baselineColumns.tests).not.toContain('created_at');
    expect(before.bookings).toHaveLength(BOOKINGS);
    expect(before.booking_items!.length).toBeGreaterThanOrEqual(BOOKINGS);
  });

  it('keeps every row of every baseline table with every old value unchanged', async () => {
    expect(await baselineRows(db.knex, baselineColumns)).toEqual(before);
  });

  it('reaches exactly the committed schema, every NOT VALID constraint validated', async () => {
    const live = await liveSchema(db.knex);
    expect(live).toEqual(committedSchema(PACKAGE_DIR));
    expect(schemaFacts(live).constraints.filter((c) => c.definition.includes('NOT VALID'))).toEqual([]);
  });

  it('gives old rows the documented values in the new columns', async () => {
    expect(await db.knex('users').distinct('last_login', 'login_attempts', 'is_locked')).toEqual([{ last_login: null, login_attempts: 0, is_locked: false }]);
    expect(await db.knex('bookings').distinct('pet_id', 'collection_staff_id', 'notes', 'estimated_distance_km')).toEqual([
      { pet_id: null, collection_staff_id: null, notes: null, estimated_distance_km: null },
    ]);
    // quantity 1 is true of every old item; price and status were never recorded, so they stay NULL.
    expect(await db.knex('booking_items').distinct('quantity', 'unit_price', 'status')).toEqual([{ quantity: 1, unit_price: null, status: null }]);
    expect(await db.knex('tests').distinct('tube_type', 'sample_quantity_ml', 'sample_collection_instructions', 'tat_hours')).toEqual([
      { tube_type: null, sample_quantity_ml: null, sample_collection_instructions: null, tat_hours: null },
    ]);
    // now() of the ALTER, stored once in the catalog: every old test reads the same instant.
    const { rows } = await db.knex.raw<{ rows: { instants: number; same: boolean }[] }>('SELECT count(DISTINCT created_at)::int AS instants, bool_and(created_at = updated_at) AS same FROM tests');
    expect(rows).toEqual([{ instants: 1, same: true }]);
  });

  it('accepts new rows that use the P0 columns on the old tables', async () => {
    const owner = await db.knex('users').orderBy('phone').first('id');
    const [pet] = await db.knex('pets').insert({ user_id: owner.id, name: 'Tommy', species: 'dog' }).returning('id');
    const [booking] = await db.knex('bookings').insert({ booking_number: 'NEW-000001', user_id: owner.id, collection_type: 'lab_visit', scheduled_at: '2026-02-01T09:00:00Z', pet_id: pet.id }).returning('id');
    const test = await db.knex('tests').where({ code: 'OLD-1' }).first('id');
    const [item] = await db.knex('booking_items').insert({ booking_id: booking.id, test_id: test.id, unit_price: 100 }).returning(['quantity', 'status']);
    expect(item).toEqual({ quantity: 1, status: 'pending' });
  });

  it('rebuilds an index that a failed CONCURRENTLY build left INVALID when the index migration runs again', async () => {
    const validity = async () => (await db.knex.raw<{ rows: { valid: boolean; unique: boolean }[] }>(`SELECT indisvalid AS valid, indisunique AS unique FROM pg_index WHERE indexrelid = to_regclass('ix_bookings_pet_id')`)).rows;
    // As if `migrate latest` had stopped in the index migration: everything from it on is pending.
    await strataOk(db.url, ['migrate', 'to', '20260102000700_p0_alter_booking_items']);
    // A build that fails half-way leaves an INVALID index of the same name: here a unique build over duplicates.
    const owner = await db.knex('users').orderBy('phone').first('id');
    const [pet] = await db.knex('pets').insert({ user_id: owner.id, name: 'Twin', species: 'cat' }).returning('id');
    const twin = (n: number) => ({ booking_number: `TWIN-${n}`, user_id: owner.id, collection_type: 'lab_visit', scheduled_at: '2026-02-01T09:00:00Z', pet_id: pet.id });
    await db.knex('bookings').insert([twin(1), twin(2)]);
    await expect(db.knex.raw('CREATE UNIQUE INDEX CONCURRENTLY ix_bookings_pet_id ON bookings (pet_id)')).rejects.toMatchObject({ code: '23505' });
    expect(await validity()).toEqual([{ valid: false, unique: true }]);

    await strataOk(db.url, ['migrate', 'latest']);
    expect(await validity()).toEqual([{ valid: true, unique: false }]);
    expect(await liveSchema(db.knex)).toEqual(committedSchema(PACKAGE_DIR));
    await db.knex('bookings').where({ pet_id: pet.id }).delete();
  });

  it('rolls back to the baseline with every old row and value as it was', async () => {
    await db.knex('booking_items').whereIn('booking_id', db.knex('bookings').select('id').where({ booking_number: 'NEW-000001' })).delete();
    await db.knex('bookings').where({ booking_number: 'NEW-000001' }).delete();
    await strataOk(db.url, ['migrate', 'to', BASELINE]);
    expect(await columnsOf(db.knex, BASELINE_TABLES)).toEqual(baselineColumns);
    expect(await baselineRows(db.knex, baselineColumns)).toEqual(before);
  });
});

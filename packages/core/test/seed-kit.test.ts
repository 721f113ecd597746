/**
 * The seed kit packages build on: stable ids, idempotent row writers, exact undo, production
 * secrets — writers run against real PostgreSQL.
 */
import type { Knex } from 'knex';
import { ConfigError, connect, ensureRow, productionSecrets, refuseOnProduction, SafetyError, seedIds, StrataError, upsertRow } from '../src';
import { createTestDatabase, testServers, type TestDatabase } from '../src/testing';

const NAMESPACE = '0b8a4f1e-6f52-4c1d-9a57-3a3f2f0e9d11';

describe('seedIds', () => {
  it('gives the same id for the same table and key, another for another namespace', () => {
    const ids = seedIds(NAMESPACE);
    expect(ids.id('plans', 'starter')).toBe(seedIds(NAMESPACE).id('plans', 'starter'));
    expect(ids.id('plans', 'starter')).not.toBe(ids.id('coupons', 'starter'));
    expect(ids.id('plans', 'starter')).not.toBe(seedIds('a7c4e1d2-0f3b-4e5a-8c9d-1e2f3a4b5c6d').id('plans', 'starter'));
    expect(ids.id('plans', 'starter')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => seedIds('telecom')).toThrow(ConfigError);
    expect(() => seedIds('telecom')).toThrow("seed id namespace 'telecom' is not a UUID");
  });
});

describe('productionSecrets', () => {
  const secrets = [
    { envVar: 'ADMIN_PASSWORD', developmentDefault: 'Admin@123' },
    { envVar: 'API_KEY', developmentDefault: 'dev-key', minLength: 20 },
  ];

  it('uses the development defaults outside production, whatever the environment says', () => {
    const values = productionSecrets({ production: false, env: { ADMIN_PASSWORD: 'ignored' } }, secrets, 'the admin needs a password');
    expect([...values]).toEqual([['ADMIN_PASSWORD', 'Admin@123'], ['API_KEY', 'dev-key']]);
  });

  it('in production names every missing or unacceptable variable, never a value', () => {
    const call = () => productionSecrets({ production: true, env: { ADMIN_PASSWORD: 'Admin@123', API_KEY: 'short-secret-123' } }, secrets, 'the admin needs a password');
    expect(call).toThrow(SafetyError);
    expect(call).toThrow(
      'refused: the admin needs a password from the environment in production (ADMIN_PASSWORD is the development default; API_KEY is shorter than 20 characters): set ADMIN_PASSWORD and API_KEY and run the seed again — nothing was written',
    );
    expect(() => productionSecrets({ production: true, env: {} }, secrets, 'x')).toThrow('ADMIN_PASSWORD is not set; API_KEY is not set');
  });

  it('in production takes acceptable values from the environment', () => {
    const env = { ADMIN_PASSWORD: 'a-long-admin-secret', API_KEY: 'k'.repeat(20) };
    expect(productionSecrets({ production: true, env }, secrets, 'x').get('ADMIN_PASSWORD')).toBe('a-long-admin-secret');
  });

  it('refuseOnProduction refuses only production', () => {
    expect(() => refuseOnProduction({ production: true, env: {} }, 'demo customers')).toThrow('refused: demo customers never go to production');
    expect(() => refuseOnProduction({ production: false, env: {} }, 'demo customers')).not.toThrow();
  });
});

describe.each(testServers())('row writers ($label)', (server) => {
  let db: TestDatabase;
  let knex: Knex;
  const ids = seedIds(NAMESPACE);

  beforeAll(async () => {
    db = await createTestDatabase(server, 'seedkit');
    knex = connect(db.url);
    await knex.raw(`CREATE TABLE plans (id uuid PRIMARY KEY, code text NOT NULL UNIQUE, name text NOT NULL, price numeric NOT NULL)`);
    await knex.raw(`CREATE TABLE products (id uuid PRIMARY KEY, slug text NOT NULL, deleted_at timestamptz)`);
    await knex.raw(`CREATE UNIQUE INDEX uq_products_slug ON products (slug) WHERE deleted_at IS NULL`);
  });
  afterAll(async () => {
    await knex?.destroy();
    await db?.drop();
  });
  beforeEach(async () => {
    await knex.raw('TRUNCATE plans, products');
  });

  it('ensureRow inserts once and leaves an existing row exactly as it is', async () => {
    const row = { id: ids.id('plans', 'starter'), code: 'starter', name: 'Starter', price: 10 };
    expect(await ensureRow(knex, 'plans', { code: 'starter' }, row)).toBe(row.id);
    await knex('plans').where({ code: 'starter' }).update({ name: 'Renamed by a user' });
    expect(await ensureRow(knex, 'plans', { code: 'starter' }, row)).toBe(row.id);
    expect(await knex('plans').select('code', 'name')).toEqual([{ code: 'starter', name: 'Renamed by a user' }]);
  });

  it('ensureRow returns the id of a row that held the key before the seed', async () => {
    const [existing] = await knex('plans').insert({ id: '00000000-0000-4000-8000-000000000001', code: 'starter', name: 'Mine', price: 1 }).returning('id');
    expect(await ensureRow(knex, 'plans', { code: 'starter' }, { id: ids.id('plans', 'starter'), code: 'starter', name: 'Starter', price: 10 })).toBe(existing.id);
  });

  it('ensureRow names the table and key when another unique key blocks the row', async () => {
    await knex('plans').insert({ id: ids.id('plans', 'starter'), code: 'other', name: 'Other', price: 1 });
    await expect(ensureRow(knex, 'plans', { code: 'starter' }, { id: ids.id('plans', 'starter'), code: 'starter', name: 'S', price: 1 })).rejects.toThrow(
      new StrataError('seed could not write plans row {"code":"starter"}: another row holds one of its unique keys or its seeded id (a soft-deleted copy?): rename or remove that row, then seed again'),
    );
  });

  it('upsertRow makes the seeded values win on a rerun, keeping the id', async () => {
    const id = ids.id('plans', 'starter');
    await upsertRow(knex, 'plans', ['code'], { id, code: 'starter', name: 'Starter', price: 10 });
    await knex('plans').update({ price: 99 });
    expect(await upsertRow(knex, 'plans', ['code'], { id, code: 'starter', name: 'Starter', price: 12 })).toBe(id);
    expect(await knex('plans').select('id', 'price')).toEqual([{ id, price: '12' }]);
  });

  it('upsertRow leaves a row whose values already match untouched (no new row version, no trigger)', async () => {
    const id = ids.id('plans', 'pro');
    await upsertRow(knex, 'plans', ['code'], { id, code: 'pro', name: 'Pro', price: 20 });
    const version = async () => (await knex('plans').where({ id }).first(knex.raw('xmin::text AS v'))).v as string;
    const before = await version();
    await upsertRow(knex, 'plans', ['code'], { id, code: 'pro', name: 'Pro', price: 20 });
    expect(await version()).toBe(before);
  });

  it('upsertRow targets a partial unique index with its predicate: a soft-deleted row frees the key', async () => {
    await knex('products').insert({ id: '00000000-0000-4000-8000-000000000002', slug: 'mug', deleted_at: knex.fn.now() });
    const id = await upsertRow(knex, 'products', ['slug'], { id: ids.id('products', 'mug'), slug: 'mug' }, { where: 'deleted_at IS NULL' });
    expect(id).toBe(ids.id('products', 'mug'));
    expect(await upsertRow(knex, 'products', ['slug'], { id: ids.id('products', 'mug'), slug: 'mug' }, { where: 'deleted_at IS NULL' })).toBe(id);
    expect(await knex('products').count({ n: '*' })).toEqual([{ n: '2' }]);
  });

  it('deleteSeeded removes exactly the seeded rows, not a user row beside them', async () => {
    await ensureRow(knex, 'plans', { code: 'starter' }, { id: ids.id('plans', 'starter'), code: 'starter', name: 'S', price: 1 });
    await knex('plans').insert({ id: '00000000-0000-4000-8000-000000000003', code: 'custom', name: 'Custom', price: 5 });
    expect(await ids.deleteSeeded(knex, 'plans', ['starter', 'never-seeded'])).toBe(1);
    expect(await knex('plans').pluck('code')).toEqual(['custom']);
  });
});

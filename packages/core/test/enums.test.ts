import knexFactory, { type Knex } from 'knex';
import {
  addEnumValueSql,
  compareEnumValues,
  createEnumSql,
  defineEnum,
  describeEnumDrift,
  dropEnumSql,
  enumDefaultValue,
  renameEnumValueSql,
  replaceEnumSql,
  type EnumValue,
} from '../src/enums';
import { createTestDatabase, testServers, type TestDatabase } from '../src/testing';

const billingStatus = defineEnum('billing_status', ['active', 'suspended', 'canceled'] as const);
type BillingStatus = EnumValue<typeof billingStatus>;
const typed: BillingStatus = 'suspended';
// @ts-expect-error 'paused' is not a billing status
const wrong: BillingStatus = 'paused';

describe('defineEnum', () => {
  it('gives the name, the values and a type guard', () => {
    expect(billingStatus.name).toBe('billing_status');
    expect(billingStatus.values).toEqual(['active', 'suspended', 'canceled']);
    expect(billingStatus.has(typed)).toBe(true);
    expect(billingStatus.has(wrong)).toBe(false);
    expect(Object.isFrozen(billingStatus.values)).toBe(true);
  });

  it.each([
    ['a name that is not snake_case', () => defineEnum('BillingStatus', ['a']), /'BillingStatus' is not snake_case: use e.g. 'billing_status'/],
    ['no values', () => defineEnum('billing_status', []), /needs at least one value/],
    ['a duplicate value', () => defineEnum('billing_status', ['a', 'b', 'a']), /lists 'a' twice/],
    ['a value over 63 bytes', () => defineEnum('billing_status', ['x'.repeat(64)]), /longer than 63 bytes/],
  ])('refuses %s', (_label, define, message) => {
    expect(define).toThrow(message);
  });
});

describe('generated SQL', () => {
  it.each([
    [
      'create',
      createEnumSql('billing_status', ['active', "it's"]),
      [
        'DO $strata$',
        'BEGIN',
        `  IF to_regtype('"billing_status"') IS NULL THEN`,
        `    CREATE TYPE "billing_status" AS ENUM ('active', 'it''s');`,
        `  ELSIF ARRAY(SELECT enumlabel::text FROM pg_catalog.pg_enum WHERE enumtypid = to_regtype('"billing_status"') ORDER BY enumsortorder) IS DISTINCT FROM ARRAY['active', 'it''s']::text[] THEN`,
        `    RAISE EXCEPTION '%', 'type billing_status already exists with other values than (active, it''s): change it with addValue/renameValue/replace, not create';`,
        '  END IF;',
        'END',
        '$strata$',
      ].join('\n'),
    ],
    ['drop', dropEnumSql('billing_status'), 'DROP TYPE IF EXISTS "billing_status"'],
    ['add value at the end', addEnumValueSql('billing_status', 'paused'), `ALTER TYPE "billing_status" ADD VALUE IF NOT EXISTS 'paused'`],
    ['add value before', addEnumValueSql('billing_status', 'paused', { before: 'canceled' }), `ALTER TYPE "billing_status" ADD VALUE IF NOT EXISTS 'paused' BEFORE 'canceled'`],
    ['add value after', addEnumValueSql('billing_status', 'paused', { after: 'active' }), `ALTER TYPE "billing_status" ADD VALUE IF NOT EXISTS 'paused' AFTER 'active'`],
    [
      'rename value',
      renameEnumValueSql('billing_status', 'canceled', 'cancelled'),
      [
        'DO $strata$',
        'BEGIN',
        `  IF EXISTS (SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = to_regtype('"billing_status"') AND enumlabel = 'canceled') THEN`,
        `    ALTER TYPE "billing_status" RENAME VALUE 'canceled' TO 'cancelled';`,
        `  ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = to_regtype('"billing_status"') AND enumlabel = 'cancelled') THEN`,
        `    RAISE EXCEPTION '%', 'type billing_status has neither value ''canceled'' nor ''cancelled'': nothing to rename';`,
        '  END IF;',
        'END',
        '$strata$',
      ].join('\n'),
    ],
  ])('%s', (_label, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('replace: rename old type, create new, convert with the mapping (defaults re-set), drop old', () => {
    expect(
      replaceEnumSql({
        name: 'billing_status',
        oldName: 'billing_status_old',
        values: ['active', 'canceled'],
        mapping: { suspended: 'canceled' },
        columns: [
          { table: 'accounts', column: 'status', defaultExpression: "'suspended'::billing_status" },
          { table: 'billing.invoices', column: 'account_status' },
        ],
      }),
    ).toEqual([
      'ALTER TYPE "billing_status" RENAME TO "billing_status_old"',
      `CREATE TYPE "billing_status" AS ENUM ('active', 'canceled')`,
      'ALTER TABLE "accounts" ALTER COLUMN "status" DROP DEFAULT',
      `ALTER TABLE "accounts" ALTER COLUMN "status" TYPE "billing_status" USING (CASE "status"::text WHEN 'suspended' THEN 'canceled' ELSE "status"::text END)::"billing_status"`,
      `ALTER TABLE "accounts" ALTER COLUMN "status" SET DEFAULT 'canceled'::"billing_status"`,
      `ALTER TABLE "billing"."invoices" ALTER COLUMN "account_status" TYPE "billing_status" USING (CASE "account_status"::text WHEN 'suspended' THEN 'canceled' ELSE "account_status"::text END)::"billing_status"`,
      'DROP TYPE "billing_status_old"',
    ]);
  });

  it.each([
    ["'active'::billing_status", 'active'],
    [`'it''s'::billing_status`, "it's"],
    [`'active'::"billing_status"`, 'active'],
    ["'active'::other_type", undefined],
    ['lower(x)', undefined],
  ])('enumDefaultValue(%s)', (expression, expected) => {
    expect(enumDefaultValue(expression, 'billing_status')).toBe(expected);
  });

  it('describes drift by name', () => {
    expect(describeEnumDrift(compareEnumValues('billing_status', ['active', 'paused'], ['active', 'legacy']))).toBe(
      "enum billing_status: missing in database 'paused'; extra in database 'legacy'",
    );
    expect(describeEnumDrift(compareEnumValues('billing_status', ['a', 'b'], ['b', 'a']))).toBe('enum billing_status: order differs: database (b, a) vs definition (a, b)');
    expect(describeEnumDrift(compareEnumValues('billing_status', ['a'], undefined))).toBe('enum billing_status: type does not exist in the database');
    expect(compareEnumValues('billing_status', ['a', 'b'], ['a', 'b']).inSync).toBe(true);
  });
});

describe.each(testServers())('enum helpers on real PostgreSQL ($label)', (server) => {
  let db: TestDatabase;
  let knex: Knex;

  beforeEach(async () => {
    db = await createTestDatabase(server, 'enums');
    knex = knexFactory({ client: 'pg', connection: db.url, pool: { min: 0, max: 2 } });
  });
  afterEach(async () => {
    await knex.destroy();
    await db.drop();
  });

  const labels = async (name = 'billing_status') =>
    (await knex.raw<{ rows: { l: string }[] }>(`SELECT enumlabel AS l FROM pg_enum WHERE enumtypid = ?::regtype ORDER BY enumsortorder`, [name])).rows.map((r) => r.l);

  it('creates idempotently, refuses to hide different values, drops without cascade', async () => {
    await knex.transaction((trx) => billingStatus.create(trx));
    await knex.transaction((trx) => billingStatus.create(trx));
    expect(await labels()).toEqual(['active', 'suspended', 'canceled']);
    await expect(billingStatus.create(knex, { values: ['active'] })).rejects.toThrow(/type billing_status already exists with other values than \(active\)/);

    await knex.schema.createTable('accounts', (t) => {
      t.text('id').primary();
      billingStatus.column(t, 'status').notNullable().defaultTo('active');
    });
    await knex('accounts').insert({ id: 'a1' });
    expect(await knex('accounts').first('status')).toEqual({ status: 'active' });
    await expect(billingStatus.drop(knex)).rejects.toThrow(/other objects depend on it/);
    await knex.schema.dropTable('accounts');
    await billingStatus.drop(knex);
    await billingStatus.drop(knex);
    expect((await knex.raw(`SELECT to_regtype('billing_status') AS t`)).rows).toEqual([{ t: null }]);
  });

  it('pins the values of an older migration with create({ values })', async () => {
    await billingStatus.create(knex, { values: ['active', 'canceled'] });
    expect(await labels()).toEqual(['active', 'canceled']);
    await billingStatus.addValue(knex, 'suspended', { before: 'canceled' });
    expect((await billingStatus.drift(knex)).inSync).toBe(true);
  });

  it('adds values at a position, idempotently', async () => {
    await billingStatus.create(knex);
    for (let i = 0; i < 2; i++) {
      await knex.transaction(async (trx) => {
        await billingStatus.addValue(trx, 'trial', { before: 'active' });
        await billingStatus.addValue(trx, 'paused', { after: 'suspended' });
        await billingStatus.addValue(trx, 'archived');
        await billingStatus.addValues(trx, ['grace', 'dunning'], { after: 'active' });
      });
    }
    expect(await labels()).toEqual(['trial', 'active', 'grace', 'dunning', 'suspended', 'paused', 'canceled', 'archived']);
  });

  it('a value added in one migration is usable in the next migration of the same run (55P04 only within one)', async () => {
    await billingStatus.create(knex);
    await knex.schema.createTable('accounts', (t) => {
      t.increments('id').primary();
      billingStatus.column(t, 'status').notNullable();
    });
    // Within ONE transaction the new value cannot be used: PostgreSQL raises 55P04.
    const sameTransaction = knex.transaction(async (trx) => {
      await billingStatus.addValue(trx, 'paused');
      await trx('accounts').insert({ status: 'paused' });
    });
    await expect(sameTransaction).rejects.toMatchObject({ code: '55P04' });
    expect(await labels()).toEqual(['active', 'suspended', 'canceled']); // rolled back as a whole

    // Two migrations, each in its own transaction, as the runner runs them.
    const migrations = [
      async (trx: Knex) => billingStatus.addValue(trx, 'paused', { after: 'suspended' }),
      async (trx: Knex) => {
        await trx('accounts').insert({ status: 'paused' });
        await trx('accounts').where({ status: 'paused' }).update({ status: 'active' });
        await trx('accounts').insert({ status: 'paused' });
      },
    ];
    for (const migration of migrations) await knex.transaction(migration);
    expect(await knex('accounts').orderBy('id').pluck('status')).toEqual(['active', 'paused']);
  });

  it('renames a value idempotently and fails when neither name exists', async () => {
    await billingStatus.create(knex);
    await billingStatus.renameValue(knex, 'canceled', 'cancelled');
    await billingStatus.renameValue(knex, 'canceled', 'cancelled');
    expect(await labels()).toEqual(['active', 'suspended', 'cancelled']);
    await expect(billingStatus.renameValue(knex, 'nope', 'nada')).rejects.toThrow(/type billing_status has neither value 'nope' nor 'nada'/);
  });

  it('replace removes values keeping every row, mapped; running it again changes nothing', async () => {
    await billingStatus.create(knex);
    await knex.schema.createTable('accounts', (t) => {
      t.increments('id').primary();
      billingStatus.column(t, 'status').notNullable().defaultTo('suspended');
      t.index(['status'], 'ix_accounts_status');
    });
    await knex.schema.createTable('invoices', (t) => {
      t.increments('id').primary();
      billingStatus.column(t, 'account_status');
    });
    const statuses = ['active', 'suspended', 'canceled', 'suspended', 'active', 'canceled', 'suspended'];
    await knex('accounts').insert(statuses.map((status) => ({ status })));
    await knex('invoices').insert([{ account_status: 'suspended' }, { account_status: null }, { account_status: 'active' }]);

    const replace = () =>
      knex.transaction((trx) =>
        billingStatus.replace(trx, {
          values: ['active', 'canceled', 'closed'],
          mapping: { suspended: 'canceled', canceled: 'closed' },
          columns: [
            { table: 'accounts', column: 'status' },
            { table: 'public.invoices', column: 'account_status' },
          ],
        }),
      );
    await replace();
    await replace();
    expect(await labels()).toEqual(['active', 'canceled', 'closed']);
    const map: Record<string, string> = { active: 'active', suspended: 'canceled', canceled: 'closed' };
    expect(await knex('accounts').orderBy('id').pluck('status')).toEqual(statuses.map((s) => map[s]));
    expect(await knex('invoices').orderBy('id').pluck('account_status')).toEqual(['canceled', null, 'active']);
    const [inserted] = await knex('accounts').insert({}).returning('status');
    expect(inserted).toEqual({ status: 'canceled' }); // the default 'suspended' was mapped too
    expect((await knex.raw(`SELECT to_regtype('billing_status_old') AS t`)).rows).toEqual([{ t: null }]);
    expect((await knex.raw(`SELECT indexname FROM pg_indexes WHERE tablename = 'accounts' ORDER BY 1`)).rows).toEqual([{ indexname: 'accounts_pkey' }, { indexname: 'ix_accounts_status' }]);
  });

  it.each([
    ['a removed value with no mapping', { values: ['active', 'canceled'], columns: [{ table: 'accounts', column: 'status' }] }, /removed value\(s\) 'suspended' have no mapping: add mapping: \{ suspended: '<new value>' \}/],
    ['a mapping to an unknown value', { values: ['active', 'canceled'], mapping: { suspended: 'gone' }, columns: [{ table: 'accounts', column: 'status' }] }, /sends 'suspended' to 'gone', which is not one of the new values/],
    ['a mapping from an unknown value', { values: ['active', 'canceled'], mapping: { gone: 'active', suspended: 'canceled' }, columns: [{ table: 'accounts', column: 'status' }] }, /mapping names 'gone', which is not a value of billing_status/],
    ['an unlisted column', { values: ['active', 'canceled'], mapping: { suspended: 'canceled' }, columns: [] }, /column\(s\) public.accounts.status use billing_status but are not in options.columns/],
    ['a listed column of another type', { values: ['active', 'canceled'], mapping: { suspended: 'canceled' }, columns: [{ table: 'accounts', column: 'status' }, { table: 'accounts', column: 'id' }] }, /column accounts.id is not of type billing_status/],
  ])('replace refuses %s and changes nothing', async (_label, options, message) => {
    await billingStatus.create(knex);
    await knex.schema.createTable('accounts', (t) => {
      t.increments('id').primary();
      billingStatus.column(t, 'status');
    });
    await knex('accounts').insert({ status: 'suspended' });
    await expect(knex.transaction((trx) => billingStatus.replace(trx, options))).rejects.toThrow(message);
    expect(await labels()).toEqual(['active', 'suspended', 'canceled']);
    expect(await knex('accounts').pluck('status')).toEqual(['suspended']);
  });

  it('reports drift by name', async () => {
    expect(await billingStatus.drift(knex)).toMatchObject({ name: 'billing_status', exists: false, inSync: false });
    await billingStatus.create(knex);
    expect(await billingStatus.drift(knex)).toMatchObject({ exists: true, inSync: true, missing: [], extra: [] });
    await billingStatus.addValue(knex, 'legacy');
    const drifted = defineEnum('billing_status', ['active', 'canceled', 'suspended', 'paused']);
    const drift = await drifted.drift(knex, 'public');
    expect(describeEnumDrift(drift)).toBe(
      "enum billing_status: missing in database 'paused'; extra in database 'legacy'; order differs: database (active, suspended, canceled, legacy) vs definition (active, canceled, suspended, paused)",
    );
  });
});

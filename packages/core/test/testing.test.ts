/**
 * The testing kit on real PostgreSQL: throwaway databases, a package's database migrated and
 * seeded by its real CLI, refusals read in savepoints of rolled-back transactions, the seed
 * checks every package makes, and the facts a schema test compares.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { defineEnum, refuseOnProduction } from '../src';
import {
  appliedMigrations,
  byTableAndName,
  committedSchema,
  createTestDatabase,
  declaredEnums,
  dump,
  expectDemoProfileRefused,
  expectReferenceSeededOnProduction,
  expectSeedRefusesProduction,
  expectSeedRerunChangesNothing,
  foreignKeyFact,
  indexFact,
  inRolledBackTransaction,
  inSavepoint,
  packageCli,
  pgError,
  PgErrorCode,
  RESTRICT_CODES,
  tablesWithRows,
  testServers,
  usePackageDatabase,
} from '../src/testing';

/** A workspace of its own holding a copy of the good check fixture: two migrations (plans, subscriptions), a reference and a demo seed. */
const WORKSPACE = mkdtempSync(path.join(os.tmpdir(), 'strata-kit-'));
writeFileSync(path.join(WORKSPACE, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
writeFileSync(path.join(WORKSPACE, 'package.json'), '{ "name": "ws", "private": true }\n');
symlinkSync(path.resolve(__dirname, '../../../node_modules'), path.join(WORKSPACE, 'node_modules'));
const FIXTURE = path.join(WORKSPACE, 'packages', 'billing');
cpSync(path.join(__dirname, 'check', 'fixtures', 'good'), FIXTURE, { recursive: true });
afterAll(() => rmSync(WORKSPACE, { recursive: true, force: true }));

const cli = packageCli(FIXTURE);

describe.each(testServers())('test servers ($label)', (server) => {
  it('creates and drops a throwaway database', async () => {
    const db = await createTestDatabase(server);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.end();
    expect(rows[0]?.db).toBe(db.name);
    await db.drop();
  });
});

describe.each(testServers())('a package database ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'kit', seed: 'demo', schema: true });
  const early = (() => {
    try {
      return db.knex;
    } catch (error) {
      return (error as Error).message;
    }
  })();

  it('says so when read before its beforeAll ran', () => {
    expect(early).toBe('the test database kit has no knex yet: read it inside it() or a later beforeAll()');
  });

  it('is migrated and seeded by the real CLI, and its schema read once set up', async () => {
    expect(await appliedMigrations(db.knex)).toEqual(['20240101000001_create_plans.ts', '20240101000002_create_subscriptions.ts']);
    expect(await tablesWithRows(db.knex)).toEqual({ plans: 2, subscriptions: 3 });
    expect(db.schema).toEqual(committedSchema(FIXTURE));
    expect(db.facts.tables).toEqual(['plans', 'subscriptions']);
  });

  it('compares its facts with lists written in design order', () => {
    expect(byTableAndName(db.facts.foreignKeys)).toEqual([foreignKeyFact('subscriptions', 'fk_subscriptions_plan_id', 'plan_id', 'plans', 'RESTRICT')]);
    expect(byTableAndName(db.facts.indexes)).toEqual(
      byTableAndName([
        indexFact('subscriptions', 'uq_subscriptions_customer_email', ['customer_email'], { unique: true }),
        indexFact('subscriptions', 'pk_subscriptions', ['id'], { unique: true }),
        indexFact('subscriptions', 'ix_subscriptions_plan_id', ['plan_id']),
        indexFact('plans', 'uq_plans_code', ['code'], { unique: true }),
        indexFact('plans', 'pk_plans', ['id'], { unique: true }),
      ]),
    );
    const enums = { kind: defineEnum('plan_kind', ['prepaid', 'postpaid']), status: defineEnum('subscription_status', ['active', 'suspended', 'canceled']), notAnEnum: 'x' };
    expect(db.facts.enums).toEqual(declaredEnums(enums));
  });

  it('reads a refusal in a savepoint, the transaction going on, and rolls the case back', async () => {
    await inRolledBackTransaction(db.knex, async (trx) => {
      await trx('plans').insert({ code: 'twice', kind: 'prepaid' });
      expect(await pgError(inSavepoint(trx, (sp) => sp('plans').insert({ code: 'twice', kind: 'prepaid' })))).toMatchObject({ code: PgErrorCode.unique, constraint: 'uq_plans_code', table: 'plans' });
      expect(await trx('plans').where({ code: 'twice' }).pluck('code')).toEqual(['twice']);
    });
    expect(await db.knex('plans').where({ code: 'twice' }).pluck('code')).toEqual([]);
    const restricted = await pgError(() => db.knex('plans').where({ code: 'basic' }).delete());
    expect({ constraint: restricted.constraint, restrict: RESTRICT_CODES.includes(restricted.code!) }).toEqual({ constraint: 'fk_subscriptions_plan_id', restrict: true });
  });

  it('fails a test whose statement is not refused', async () => {
    await expect(pgError(db.knex('plans').count())).rejects.toThrow('expected the statement to be refused, but it succeeded');
  });

  it('dumps rows in primary-key order, and a rerun of the seeds changes none', async () => {
    expect(JSON.parse(await dump(db.knex, ['plans'])).plans.map((row: { code: string }) => row.code)).toEqual(['basic', 'business']);
    await expectSeedRerunChangesNothing(cli, db, { seeds: 2 });
  });
});

describe.each(testServers())('a production target ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'kit_prod' });

  it('refuses the demo profile, writing nothing', () => expectDemoProfileRefused(cli, db));

  it('a demo seed guarded by refuseOnProduction refuses by itself', () => expectSeedRefusesProduction(db.knex, { seed: (_knex, context) => refuseOnProduction(context, 'demo customers') }));

  it('an unguarded seed is caught', async () => {
    await expect(expectSeedRefusesProduction(db.knex, { seed: () => undefined })).rejects.toThrow(/toBeInstanceOf/);
  });

  it('takes the reference data, and only it', () => expectReferenceSeededOnProduction(cli, db, { plans: 2 }));
});

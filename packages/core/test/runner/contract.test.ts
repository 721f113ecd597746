/**
 * The runner's contract: typed records of what it did — per migration or seed the statements
 * its code sent, the history rows written, the timing — returned and emitted step by step, and
 * the same records from a dry run, which changes nothing.
 */
import type { Knex } from 'knex';
import { connect, migrateOptions, runMigrations, runSeeds, SeedProfile, seedOptions, type StepRecord } from '../../src';
import { createTestDatabase, queryRows, testServers, type TestDatabase } from '../../src/testing';
import { createTable, migrationFolder } from './fixtures';

describe.each(testServers())('runner records ($label)', (server) => {
  let db: TestDatabase;
  let knex: Knex;
  const dir = migrationFolder({
    'migrations/20240101000000_alpha.ts': createTable('alpha'),
    'migrations/20240102000000_beta.ts': createTable('beta', "await knex('beta').insert({ name: 'b' });"),
    'seeds/001_alpha.ts': "export const profile = 'reference';\nexport async function seed(knex: any) { await knex('alpha').insert({ id: 7, name: 'a' }).onConflict('id').ignore(); }\nexport async function undo(knex: any) { await knex('alpha').where({ id: 7 }).delete(); }\n",
  });
  const where = () => ({ knex, url: db.url, migrationsDir: `${dir}/migrations` });

  beforeEach(async () => {
    db = await createTestDatabase(server, 'records');
    knex = connect(db.url);
  });
  afterEach(async () => {
    await knex.destroy();
    await db.drop();
  });

  it('returns and emits one record per migration: its statements, its history rows, its time', async () => {
    const emitted: StepRecord[] = [];
    const result = await runMigrations({ action: 'latest' }, migrateOptions(where(), { onStep: (record) => emitted.push(record) }));
    expect(result.dryRun).toBe(false);
    expect(result.batch).toBe(1);
    expect(emitted).toEqual(result.steps);
    expect(result.steps.map((s) => [s.kind, s.name, s.direction, s.transactional])).toEqual([
      ['migration', '20240101000000_alpha.ts', 'up', true],
      ['migration', '20240102000000_beta.ts', 'up', true],
    ]);
    expect(result.steps[1]!.statements.map((s) => s.sql)).toEqual([
      'create table "beta" ("id" serial primary key, "name" text)',
      `insert into "beta" ("name") values ('b')`,
    ]);
    expect(result.steps[1]!.history.map((h) => [h.table, h.action, h.name])).toEqual([
      ['knex_migrations', 'insert', '20240102000000_beta.ts'],
      ['strata_migrations', 'insert', '20240102000000_beta.ts'],
    ]);
    for (const step of result.steps) expect(step.ms).toBeGreaterThanOrEqual(0);
    expect(result.setup.map((s) => s.sql)).toEqual(expect.arrayContaining([expect.stringMatching(/^create table "knex_migrations"/)]));

    const down = await runMigrations({ action: 'rollback', all: true }, migrateOptions(where()));
    expect(down.steps.map((s) => [s.name, s.direction, s.history.map((h) => `${h.action} ${h.table}`)])).toEqual([
      ['20240102000000_beta.ts', 'down', ['delete knex_migrations', 'delete strata_migrations']],
      ['20240101000000_alpha.ts', 'down', ['delete knex_migrations', 'delete strata_migrations']],
    ]);
  });

  it('a dry run records the same statements as the real run, and changes nothing', async () => {
    const rehearsal = await runMigrations({ action: 'latest' }, migrateOptions(where(), { dryRun: true }));
    expect(rehearsal.dryRun).toBe(true);
    expect(await queryRows(db.url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).toEqual([]);
    const real = await runMigrations({ action: 'latest' }, migrateOptions(where()));
    const sqlOf = (steps: readonly StepRecord[]) => steps.map((s) => [s.name, s.statements.map((x) => x.sql)]);
    expect(sqlOf(rehearsal.steps)).toEqual(sqlOf(real.steps));
  });

  it('runs a migration outside a transaction on one session, so its SET holds for every later statement', async () => {
    const folder = migrationFolder({
      '20240101000000_session.ts': `export const config = { transaction: false };
export async function up(knex: any) {
  await knex.raw("SET statement_timeout = '4321ms'");
  const seen = await Promise.all([1, 2, 3].map(() => knex.raw("SELECT pg_sleep(0.3), current_setting('statement_timeout') AS v")));
  await knex.raw('CREATE TABLE seen (v text)');
  for (const result of seen) await knex('seen').insert({ v: result.rows[0].v });
}
export async function down(knex: any) { await knex.raw('DROP TABLE seen'); }
`,
    });
    await runMigrations({ action: 'latest' }, migrateOptions({ knex, url: db.url, migrationsDir: folder }));
    expect(await queryRows(db.url, 'SELECT v FROM seen')).toEqual([{ v: '4321ms' }, { v: '4321ms' }, { v: '4321ms' }]);
  });

  it('records each seed by its file name, with its statements and its strata_seeds row', async () => {
    await runMigrations({ action: 'latest' }, migrateOptions(where()));
    const records = await runSeeds(seedOptions({ ...where(), seedsDir: `${dir}/seeds` }), SeedProfile.reference);
    expect(records.map((r) => [r.kind, r.name, r.direction, r.statements.map((s) => s.sql), r.history.map((h) => `${h.action} ${h.table}`)])).toEqual([
      ['seed', '001_alpha.ts', 'up', [`insert into "alpha" ("id", "name") values (7, 'a') on conflict ("id") do nothing`], ['insert strata_seeds']],
    ]);
  });
});

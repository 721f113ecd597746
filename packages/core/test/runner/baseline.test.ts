/**
 * `strata migrate baseline` through the real CLI on both servers: a database that already has the
 * schema of the migrations starts its history (every migration recorded with its checksum, in one
 * batch); one that differs is refused naming the first difference, with nothing written; one with
 * a history is refused; `baseline <name>` records a prefix, and latest applies the rest.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checksumOf } from '../../src/migrations/source';
import { createTestDatabase, queryRows, runCli, testServers, type TestDatabase } from '../../src/testing';

const MIGRATIONS = path.join(__dirname, '..', 'check', 'fixtures', 'good', 'migrations');
const FIRST = '20240101000001_create_plans.ts';
const SECOND = '20240101000002_create_subscriptions.ts';

describe.each(testServers())('strata migrate baseline ($label)', (server) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  const strata = (url: string, ...args: string[]) => runCli(['migrate', ...args, '--migrations', MIGRATIONS, '--url', url]);

  /** A database with the schema of the migrations (up to `to`) but no history: built by them, then its history dropped. */
  async function adoptable(to?: string): Promise<TestDatabase> {
    const db = await createTestDatabase(server, 'baseline');
    dbs.push(db);
    const built = await strata(db.url, ...(to ? ['to', to] : ['latest']));
    if (built.code !== 0) throw new Error(built.stderr);
    await queryRows(db.url, 'DROP TABLE knex_migrations, knex_migrations_lock, strata_migrations');
    return db;
  }

  const historyOf = async (url: string) => queryRows<{ name: string; batch: number; checksum: string }>(url, 'SELECT m.name, m.batch, c.checksum FROM knex_migrations m JOIN strata_migrations c USING (name) ORDER BY m.id');
  const hasHistoryTable = async (url: string) => (await queryRows<{ found: boolean }>(url, `SELECT to_regclass('knex_migrations') IS NOT NULL AS found`))[0]!.found;

  it('records every migration of a matching database as applied, with its checksum, in one batch', async () => {
    const db = await adoptable();
    const dry = await strata(db.url, 'baseline', '--dry-run');
    expect(dry).toMatchObject({ code: 0, stdout: expect.stringContaining('baseline would record them (dry run, nothing written)') as string });
    expect(await hasHistoryTable(db.url)).toBe(false);
    const result = await strata(db.url, 'baseline');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`good: baseline recorded 2 migration(s) up to ${SECOND} as applied (batch 1), with their checksums`);
    expect(await historyOf(db.url)).toEqual([
      { name: FIRST, batch: 1, checksum: checksumOf(path.join(MIGRATIONS, FIRST)) },
      { name: SECOND, batch: 1, checksum: checksumOf(path.join(MIGRATIONS, SECOND)) },
    ]);
    const status = await strata(db.url, 'status');
    expect(status).toMatchObject({ code: 0, stdout: expect.stringContaining('2 applied') as string });
    expect((await strata(db.url, 'latest')).stdout).toContain('already up to date');
  });

  it("builds the schema to compare with on a scratch database prepared by the package's setup", async () => {
    // A project whose migrations call a function its runner creates first (package.json strata.lint.setup).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-baseline-setup-'));
    writeFileSync(path.join(dir, 'setup.sql'), "CREATE FUNCTION tenant_default() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1';\n");
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ strata: { conventions: false, lint: { setup: 'setup.sql' } } }));
    mkdirSync(path.join(dir, 'migrations'));
    writeFileSync(
      path.join(dir, 'migrations', '20240101000001_projects.ts'),
      "export async function up(knex: any) { await knex.raw('CREATE TABLE projects (id int PRIMARY KEY, tenant int NOT NULL DEFAULT tenant_default())'); }\nexport async function down(knex: any) { await knex.raw('DROP TABLE projects'); }\n",
    );
    try {
      const db = await createTestDatabase(server, 'baseline');
      dbs.push(db);
      await queryRows(db.url, readFileSync(path.join(dir, 'setup.sql'), 'utf8'));
      await queryRows(db.url, 'CREATE TABLE projects (id int PRIMARY KEY, tenant int NOT NULL DEFAULT tenant_default())');
      const result = await runCli(['migrate', 'baseline', '--migrations', 'migrations', '--url', db.url], { cwd: dir });
      expect(result.stdout).toContain('baseline recorded 1 migration(s)');
      expect(result.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a database that differs, naming the first difference, and writes nothing', async () => {
    const db = await adoptable();
    await queryRows(db.url, 'ALTER TABLE plans ADD COLUMN legacy_code text');
    const result = await strata(db.url, 'baseline');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`strata: refused: ${db.url} is not the schema of the migrations up to ${SECOND}: it has column plans.legacy_code: text null, which the migrations do not create — nothing was recorded`);
    expect(await hasHistoryTable(db.url)).toBe(false);
  });

  it('refuses an empty database: it lacks what the migrations create', async () => {
    const db = await createTestDatabase(server, 'baseline');
    dbs.push(db);
    const result = await strata(db.url, 'baseline');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused: .* is not the schema of the migrations up to 20240101000002_create_subscriptions\.ts: it lacks enum plan_kind: 'prepaid', 'postpaid' \(and \d+ more difference\(s\)\) — nothing was recorded/);
    expect(await hasHistoryTable(db.url)).toBe(false);
  });

  it('refuses a database that already has a history', async () => {
    const db = await createTestDatabase(server, 'baseline');
    dbs.push(db);
    expect((await strata(db.url, 'latest')).code).toBe(0);
    const result = await strata(db.url, 'baseline');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`strata: refused: ${db.url} already has a migration history (2 applied, the last ${SECOND}): baseline only starts one — use strata migrate latest; nothing was recorded`);
  });

  it('baseline <name> records the migrations up to it; latest then applies the rest', async () => {
    const db = await adoptable(FIRST.replace(/\.ts$/, ''));
    const result = await strata(db.url, 'baseline', FIRST.replace(/\.ts$/, ''));
    expect(result.code).toBe(0);
    expect((await historyOf(db.url)).map((row) => row.name)).toEqual([FIRST]);
    const latest = await strata(db.url, 'latest');
    expect(latest.stdout).toContain('batch 2 applied 1 migration(s)');
    expect((await historyOf(db.url)).map((row) => [row.name, row.batch])).toEqual([[FIRST, 1], [SECOND, 2]]);
  });

  it('refuses a name that is no migration', async () => {
    const db = await createTestDatabase(server, 'baseline');
    dbs.push(db);
    const result = await strata(db.url, 'baseline', 'nope');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('strata: no migration named nope: see strata migrate list');
  });
});

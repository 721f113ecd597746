/**
 * Safety and fault handling (issue 10): each case is the bad case of a user or an adversary,
 * and must get one clear line, a non-zero exit code and nothing half-done.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { binariesForServiceUser, serverCanReach, serviceUserIds } from '../../src/db/embedded';
import { binariesDir } from '../../src/db/embedded-binaries';
import { createTestDatabase, queryRows, runCli, startCli, testServers, withDatabase, type TestDatabase } from '../../src/testing';
import { createTable, migrationFolder } from './fixtures';

const PRODUCTION = { STRATA_ENV: 'production' };
const appliedNames = async (url: string) => (await queryRows<{ name: string }>(url, 'SELECT name FROM knex_migrations ORDER BY id')).map((r) => r.name);
const databasesLike = async (serverUrl: string, prefix: string) =>
  (await queryRows<{ datname: string }>(serverUrl, 'SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix])).map((r) => r.datname);
async function until(condition: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(testServers())('safety ($label)', (server) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(server, 'safety');
  });
  afterEach(async () => {
    await db.drop();
  });
  const migrate = (dir: string, args: string[], env: Record<string, string> = {}) => runCli(['migrate', ...args, '--migrations', dir, '--url', db.url], { env });

  describe('production rollback', () => {
    const dir = migrationFolder({
      '20240101000001_p1.ts': createTable('p1'),
      '20240101000002_index.ts': `export async function up(knex: any) { await knex.raw('CREATE INDEX ix_p1_name ON p1 (name)'); }\nexport async function down(knex: any) { await knex.raw('DROP INDEX ix_p1_name'); }\n`,
      '20240101000003_noop.ts': 'export async function up() {}\nexport async function down() {}\n',
    });

    it('is decided for the whole plan before the first step: nothing is reverted, every loss is named', async () => {
      expect((await migrate(dir, ['latest'], PRODUCTION)).code).toBe(0);
      await queryRows(db.url, `INSERT INTO p1 (name) VALUES ('kept')`);
      const refused = await migrate(dir, ['rollback'], PRODUCTION);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('strata: refused on production: down() of 20240101000001_p1.ts would drop-table p1 — nothing was changed; back up, then pass --allow-data-loss');
      expect(await appliedNames(db.url)).toEqual(['20240101000001_p1.ts', '20240101000002_index.ts', '20240101000003_noop.ts']);
      expect(await queryRows(db.url, `SELECT indexname FROM pg_indexes WHERE indexname = 'ix_p1_name'`)).toHaveLength(1);
    });

    it('--dry-run on production shows the refusal, changing nothing', async () => {
      expect((await migrate(dir, ['latest'], PRODUCTION)).code).toBe(0);
      const preview = await migrate(dir, ['rollback', '--dry-run'], PRODUCTION);
      expect(preview.code).toBe(1);
      expect(preview.stderr).toContain('refused on production: down() of 20240101000001_p1.ts would drop-table p1');
      expect(await appliedNames(db.url)).toHaveLength(3);
    });
  });

  it.each([
    ['STRATA_ENV=Production', { STRATA_ENV: 'Production' }],
    ['STRATA_ENV=staging NODE_ENV=production', { STRATA_ENV: 'staging', NODE_ENV: 'production' }],
    ['NODE_ENV=PROD', { NODE_ENV: 'PROD' }],
  ])('%s is production: demo seeds are refused even in a dry run', async (_title, env) => {
    const dir = migrationFolder({ 'migrations/20240101000000_a.ts': createTable('alpha'), 'seeds/001_demo.ts': "export const profile = 'demo';\nexport async function seed() {}\n" });
    expect((await runCli(['migrate', 'latest', '--migrations', `${dir}/migrations`, '--url', db.url])).code).toBe(0);
    const result = await runCli(['seed', 'run', '--profile', 'demo', '--dry-run', '--migrations', `${dir}/migrations`, '--url', db.url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refused: demo seeds never run on a production target');
  });

  it('forgets a seed when a rollback drops the tables it wrote, in the same transaction', async () => {
    const dir = migrationFolder({
      'migrations/20240101000000_a.ts': createTable('alpha'),
      'migrations/20240102000000_b.ts': createTable('beta'),
      'seeds/001_alpha.ts': "export const profile = 'reference';\nexport async function seed(knex: any) { await knex('alpha').insert({ id: 1, name: 'a' }).onConflict('id').ignore(); }\nexport async function undo(knex: any) { await knex('alpha').where({ id: 1 }).delete(); }\n",
      'seeds/002_beta.ts': "export const profile = 'reference';\nexport async function seed(knex: any) { await knex('beta').insert({ id: 1, name: 'b' }).onConflict('id').ignore(); }\nexport async function undo(knex: any) { await knex('beta').where({ id: 1 }).delete(); }\n",
    });
    const strata = (...args: string[]) => runCli([...args, '--migrations', `${dir}/migrations`, '--url', db.url]);
    expect((await strata('migrate', 'latest')).code).toBe(0);
    expect((await strata('seed', 'run')).stdout).toContain('applied 2 seed(s)');
    expect((await strata('migrate', 'down')).code).toBe(0); // drops beta: 002_beta's rows are gone
    expect((await queryRows<{ name: string }>(db.url, 'SELECT name FROM strata_seeds')).map((r) => r.name)).toEqual(['001_alpha.ts']);
    expect((await strata('migrate', 'latest')).code).toBe(0);
    expect((await strata('seed', 'run')).stdout).toContain('applied 1 seed(s)');
    expect(await queryRows(db.url, 'SELECT name FROM beta')).toEqual([{ name: 'b' }]);
  });

  it('refuses to roll back a migration in the middle alone, and says how to get past it', async () => {
    const dir = migrationFolder({ '20240101000000_a.ts': createTable('alpha'), '20240102000000_b.ts': createTable('beta'), '20240103000000_c.ts': createTable('gamma') });
    expect((await migrate(dir, ['latest'])).code).toBe(0);
    const refused = await migrate(dir, ['down', '20240102000000_b.ts']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'strata: 20240102000000_b.ts is not the last applied migration (1 applied after it, last 20240103000000_c.ts): rolling it back alone leaves a gap that latest will not fill — strata migrate to 20240101000000_a.ts rolls back it and every later one, or pass --allow-out-of-order to roll back only it',
    );
    expect((await migrate(dir, ['down', '20240102000000_b.ts', '--allow-out-of-order'])).code).toBe(0);
    const latest = await migrate(dir, ['latest']);
    expect(latest.stderr).toContain('if it was rolled back alone (strata migrate down 20240102000000_b.ts), apply it again with --allow-out-of-order');
  });

  it('names a missing privilege on the history as a permission problem', async () => {
    const role = `strata_noaccess_${process.pid}`;
    const dir = migrationFolder({ '20240101000000_a.ts': createTable('alpha') });
    expect((await migrate(dir, ['latest'])).code).toBe(0);
    await queryRows(db.url, `DROP ROLE IF EXISTS ${role}; CREATE ROLE ${role} LOGIN`);
    try {
      const url = db.url.replace(/^postgres:\/\/[^@]*@/, `postgres://${role}@`);
      for (const action of ['status', 'latest']) {
        const result = await runCli(['migrate', action, '--migrations', dir, '--url', url]);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`this role has no rights on knex_migrations`);
        expect(result.stderr).toContain('it is a permission problem');
      }
    } finally {
      await queryRows(db.url, `DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
  });

  it('seed status shows an applied seed whose file is gone as missing; seed run --dry-run --rerun previews the rerun', async () => {
    const dir = migrationFolder({
      'migrations/20240101000000_a.ts': createTable('alpha'),
      'seeds/001_alpha.ts': "export const profile = 'reference';\nexport async function seed(knex: any) { await knex('alpha').insert({ id: 1, name: 'a' }).onConflict('id').ignore(); }\nexport async function undo(knex: any) { await knex('alpha').where({ id: 1 }).delete(); }\n",
    });
    const strata = (...args: string[]) => runCli([...args, '--migrations', `${dir}/migrations`, '--url', db.url]);
    await strata('migrate', 'latest');
    await strata('seed', 'run');
    const rerun = await strata('seed', 'run', '--dry-run', '--rerun');
    expect(rerun.stdout).toContain(`insert into "alpha" ("id", "name") values (1, 'a') on conflict ("id") do nothing;`);
    rmSync(`${dir}/seeds/001_alpha.ts`);
    const status = await strata('seed', 'status');
    expect(status.stdout).toMatch(/missing\s+001_alpha\.ts\s+reference/);
  });

  it('migrate status neither creates the database nor the history tables', async () => {
    const dir = migrationFolder({ '20240101000000_a.ts': createTable('alpha') });
    const missing = withDatabase(server.url, `strata_test_absent_${process.pid}`);
    const status = await runCli(['migrate', 'status', '--migrations', dir, '--url', missing]);
    expect(status.stdout).toContain('1 pending');
    expect(status.stderr).toContain('does not exist yet');
    expect(await databasesLike(server.url, `strata_test_absent_${process.pid}`)).toEqual([]);
  });
});

describe('a private checkout (mode 700) as root', () => {
  const asRoot = process.getuid?.() === 0;

  (asRoot ? it : it.skip)('runs the embedded binaries from a copy the postgres user can reach', () => {
    // The binaries of the installed major, copied into a folder only root can enter: as in /root/app.
    const installed = path.dirname(binariesDir(18));
    const home = mkdtempSync(path.join(os.tmpdir(), 'strata-private-'));
    chmodSync(home, 0o700);
    const native = path.join(home, 'native');
    cpSync(installed, native, { recursive: true, verbatimSymlinks: true });
    let copied: string | undefined;
    try {
      expect(serverCanReach(path.join(native, 'bin'))).toBe(false);
      copied = binariesForServiceUser(path.join(native, 'bin'));
      expect(copied.startsWith('/var/tmp/strata-pg/')).toBe(true);
      const version = spawnSync(path.join(copied, 'pg_ctl'), ['--version'], { encoding: 'utf8', ...serviceUserIds() });
      expect(version.stdout).toMatch(/^pg_ctl \(PostgreSQL\) 18\./);
      expect(binariesForServiceUser(path.join(native, 'bin'))).toBe(copied); // copied once
    } finally {
      rmSync(home, { recursive: true, force: true });
      if (copied) rmSync(path.dirname(copied), { recursive: true, force: true });
    }
  });
});

describe.each(testServers())('interrupted work ($label)', (server) => {
  it('Ctrl-C during check drops its scratch databases and prints no verdict', async () => {
    const dir = migrationFolder({ 'migrations/20240101000000_slow.ts': "export async function up(knex: any) { await knex.raw('SELECT pg_sleep(30)'); }\nexport async function down() {}\n" });
    const scratch = `strata_scratch_${path.basename(dir).replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_`;
    const run = startCli(['check', '--migrations', `${dir}/migrations`, '--url', server.url]);
    await until(async () => (await databasesLike(server.url, `${scratch}upgrade`)).length > 0, 'the upgrade step', 30_000);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stdout).not.toContain('FAILED');
    expect(result.stdout).not.toContain('strata check on');
    expect(await databasesLike(server.url, scratch)).toEqual([]);
  });

  it('db url inside a package names its database on the DATABASE_URL server', async () => {
    const root = migrationFolder({ 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n', 'packages/shop/package.json': '{}', 'packages/shop/migrations/.keep': '' });
    const result = await runCli(['db', 'url'], { cwd: path.join(root, 'packages/shop'), env: { DATABASE_URL: server.url } });
    expect(result.stdout.trim()).toBe(withDatabase(server.url, 'shop'));
  });

  it('lint --schema says what it checked, and that an empty database proves nothing', async () => {
    const db = await createTestDatabase(server, 'schemalint');
    try {
      const empty = await runCli(['lint', '--schema', '--url', db.url]);
      expect(empty.stderr).toContain(`checked 0 table(s) and 0 enum type(s) in schema public of database ${db.name} — it is empty: migrate it first`);
      await queryRows(db.url, 'CREATE TABLE notes (id int)');
      expect((await runCli(['lint', '--schema', '--url', db.url])).stderr).toContain(`checked 1 table(s) and 0 enum type(s) in schema public of database ${db.name}`);
    } finally {
      await db.drop();
    }
  });

  it('Ctrl-C during lint drops its scratch database and exits 130', async () => {
    const dir = migrationFolder({ '20240101000000_slow.ts': "export async function up(knex: any) { await knex.raw('SELECT pg_sleep(30)'); }\nexport async function down() {}\n" });
    const label = `strata_scratch_lint_${path.basename(dir).replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;
    const run = startCli(['lint', '--migrations', dir, '--url', server.url]);
    await until(async () => (await databasesLike(server.url, label)).length > 0, 'the scratch database');
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('strata: interrupted (SIGINT): cleaning up');
    expect(await databasesLike(server.url, label)).toEqual([]);
  });

  it('a scratch database left by a process that died is swept by the next run', async () => {
    const dir = migrationFolder({ '20240101000000_exit.ts': 'process.exit(3);\nexport async function up() {}\n' });
    const label = `strata_scratch_lint_${path.basename(dir).replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;
    const killed = await runCli(['lint', '--migrations', dir, '--url', server.url]);
    expect(killed.code).toBe(3);
    expect(await databasesLike(server.url, label)).toHaveLength(1);
    writeFileSync(path.join(dir, '20240101000000_exit.ts'), 'export async function up() {}\nexport async function down() {}\n');
    await runCli(['lint', '--migrations', dir, '--url', server.url]);
    expect(await databasesLike(server.url, label)).toEqual([]);
  });
});

describe('the embedded server and interruptions', () => {
  const root = migrationFolder({
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    'packages/shop/package.json': '{"name":"@strata/shop"}',
    'packages/shop/migrations/20240101000000_slow.ts': "export async function up(knex: any) { await knex.raw('SELECT pg_sleep(60)'); }\nexport async function down() {}\n",
  });
  // Like a normal checkout: readable by the `postgres` user the server runs as under root.
  chmodSync(root, 0o755);
  const cwd = path.join(root, 'packages/shop');
  const env = { STRATA_EMBEDDED_PORT: String(61000 + Math.floor(Math.random() * 4500)) };
  const leases = () => (existsSync(path.join(root, '.strata/pg18/leases')) ? readdirSync(path.join(root, '.strata/pg18/leases')) : []);
  /** The slow migration is running: its pg_sleep is on the server (so initdb and the start are over). */
  const sleeping = async (): Promise<boolean> => {
    const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${env.STRATA_EMBEDDED_PORT}/shop`, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      const { rows } = await client.query(`SELECT 1 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()`);
      return rows.length > 0;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  afterAll(async () => {
    await runCli(['db', 'stop', '--force'], { cwd, env });
    rmSync(root, { recursive: true, force: true });
  });

  it('db stop refuses while a migration uses the server, naming the process; --force stops it', async () => {
    const run = startCli(['migrate', 'latest'], { cwd, env });
    await until(sleeping, 'the migration to run', 60_000);
    const refused = await runCli(['db', 'stop'], { cwd, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`refused: strata process(es) ${run.child.pid} are using embedded PostgreSQL 18`);
    expect((await runCli(['db', 'stop', '--force'], { cwd, env })).code).toBe(0);
    const result = await run.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('20240101000000_slow.ts (up) failed');
  });

  it('Ctrl-C of migrate releases its lease and stops the server it started', async () => {
    const run = startCli(['migrate', 'latest'], { cwd, env });
    await until(sleeping, 'the migration to run', 60_000);
    expect(leases()).toEqual([String(run.child.pid)]);
    run.child.kill('SIGINT');
    expect((await run.done).code).toBe(130);
    expect(leases()).toEqual([]);
    expect((await runCli(['db', 'status'], { cwd, env })).stdout).toContain('stopped');
  });
});

describe('bad input: the environment and the command line', () => {
  const dir = migrationFolder({ '20240101000000_a.ts': createTable('alpha') });
  const url = 'postgres://postgres@127.0.0.1:1/x';

  it.each([
    [{ STRATA_STATEMENT_TIMEOUT: "1h'; SELECT 1; --" }, `STRATA_STATEMENT_TIMEOUT=1h'; SELECT 1; -- is not a duration`],
    [{ STRATA_LOCK_TIMEOUT: 'abc' }, 'STRATA_LOCK_TIMEOUT=abc is not a duration'],
    [{ STRATA_CONNECT_TIMEOUT: 'abc' }, 'STRATA_CONNECT_TIMEOUT=abc is not a number of seconds above 0'],
    [{ STRATA_EMBEDDED_PORT: 'abc' }, 'STRATA_EMBEDDED_PORT=abc is not a TCP port'],
  ])('refuses %j, naming the variable', async (env, message) => {
    const result = await runCli(['migrate', 'status', '--migrations', dir, '--url', url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^strata: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it.each([
    [['migrate', 'latest', '--migrations', `${dir}/nope`, '--url', url], 2, `--migrations ${dir}/nope: no such folder (check the path)`],
    [['migrate', 'status', '--migrations', `${dir}/20240101000000_a.ts`, '--url', url], 2, `--migrations ${dir}/20240101000000_a.ts is a file, not a folder of migrations`],
    [['migrate', 'latest', '--lock-timeout', 'abc', '--migrations', dir, '--url', url], 2, '--lock-timeout must be a number of seconds (got abc)'],
    [['demo', 'foo'], 2, "strata demo takes no arguments (got 'foo')"],
    [['migrate', 'latest', '--migrations', dir, '--url', 'postgres://u:SsLeak9@SsLeak9@127.0.0.1:1/db'], 1, 'cannot connect to postgres://u:***@127.0.0.1:1/db'],
    [['migrate', 'latest', '--migrations', dir, '--url', 'postgres://127.0.0.1:1/db?password=SsLeak9'], 1, 'cannot connect to postgres://127.0.0.1:1/db?password=***: connect ECONNREFUSED'],
  ])('strata %j', async (args, code, message) => {
    const result = await runCli(args as string[], { cwd: os.tmpdir() });
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(code);
    expect(result.stderr + result.stdout).not.toContain('SsLeak9');
  });

  it.each(testServers())('a refused login is named as one, not as a server that is down ($label)', async (server) => {
    const refused = withDatabase(server.url, 'postgres').replace(/^postgres:\/\/[^@]*@/, 'postgres://strata_no_such_role:SsLeak9@');
    const result = await runCli(['migrate', 'status', '--migrations', dir, '--url', refused]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('check the user and password of the URL');
    expect(result.stderr).not.toContain('is the server running');
    const json = await runCli(['check', '--json', '--migrations', dir, '--url', refused]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: expect.stringContaining('strata_no_such_role') });
  });

  it('pnpm check fails on a server that refuses the login instead of skipping it', async () => {
    const script = path.resolve(__dirname, '../../scripts/check-servers.js');
    const client = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', connectionTimeoutMillis: 2000 });
    const up = await client.connect().then(() => true, () => false);
    await client.end().catch(() => undefined);
    if (!up) return; // no local server on this machine: nothing to refuse
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, [script], { env: { ...process.env, DATABASE_URL: 'postgres://strata_no_such_role:pw@127.0.0.1:5432/postgres' }, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('answered but refused the connection');
  });

  it('two migrate make in one second write two files', async () => {
    const folder = migrationFolder({ 'm/.keep': '' });
    const [a, b] = await Promise.all([runCli(['migrate', 'make', 'same', '--migrations', `${folder}/m`]), runCli(['migrate', 'make', 'same', '--migrations', `${folder}/m`])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(readdirSync(`${folder}/m`).filter((f) => f.endsWith('_same.ts'))).toHaveLength(2);
  });
});

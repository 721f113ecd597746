import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, testServers } from '../../src/testing';

const FIXTURES = path.join(__dirname, 'fixtures');

interface JsonFailure {
  message: string;
  migration: string | null;
  object: string | null;
  file: string | null;
  details: string[];
}
interface JsonReport {
  ok: boolean;
  packages: Array<{ package: string; ok: boolean; steps: Array<{ step: string; ok: boolean; ms: number; skipped: string | null; failures: JsonFailure[] }> }>;
}

/** A copy of the good fixture as package `billing`, with broken files laid over it. */
function billingCopy(...overlays: string[]): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'strata-check-'));
  const dir = path.join(root, 'billing');
  cpSync(path.join(FIXTURES, 'good'), dir, { recursive: true });
  for (const overlay of overlays) {
    const [from, to] = overlay.split('=>') as [string, string];
    cpSync(path.join(FIXTURES, 'broken', from), path.join(dir, to), { recursive: true });
  }
  return dir;
}

describe.each(testServers())('strata check ($label)', (server) => {
  const copies: string[] = [];
  afterAll(() => copies.forEach((dir) => rmSync(path.dirname(dir), { recursive: true, force: true })));

  async function check(dir: string, ...args: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
    copies.push(dir);
    const result = await runCli(['check', '--migrations', 'migrations', '--json', ...args], { cwd: dir, env: { DATABASE_URL: server.url } });
    let report: JsonReport;
    try {
      report = JSON.parse(result.stdout) as JsonReport;
    } catch {
      throw new Error(`strata check printed no JSON report (exit ${result.code}): ${result.stdout}${result.stderr}`);
    }
    return { code: result.code, report, stderr: result.stderr };
  }

  function failuresOf(report: JsonReport, step: string): JsonFailure[] {
    const found = report.packages[0]!.steps.find((s) => s.step === step);
    if (!found) throw new Error(`no step ${step} in the report`);
    return found.failures;
  }

  it('passes every step on a good package', async () => {
    const { code, report } = await check(billingCopy());
    expect(report.packages[0]!.steps.map((s) => [s.step, s.ok, s.skipped])).toEqual([
      ['history', true, null],
      ['upgrade', true, null],
      ['drift', true, null],
      ['stairway', true, null],
      ['no-trace', true, null],
      ['seeds', true, null],
      ['lint', true, null],
      ['docs', true, null],
    ]);
    expect(code).toBe(0);
  });

  it('fails stairway and no-trace on a down() that drops the table but not its enum type, naming both', async () => {
    const dir = billingCopy('down-keeps-type=>migrations');
    const { code, report } = await check(dir, '--step', 'stairway', '--step', 'no-trace');
    expect(code).toBe(1);
    const [stairway] = failuresOf(report, 'stairway');
    expect(stairway).toMatchObject({
      migration: '20240101000002_create_subscriptions.ts',
      object: 'enum subscription_status',
      message: 'billing: down() of 20240101000002_create_subscriptions.ts leaves enum subscription_status: down() must undo exactly what up() did',
    });
    expect(stairway!.details).toContain("+ enum subscription_status: 'active', 'suspended', 'canceled'");
    const [noTrace] = failuresOf(report, 'no-trace');
    expect(noTrace).toMatchObject({ migration: '20240101000002_create_subscriptions.ts', object: 'enum subscription_status' });
    expect(noTrace!.message).toContain('billing: rolling back every migration leaves enum subscription_status');
  });

  it('fails drift on a stale schema.snapshot with a readable diff naming the migration and the column', async () => {
    const dir = billingCopy('stale-snapshot/20240101000003_add_plans_note.ts=>migrations/20240101000003_add_plans_note.ts');
    const { code, report } = await check(dir, '--step', 'drift');
    expect(code).toBe(1);
    const [drift] = failuresOf(report, 'drift');
    expect(drift).toMatchObject({ object: 'column plans.note', migration: '20240101000003_add_plans_note.ts', file: path.join(dir, 'schema.snapshot') });
    expect(drift!.message).toBe(
      'billing: schema.snapshot is stale — the schema at latest adds column plans.note (column plans.note: see 20240101000003_add_plans_note.ts): run strata check --update, review the diff and commit it',
    );
    expect(drift!.details).toEqual(['--- schema.snapshot (committed)', '+++ schema at latest', '+ column plans.note: text null']);
  });

  it('fails history on a migration edited after it was committed, and --update refuses to accept the edit', async () => {
    const dir = billingCopy();
    appendFileSync(path.join(dir, 'migrations', '20240101000001_create_plans.ts'), '// a late fix\n');
    for (const args of [[], ['--update']]) {
      const { code, report } = await check(dir, '--step', 'history', ...args);
      expect(code).toBe(1);
      const [history] = failuresOf(report, 'history');
      expect(history!.migration).toBe('20240101000001_create_plans.ts');
      expect(history!.message).toMatch(/^billing: 20240101000001_create_plans\.ts was edited after it was committed \(migrations\/migrations\.sum has ab3e99635d6a, the file is [0-9a-f]{12}\): revert the edit/);
    }
  });

  it('fails history when two migrations create the same table', async () => {
    const dir = billingCopy('duplicate-create/20240101000003_create_plans_again.ts=>migrations/20240101000003_create_plans_again.ts');
    const { code, report } = await check(dir, '--step', 'history');
    expect(code).toBe(1);
    expect(failuresOf(report, 'history')).toContainEqual(
      expect.objectContaining({
        migration: '20240101000003_create_plans_again.ts',
        object: 'table plans',
        message: 'billing: 20240101000003_create_plans_again.ts creates table plans, which 20240101000001_create_plans.ts already creates: change it in a new migration (ALTER), do not create it again',
      }),
    );
  });

  it('fails lint on a schema off the conventions, naming the migration that made the object', async () => {
    const dir = billingCopy('off-convention/20240101000003_create_notes.ts=>migrations/20240101000003_create_notes.ts');
    const { code, report } = await check(dir, '--step', 'lint');
    expect(code).toBe(1);
    expect(failuresOf(report, 'lint')).toContainEqual(
      expect.objectContaining({
        migration: '20240101000003_create_notes.ts',
        object: 'notes.plan_id',
        message: expect.stringMatching(/^billing: 20240101000003_create_notes\.ts: \[foreign-key-index\] notes\.plan_id: /),
      }),
    );
  });

  it('fails seeds on a seed that adds rows on every run, naming the seed and the table', async () => {
    const dir = billingCopy('non-idempotent-seed/20240101000001_plans.ts=>seeds/20240101000001_plans.ts');
    const { code, report } = await check(dir, '--step', 'seeds');
    expect(code).toBe(1);
    const failures = failuresOf(report, 'seeds');
    expect(failures.map((f) => [f.migration, f.object])).toEqual([
      ['20240101000001_plans.ts', 'table plans'],
      ['20240101000001_plans.ts', 'table plans'],
    ]);
    expect(failures[0]!.message).toBe(
      'billing: seed 20240101000001_plans.ts is not idempotent: running it again changes the row count of table plans (2 → 3); upsert on a natural key (insert … on conflict … merge)',
    );
    expect(failures[1]!.message).toBe(
      'billing: undo() of seed 20240101000001_plans.ts leaves table plans with 2 row(s), 0 before seeding: undo() must delete exactly what seed() wrote',
    );
  });
  it('blames from the runner\'s records, not its display strings: a seed named "plans (v2)" is named whole', async () => {
    // Display lines read "seeded <name> (<profile>…)": a parser of them would cut this name at " (".
    const dir = billingCopy('non-idempotent-seed/20240101000001_plans.ts=>seeds/20240101000001_plans (v2).ts');
    const { report } = await check(dir, '--step', 'seeds');
    expect(failuresOf(report, 'seeds').map((f) => [f.migration, f.object])).toEqual([
      ['20240101000001_plans (v2).ts', 'table plans'],
      ['20240101000001_plans (v2).ts', 'table plans'],
    ]);
  });
  describe('a folder whose migrations need a setup (a table another system owns, a function they call)', () => {
    const SETUP = `-- What this project's runner makes before its migrations.
CREATE TABLE tenants (id bigint PRIMARY KEY);
CREATE FUNCTION current_tenant() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT 1::bigint';
`;
    const MIGRATION = `export async function up(knex: any) {
  await knex.raw('CREATE TABLE projects (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant_id bigint NOT NULL DEFAULT current_tenant() REFERENCES tenants (id))');
  await knex.raw('CREATE INDEX projects_tenant_id_idx ON projects (tenant_id)');
}
export async function down(knex: any) {
  await knex.raw('DROP TABLE projects');
}
`;
    function folder(packageJson?: object): string {
      const root = mkdtempSync(path.join(os.tmpdir(), 'strata-check-setup-'));
      const dir = path.join(root, 'tenancy');
      mkdirSync(path.join(dir, 'migrations'), { recursive: true });
      writeFileSync(path.join(dir, 'setup.sql'), SETUP);
      writeFileSync(path.join(dir, 'migrations', '20240101000001_create_projects.ts'), MIGRATION);
      if (packageJson) writeFileSync(path.join(dir, 'package.json'), JSON.stringify(packageJson));
      return dir;
    }
    const STEPS = ['upgrade', 'stairway', 'no-trace', 'lint'];
    const stepArgs = STEPS.flatMap((step) => ['--step', step]);

    it('without it, every step that migrates fails at the first migration', async () => {
      const { code, report } = await check(folder(), ...stepArgs);
      expect(code).toBe(1);
      expect(failuresOf(report, 'upgrade')[0]!.message).toMatch(/20240101000001_create_projects\.ts.*(current_tenant|tenants)/);
    });

    it('--setup FILE prepares every scratch database, so every step passes', async () => {
      const { code, report } = await check(folder(), ...stepArgs, '--setup', 'setup.sql');
      expect(report.packages[0]!.steps.map((s) => [s.step, s.ok])).toEqual(STEPS.map((step) => [step, true]));
      expect(code).toBe(0);
    });

    it('a setup that fails is one line before any step, and the whole folder passes with a good one', async () => {
      const dir = folder();
      writeFileSync(path.join(dir, 'broken.sql'), 'CREATE TABLE oops (;\n');
      copies.push(dir);
      const broken = await runCli(['check', '--migrations', 'migrations', '--setup', 'broken.sql'], { cwd: dir, env: { DATABASE_URL: server.url } });
      expect(broken.code).toBe(1);
      expect(broken.stdout).not.toContain('FAILED');
      expect(broken.stderr.trim().split('\n').at(-1)).toMatch(/^strata: setup \S+broken\.sql failed on the scratch database: syntax error at or near ";" — fix the SQL/);
      // Every step: drift and docs are skipped for a folder of another project that has neither file.
      const { code, report } = await check(dir, '--setup', 'setup.sql');
      expect(report.packages[0]!.steps.filter((s) => !s.ok)).toEqual([]);
      expect(report.packages[0]!.steps.find((s) => s.step === 'docs')!.skipped).toBe('no docs/SCHEMA.md, not a Strata package');
      expect(code).toBe(0);
    });

    it('so does the setup its package.json declares (strata.lint.setup)', async () => {
      const { code, report } = await check(folder({ strata: { conventions: false, lint: { setup: 'setup.sql' } } }), ...stepArgs);
      expect(report.packages[0]!.steps.map((s) => [s.step, s.ok])).toEqual(STEPS.map((step) => [step, true]));
      expect(code).toBe(0);
    });
  });
});

describe('strata check refuses', () => {
  it.each([
    [['check', '--step', 'sideways'], 2, 'strata: --step sideways: steps are history, upgrade, drift, stairway, no-trace, seeds, lint, docs'],
    [['check', '--jobs', '0'], 2, 'strata: --jobs must be a whole number of at least 1 (got 0)'],
    [['check', 'now'], 2, "strata: unexpected argument 'now' for strata check"],
    [['check', '--migrations', 'migrations', '--setup', 'nowhere.sql'], 2, 'strata: --setup nowhere.sql: no such file; give the SQL file to run on every scratch database before the first migration'],
  ])('%j', async (args, code, message) => {
    const result = await runCli(args, { cwd: path.join(FIXTURES, 'good') });
    expect(result.stderr.trim()).toBe(message);
    expect(result.code).toBe(code);
  });

  it.each(['check', 'docs', 'lint'])('strata %s --all --setup FILE at the root: each package declares its own setup', async (command) => {
    const root = path.resolve(__dirname, '..', '..', '..', '..');
    const result = await runCli([command, '--all', '--setup', 'README.md'], { cwd: root });
    expect(result.stderr.trim()).toBe('strata: --setup FILE applies to one folder of migrations: run it inside the package or with --migrations DIR (a package declares its own in package.json "strata": { "lint": { "setup": … } })');
    expect(result.code).toBe(2);
  });

  it('a server it cannot reach, in one line before any step runs', async () => {
    const result = await runCli(['check', '--migrations', 'migrations'], { cwd: path.join(FIXTURES, 'good'), env: { DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/postgres' } });
    expect(result.stderr).toBe('strata: cannot reach postgres://postgres:***@127.0.0.1:1/ to create a scratch database: connect ECONNREFUSED 127.0.0.1:1 — is the server running and reachable?\n');
    expect(result.code).toBe(1);
  });

  it('a production server: scratch databases and demo data never go there', async () => {
    const [server] = testServers();
    const result = await runCli(['check', '--migrations', 'migrations'], { cwd: path.join(FIXTURES, 'good'), env: { DATABASE_URL: server!.url, STRATA_ENV: 'production' } });
    expect(result.stderr).toMatch(/^strata: refused: strata check creates scratch databases and writes demo data into them, and postgres:\/\/.* is a production server/);
    expect(result.code).toBe(1);
  });
});

describe('strata check under GitHub Actions', () => {
  it('annotates the file each failure blames', async () => {
    const [server] = testServers();
    const dir = billingCopy('down-keeps-type=>migrations');
    try {
      const result = await runCli(['check', '--migrations', 'migrations', '--step', 'stairway'], { cwd: dir, env: { DATABASE_URL: server!.url, GITHUB_ACTIONS: 'true' } });
      expect(result.stdout).toContain(
        '::error file=migrations/20240101000002_create_subscriptions.ts,title=strata check stairway%3A billing::billing: down() of 20240101000002_create_subscriptions.ts leaves enum subscription_status',
      );
      expect(result.code).toBe(1);
    } finally {
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});

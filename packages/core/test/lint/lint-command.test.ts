import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, runCli, testServers } from '../../src/testing';

const CORPUS = path.join(__dirname, 'corpus');

describe.each(testServers())('strata lint CLI ($label)', (server) => {
  it('exits 1 on an unacknowledged error and prints exactly the documented JSON shape', async () => {
    const result = await runCli(['lint', '--migrations', path.join(CORPUS, 'destructive'), '--url', server.url, '--format', 'json']);
    expect(result.code).toBe(1);
    const { findings } = JSON.parse(result.stdout) as { findings: Record<string, unknown>[] };
    expect(findings).toHaveLength(26);
    for (const finding of findings) {
      expect(Object.keys(finding).slice(0, 7)).toEqual(['rule', 'severity', 'migration', 'direction', 'statement', 'message', 'acknowledged']);
    }
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'drop-column', severity: 'error', migration: '002_drop_order_note.ts', direction: 'up', statement: 'alter table "orders" drop column "note"', acknowledged: false }));
  });

  it('exits 0 when only warnings are found, and prints github annotations with file paths', async () => {
    const result = await runCli(['lint', '--migrations', path.join(CORPUS, 'hygiene'), '--url', server.url, '--format', 'github'], { cwd: path.join(__dirname, '../../../..') });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      '::warning file=packages/core/test/lint/corpus/hygiene/001_create_events.ts,title=strata lint json-column (up)::001_create_events.ts: column events.payload is json: stored as text, re-parsed on every access, no equality operator (DISTINCT, GROUP BY and UNIQUE fail) and no GIN index. Fix: Use jsonb.%0Acreate table "events" ("id" serial primary key, "payload" json, "meta" jsonb, "kind" text, "happened_at" timestamp, "recorded_at" timestamptz)',
    );
  });

  it('--schema lints the conventions of the migrated database named by --url, in the same JSON shape', async () => {
    const db = await createTestDatabase(server, 'lintschema');
    try {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query('CREATE TABLE "OrderLines" (id int)');
      await client.end();
      const result = await runCli(['lint', '--schema', '--migrations', path.join(CORPUS, 'hygiene'), '--url', db.url, '--format', 'json']);
      const { findings } = JSON.parse(result.stdout) as { findings: { rule: string; severity: string; acknowledged: boolean; object?: string }[] };
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.object?.includes('OrderLines'))).toBe(true);
      expect(result.code).toBe(findings.some((f) => f.severity === 'error' && !f.acknowledged) ? 1 : 0);
    } finally {
      await db.drop();
    }
  });

  it('finds the setup of a folder in the package.json beside it, and takes --setup FILE instead', async () => {
    const migrations = path.join(CORPUS, 'setup', 'migrations');
    const fromPackage = await runCli(['lint', '--migrations', migrations, '--url', server.url, '--format', 'json']);
    const rules = (stdout: string): string[] => (JSON.parse(stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    expect(rules(fromPackage.stdout)).toEqual(['drop-table', 'index-not-concurrent', 'drop-index-not-concurrent', 'drop-column']);
    expect(fromPackage.code).toBe(1);
    const given = await runCli(['lint', '--migrations', migrations, '--url', server.url, '--format', 'json', '--setup', path.join(CORPUS, 'setup', 'lint-setup.sql')]);
    expect(rules(given.stdout)).toEqual(rules(fromPackage.stdout));
    const missing = await runCli(['lint', '--migrations', migrations, '--url', server.url, '--setup', 'no-such-setup.sql']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/setup .*no-such-setup\.sql does not exist/);
  });

  it('keeps stdout for the findings when migration code prints (console output goes to stderr)', async () => {
    const result = await runCli(['lint', '--migrations', path.join(CORPUS, 'dry-run'), '--url', server.url, '--format', 'json']);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toContain('creating items…');
  });

  it('leaves no scratch database behind', async () => {
    // Run from the corpus so the scratch databases are named strata_scratch_lint_locking_<random>.
    const result = await runCli(['lint', '--migrations', 'locking', '--url', server.url], { cwd: CORPUS });
    expect(result.code).toBe(1);
    expect((await databases(server.url)).filter((name) => name.startsWith('strata_scratch_lint_locking_'))).toEqual([]);
  });
});

describe('strata lint: the tool failing is exit 2, never a lint verdict', () => {
  it.each([
    [['lint', '--migrations', CORPUS, '--url', 'postgres://lint:hunter2@127.0.0.1:1/postgres'], /cannot reach postgres:\/\/lint:\*\*\*@127\.0\.0\.1:1\/ to create a scratch database: connect ECONNREFUSED/],
    [['lint', '--migrations', `${CORPUS}/no-such-folder`, '--url', 'postgres://x@127.0.0.1/y'], /--migrations .*no-such-folder: no such folder/],
    [['lint', '--migrations', `${CORPUS}/locking/001_create_accounts.ts`, '--url', 'postgres://x@127.0.0.1/y'], /001_create_accounts\.ts is a file, not a folder of migrations/],
    [['lint', '--migrations', CORPUS, '--url', 'http://x', '--format', 'json'], /--url must start with postgres:\/\//],
    [['lint', '--migrations', CORPUS, '--url', 'postgres://x@127.0.0.1/y', '--format', 'xml'], /--format xml: expected one of text, json, github/],
  ])('%j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('hunter2');
    expect(result.stdout).toBe('');
  });
});

describe.each(testServers())('strata lint: a file that does not load ($label)', (server) => {
  it('is reported, and the exit code is 2 (the lint could not judge it), not 1', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-lint-unloadable-'));
    writeFileSync(path.join(dir, '20240101000000_broken.ts'), 'export async function up( { syntax error\n');
    const result = await runCli(['lint', '--migrations', dir, '--url', server.url]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('capture-failed');
    expect(result.stderr).toContain('could not load');
  });
});

async function databases(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createdObjects } from '../../src/check/created-objects';
import { checkHistory, checkSumFile } from '../../src/check/history';
import { checkNames } from '../../src/check/names';
import { renderGithub } from '../../src/check/report';
import { compareSchemas, describeChanges } from '../../src/check/schema-diff';
import { compareSum, parseSumFile, renderSumFile, totalOf } from '../../src/check/sum-file';
import { CheckStep } from '../../src/check/types';
import { folderSource, type PackageInfo } from '../../src/workspace/packages';
import { loadParser } from '../../src/lint/parser';
import { listScripts } from '../../src/migrations/source';
import { parseSnapshotText } from '../../src/schema';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('migrations.sum', () => {
  it('renders a total line that hashes the entry lines, and parses back', () => {
    const entries = [{ name: '20240101000001_a.ts', checksum: A }, { name: '20240101000002_b.ts', checksum: B }];
    const text = renderSumFile(entries);
    expect(text.split('\n').slice(1)).toEqual([`total ${totalOf(entries)}`, `20240101000001_a.ts ${A}`, `20240101000002_b.ts ${B}`, '']);
    expect(parseSumFile(text)).toEqual({ entries, total: totalOf(entries) });
  });

  it('refuses a malformed line, naming its number', () => {
    expect(() => parseSumFile(`total ${A}\n<<<<<<< HEAD\n`)).toThrow('migrations.sum line 2 is not \'<migration> <sha256>\': <<<<<<< HEAD');
  });

  it.each([
    ['nothing changed', [['1_a.ts', A]], [['1_a.ts', A]], { edited: [], removed: [], added: [], outOfOrder: [], totalMismatch: false }],
    ['edited', [['1_a.ts', A]], [['1_a.ts', B]], { edited: [{ name: '1_a.ts', committed: A, now: B }], removed: [], added: [], outOfOrder: [], totalMismatch: false }],
    ['removed', [['1_a.ts', A]], [], { edited: [], removed: ['1_a.ts'], added: [], outOfOrder: [], totalMismatch: false }],
    ['added last', [['1_a.ts', A]], [['1_a.ts', A], ['2_b.ts', B]], { edited: [], removed: [], added: [{ name: '2_b.ts', checksum: B }], outOfOrder: [], totalMismatch: false }],
    ['added before a committed one', [['2_b.ts', B]], [['1_a.ts', A], ['2_b.ts', B]], { edited: [], removed: [], added: [], outOfOrder: ['1_a.ts'], totalMismatch: false }],
  ])('compares files with the committed sum: %s', (_, committed, files, expected) => {
    const entries = committed.map(([name, checksum]) => ({ name: name!, checksum: checksum! }));
    const sum = parseSumFile(renderSumFile(entries));
    expect(compareSum(files.map(([name, checksum]) => ({ name: name!, checksum: checksum! })), sum)).toEqual(expected);
  });

  it('notices a total line that does not hash the lines', () => {
    expect(compareSum([{ name: '1_a.ts', checksum: A }], parseSumFile(`total ${C}\n1_a.ts ${A}\n`)).totalMismatch).toBe(true);
  });

  describe('checkSumFile with --update', () => {
    let dir: string;
    let subject: PackageInfo;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'strata-sum-'));
      mkdirSync(path.join(dir, 'migrations'));
      writeFileSync(path.join(dir, 'migrations', '20240101000001_a.ts'), 'export async function up() {}\n');
      subject = { ...folderSource(path.join(dir, 'migrations'), path.join(dir, 'seeds')), label: 'billing' };
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const run = (update: boolean) => {
      const notes: string[] = [];
      return { failures: checkSumFile(subject, listScripts(subject.migrationsDir), update, notes).map((f) => f.message), notes };
    };

    it('creates the file, then adds new migrations only', () => {
      expect(run(false).failures).toEqual([`billing: ${path.relative(process.cwd(), subject.sumFile)} is missing: run strata check --update to create it, then commit it`]);
      expect(run(true).failures).toEqual([]);
      writeFileSync(path.join(dir, 'migrations', '20240101000002_b.ts'), 'export async function up() {}\n');
      expect(run(false).failures).toEqual([expect.stringContaining('billing: 20240101000002_b.ts is not in')]);
      expect(run(true)).toEqual({ failures: [], notes: [expect.stringMatching(/^added 1 migration\(s\) to .*migrations\.sum: commit it$/)] });
      expect(readFileSync(subject.sumFile, 'utf8')).toContain('20240101000002_b.ts ');
      expect(run(false).failures).toEqual([]);
    });

    it('never rewrites the line of an edited migration', () => {
      run(true);
      const before = readFileSync(subject.sumFile, 'utf8');
      writeFileSync(path.join(dir, 'migrations', '20240101000001_a.ts'), 'export async function up() { /* edited */ }\n');
      expect(run(true).failures).toEqual([expect.stringContaining('billing: 20240101000001_a.ts was edited after it was committed')]);
      expect(readFileSync(subject.sumFile, 'utf8')).toBe(before);
    });
  });
});

describe('migration names', () => {
  it('must be unique across sub-folders, since history records the bare name', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-names-'));
    try {
      for (const folder of ['auth', 'orders']) {
        mkdirSync(path.join(dir, 'migrations', folder), { recursive: true });
        writeFileSync(path.join(dir, 'migrations', folder, '20240101000001_init.ts'), 'export async function up() {}\n');
      }
      const subject = { ...folderSource(path.join(dir, 'migrations'), path.join(dir, 'seeds')), label: 'shop' };
      const outcome = await checkHistory(subject, { serverUrl: 'postgres://unused@127.0.0.1:1/x', update: false });
      expect(outcome.failures.map((f) => f.message)).toEqual([expect.stringMatching(/^shop: two files are named 20240101000001_init\.ts \(.*auth.* and .*orders.*\): names must be unique/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });


  const now = new Date('2025-06-01T00:00:00Z');
  const scripts = (...names: string[]) => names.map((name) => ({ name, file: `/m/${name}` }));
  it.each([
    [['20240101000001_a.ts', '20240101000002_b.ts'], []],
    [['00000000000000_create_strata_functions.ts', '20240101000001_a.ts'], []],
    [['00000000000001_a.ts'], ['00000000000001_a.ts starts with 00000000000001, which is not a UTC date-time: rename it with a real timestamp']],
    [['create_users.ts'], ['create_users.ts has no Knex timestamp prefix (YYYYMMDDHHMMSS_name): rename it, or create migrations with strata migrate make']],
    [['20241301000000_a.ts'], ['20241301000000_a.ts starts with 20241301000000, which is not a UTC date-time: rename it with a real timestamp']],
    [['20990101000000_a.ts'], ["20990101000000_a.ts is dated in the future (2099-01-01T00:00:00.000Z): migrations made before that date would sort before it; rename it with today's timestamp"]],
    [['20240101000001_a.ts', '20240101000001_b.ts'], ['20240101000001_a.ts and 20240101000001_b.ts share the timestamp 20240101000001: their order hangs on the description; give 20240101000001_b.ts a later timestamp']],
  ])('%j', (names, messages) => {
    expect(checkNames(scripts(...names), now).map((f) => f.message)).toEqual(messages);
  });
});

describe('created objects', () => {
  beforeAll(() => loadParser());
  it.each([
    ['create table "users" ("id" serial primary key)', [{ kind: 'table', name: 'users' }]],
    ['CREATE TABLE IF NOT EXISTS billing.invoices (id int)', [{ kind: 'table', name: 'billing.invoices' }]],
    ["CREATE TYPE subscription_status AS ENUM ('active')", [{ kind: 'type', name: 'subscription_status' }]],
    ['CREATE TYPE money_pair AS (a int, b int)', [{ kind: 'type', name: 'money_pair' }]],
    ['CREATE DOMAIN email AS text', [{ kind: 'type', name: 'email' }]],
    ["DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'k') THEN CREATE TYPE k AS ENUM ('x'); END IF; END $$", [{ kind: 'type', name: 'k' }]],
    ['create table "knex_migrations" ("id" serial primary key)', []],
    ['alter table "users" add column "note" text', []],
  ])('%s', (sql, expected) => {
    expect(createdObjects([{ sql, reads: false }])).toEqual(expected);
  });
});

describe('schema comparison', () => {
  const before = parseSnapshotText(['table plans', '  column id: bigint not null', '  index ix_plans_code: CREATE INDEX …'].join('\n'));
  it('names what a rollback leaves, removes and changes, folding a whole table into one object', () => {
    const after = parseSnapshotText(["enum subscription_status: 'active'", 'table plans', '  column id: integer not null', 'table subscriptions', '  column id: bigint not null'].join('\n'));
    const changes = compareSchemas(before, after);
    expect(changes.left).toEqual(['enum subscription_status', 'table subscriptions']);
    expect(changes.removed).toEqual(['index plans.ix_plans_code']);
    expect(changes.changed).toEqual(['column plans.id']);
    expect(describeChanges(changes)).toBe('leaves enum subscription_status, table subscriptions; removes index plans.ix_plans_code; changes column plans.id');
  });
});

describe('GitHub annotations', () => {
  it('puts each failure on its file, escaped', () => {
    const lines = renderGithub(
      [{ label: 'billing', ok: false, steps: [{ step: CheckStep.stairway, ok: false, ms: 1, notes: [], failures: [{ message: 'billing: down() of x.ts leaves enum s: 100%', file: '/repo/packages/billing/migrations/x.ts', details: ['+ enum s'] }] }] }],
      '/repo',
    );
    expect(lines).toEqual(['::error file=packages/billing/migrations/x.ts,title=strata check stairway%3A billing::billing: down() of x.ts leaves enum s: 100%25%0A+ enum s']);
  });
});

/**
 * The additive-only policy in `strata lint`, through the real CLI on both servers: a drop in up()
 * and a drop in down() fail under the policy even when acknowledged; the same folder without the
 * policy lints as before; convergent migrations pass; a bad policy value stops the lint (exit 2).
 */
import path from 'node:path';
import { loadParser } from '../../src/lint/parser';
import { forbiddenOperations, policyOf } from '../../src/lint/policy';
import { runCli, testServers } from '../../src/testing';
import { fixtureCopy, removeCopies } from './copies';

interface JsonFinding {
  rule: string;
  severity: string;
  migration: string;
  direction: string;
  statement: string;
  message: string;
  acknowledged: boolean;
  object?: string;
  reason?: string;
}

describe('forbiddenOperations: what additive-only refuses, read by the PostgreSQL parser', () => {
  beforeAll(() => loadParser());

  it.each([
    ['DROP TABLE IF EXISTS notes, billing.tags', [['drops table', 'notes'], ['drops table', 'billing.tags']]],
    ['ALTER TABLE notes DROP COLUMN body, DROP CONSTRAINT notes_body_check', [['drops column', 'notes.body'], ['drops constraint', 'notes.notes_body_check']]],
    ['ALTER TABLE notes ALTER COLUMN body TYPE varchar(10)', [['changes the type of column', 'notes.body']]],
    ['DROP TYPE plan_tier CASCADE', [['drops type', 'plan_tier']]],
    ['DROP INDEX CONCURRENTLY ix_notes_body', [['drops index', 'ix_notes_body']]],
    ['DROP TRIGGER trg_notes ON notes', [['drops trigger', 'notes.trg_notes']]],
    ['DROP FUNCTION strata_uuidv7()', [['drops function', 'strata_uuidv7']]],
    ['TRUNCATE notes', [['truncates table', 'notes']]],
    ["DELETE FROM notes WHERE body = ''", [['deletes rows of', 'notes']]],
    ['DELETE FROM notes', [['deletes every row of', 'notes']]],
    ["UPDATE notes SET body = ''", [['overwrites every row of', 'notes']]],
    ['ALTER TABLE notes RENAME COLUMN body TO text', [['renames column', 'notes.body to text']]],
    ['ALTER TABLE notes RENAME TO memos', [['renames table', 'notes to memos']]],
    ['ALTER TABLE notes RENAME CONSTRAINT notes_pkey TO pk_notes', [['renames constraint', 'notes.notes_pkey to pk_notes']]],
    ['ALTER INDEX ix_a RENAME TO ix_b', [['renames index', 'ix_a to ix_b']]],
    ['ALTER TYPE plan_tier RENAME TO tier', [['renames type', 'plan_tier to tier']]],
    ['ALTER FUNCTION billing.f(int) RENAME TO g', [['renames function', 'billing.f to g']]],
    ["ALTER TYPE plan_tier RENAME VALUE 'pro' TO 'scale'", [['renames value of enum', "plan_tier 'pro' to 'scale'"]]],
    ['DO $$ BEGIN DROP TABLE legacy; END $$', [['drops table', 'legacy']]],
  ])('%s', (sql, expected) => {
    expect(forbiddenOperations(sql).map((op) => [op.operation, op.object])).toEqual(expected);
  });

  it.each([
    'CREATE TABLE IF NOT EXISTS notes (id int)',
    'ALTER TABLE notes ADD COLUMN IF NOT EXISTS body text, ADD CONSTRAINT notes_body_check CHECK (body <> \'\')',
    'CREATE INDEX IF NOT EXISTS ix_notes_body ON notes (body)',
    "ALTER TYPE plan_tier ADD VALUE IF NOT EXISTS 'scale'",
    "UPDATE notes SET body = '' WHERE body IS NULL",
    "INSERT INTO notes (body) VALUES ('a') ON CONFLICT DO NOTHING",
    'BEGIN; COMMIT',
  ])('allows %s', (sql) => {
    expect(forbiddenOperations(sql)).toEqual([]);
  });

  it('refuses what it cannot read', () => {
    expect(forbiddenOperations('DROP TABLE (')).toEqual([expect.objectContaining({ operation: expect.stringContaining('cannot read') as string })]);
  });

  it('reads the policy from the strata field, and refuses an unknown one', () => {
    expect(policyOf({ policy: 'additive-only' })).toBe('additive-only');
    expect(policyOf({ schemaLint: {} })).toBeUndefined();
    expect(() => policyOf({ policy: 'additive' }, 'notes/package.json "strata"')).toThrow('notes/package.json "strata".policy is "additive": the policies are "additive-only" (or leave it out)');
  });
});

describe.each(testServers())('strata lint under a package policy ($label)', (server) => {
  afterAll(removeCopies);

  async function lint(dir: string): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
    const result = await runCli(['lint', '--migrations', path.join(dir, 'migrations'), '--url', server.url, '--format', 'json']);
    return { code: result.code, findings: result.code === 2 ? [] : (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings, stderr: result.stderr };
  }

  const pick = (f: JsonFinding) => ({ rule: f.rule, severity: f.severity, migration: f.migration, direction: f.direction, object: f.object, acknowledged: f.acknowledged });

  it('without the policy: the acknowledged drops in up() and down() pass, as before', async () => {
    const { code, findings } = await lint(fixtureCopy('destructive', undefined));
    expect(code).toBe(0);
    expect(findings.map(pick)).toEqual([
      { rule: 'drop-table', severity: 'info', migration: '20240101000001_create_notes.ts', direction: 'down', object: 'notes', acknowledged: true },
      { rule: 'allow-unknown-rule', severity: 'warning', migration: '20240101000002_drop_notes_author.ts', direction: 'up', object: 'additive-only', acknowledged: false },
      { rule: 'drop-column', severity: 'error', migration: '20240101000002_drop_notes_author.ts', direction: 'up', object: 'notes.author', acknowledged: true },
    ]);
  });

  it('under additive-only: the acknowledged drops in down() and in up() are errors no acknowledgement silences', async () => {
    const { code, findings, stderr } = await lint(fixtureCopy('destructive', 'additive-only'));
    expect(code).toBe(1);
    expect(stderr).toContain('policy additive-only');
    expect(findings.map(pick)).toEqual([
      { rule: 'drop-table', severity: 'info', migration: '20240101000001_create_notes.ts', direction: 'down', object: 'notes', acknowledged: true },
      { rule: 'additive-only', severity: 'error', migration: '20240101000001_create_notes.ts', direction: 'down', object: 'notes', acknowledged: false },
      { rule: 'allow-unknown-rule', severity: 'warning', migration: '20240101000002_drop_notes_author.ts', direction: 'up', object: 'additive-only', acknowledged: false },
      { rule: 'drop-column', severity: 'error', migration: '20240101000002_drop_notes_author.ts', direction: 'up', object: 'notes.author', acknowledged: true },
      { rule: 'additive-only', severity: 'error', migration: '20240101000002_drop_notes_author.ts', direction: 'up', object: 'notes.author', acknowledged: false },
    ]);
    const [, dropTable, noEffect, , dropColumn] = findings;
    expect(dropTable!.message).toBe('down() drops table notes: the policy of package notes is additive-only, which forbids destructive operations in up() and down(); no lint.allow acknowledgement can allow it.');
    expect(dropTable!.statement).toBe('DROP TABLE notes');
    expect(dropColumn!.message).toBe('up() drops column notes.author: the policy of package notes is additive-only, which forbids destructive operations in up() and down(); no lint.allow acknowledgement can allow it.');
    expect(noEffect!.message).toBe("lint.allow names 'additive-only': the policy of package notes cannot be acknowledged, so this entry has no effect — remove it.");
  });

  it('under additive-only: convergent migrations with empty down() pass', async () => {
    const { code, findings } = await lint(fixtureCopy('convergent', 'additive-only'));
    expect(findings.filter((f) => f.rule === 'additive-only')).toEqual([]);
    expect(code).toBe(0);
  });

  it('an unknown policy stops the lint with one line (exit 2)', async () => {
    const { code, stderr } = await lint(fixtureCopy('convergent', 'append-only'));
    expect(code).toBe(2);
    expect(stderr).toContain('strata lint: notes/package.json "strata".policy is "append-only": the policies are "additive-only" (or leave it out)');
  });
});

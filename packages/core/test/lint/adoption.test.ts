import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, testServers } from '../../src/testing';

const FOREIGN = path.join(__dirname, 'corpus', 'foreign');

interface JsonReport {
  ok: boolean;
  packages: Array<{ ok: boolean; steps: Array<{ step: string; ok: boolean; skipped: string | null; notes: string[]; failures: Array<{ message: string }> }> }>;
}

/** A copy of the foreign folder in a temporary directory (nothing of the repository around it), with extra files. */
function foreignCopy(extra: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'strata-foreign-'));
  const dir = path.join(root, 'migrations');
  cpSync(FOREIGN, dir, { recursive: true });
  for (const [name, text] of Object.entries(extra)) writeFileSync(path.join(root, name.startsWith('../') ? name.slice(3) : path.join('migrations', name)), text);
  return dir;
}

describe.each(testServers())('strata check on a folder that is not a Strata package ($label)', (server) => {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(path.dirname(dir), { recursive: true, force: true })));

  async function check(dir: string): Promise<JsonReport> {
    made.push(dir);
    const result = await runCli(['check', '--migrations', dir, '--json', '--step', 'history', '--step', 'drift', '--step', 'stairway', '--step', 'lint'], { env: { DATABASE_URL: server.url } });
    try {
      return JSON.parse(result.stdout) as JsonReport;
    } catch {
      throw new Error(`strata check printed no JSON report (exit ${result.code}): ${result.stdout}${result.stderr}`);
    }
  }
  const step = (report: JsonReport, name: string) => report.packages[0]!.steps.find((s) => s.step === name)!;

  it("passes on Knex's default names with no migrations.sum or schema.snapshot, and says once what it skipped", async () => {
    const report = await check(foreignCopy());
    expect(report.packages[0]!.steps.map((s) => [s.step, s.ok, s.skipped])).toEqual([
      ['history', true, null],
      ['drift', true, 'no schema.snapshot, not a Strata package'],
      ['stairway', true, null],
      ['lint', true, null],
    ]);
    expect(step(report, 'history').notes).toEqual([
      `not a Strata package (no "strata" field in its package.json): checked for safety only — the schema lint (Strata's naming and design conventions) skipped, migrations.sum and schema.snapshot checked only when present (add "strata": {} to its package.json to adopt the conventions)`,
    ]);
    expect(step(report, 'lint').notes).toEqual(["schema lint (Strata's conventions) skipped: not a Strata package"]);
  });

  it('still fails the safety checks', async () => {
    const report = await check(foreignCopy({ '20240103000000_drop_email.js': `exports.up = (knex) => knex.schema.alterTable('users', (t) => t.dropColumn('email'));\nexports.down = (knex) => knex.schema.alterTable('users', (t) => t.string('email'));\n` }));
    expect(step(report, 'lint').ok).toBe(false);
    expect(step(report, 'lint').failures.map((f) => f.message)).toEqual([expect.stringContaining('20240103000000_drop_email.js up(): [drop-column] users.email: drops column users.email')]);
  });

  it('applies the conventions once its package.json opts in with a "strata" field', async () => {
    const report = await check(foreignCopy({ '../package.json': JSON.stringify({ name: 'adopted', strata: {} }) }));
    expect(step(report, 'history').failures.map((f) => f.message)).toEqual([expect.stringContaining('migrations.sum is missing')]);
    expect(step(report, 'drift').failures.map((f) => f.message)).toEqual([expect.stringContaining('schema.snapshot is missing')]);
    expect(step(report, 'lint').failures.map((f) => f.message).join('\n')).toContain('[index-name]');
  });
});

/**
 * `strata check` under the additive-only policy, through the real CLI on both servers: the
 * stairway and no-trace steps ask for convergence (up → down → up gives the schema of up) instead
 * of an exact rollback; the same folder without the policy is checked as before; a migration that
 * does not converge is named; the lint step refuses destructive statements.
 */
import { runCli, testServers } from '../../src/testing';
import { fixtureCopy, removeCopies } from './copies';

interface JsonStep {
  step: string;
  ok: boolean;
  notes: string[];
  failures: Array<{ message: string; migration: string | null; object: string | null; details: string[] }>;
}

describe.each(testServers())('strata check under a package policy ($label)', (server) => {
  afterAll(removeCopies);

  async function check(dir: string, ...steps: string[]): Promise<{ code: number; steps: JsonStep[] }> {
    const result = await runCli(['check', '--migrations', 'migrations', '--json', ...steps.flatMap((s) => ['--step', s])], { cwd: dir, env: { DATABASE_URL: server.url } });
    try {
      return { code: result.code, steps: (JSON.parse(result.stdout) as { packages: Array<{ steps: JsonStep[] }> }).packages[0]!.steps };
    } catch {
      throw new Error(`strata check printed no JSON report (exit ${result.code}): ${result.stdout}${result.stderr}`);
    }
  }

  const step = (steps: JsonStep[], name: string): JsonStep => steps.find((s) => s.step === name)!;

  it('passes stairway, no-trace and lint by convergence, with down() changing nothing', async () => {
    const { code, steps } = await check(fixtureCopy('convergent', 'additive-only'), 'stairway', 'no-trace', 'lint');
    expect(steps.map((s) => [s.step, s.ok, s.notes])).toEqual([
      ['stairway', true, ['policy additive-only: 2 migration(s) up, down, up — each converges']],
      ['no-trace', true, ['policy additive-only: latest, rollback of everything, latest converges']],
      ['lint', true, []],
    ]);
    expect(code).toBe(0);
  });

  it('without the policy, the same folder fails stairway and no-trace as before: down() leaves the table', async () => {
    const { code, steps } = await check(fixtureCopy('convergent', undefined), 'stairway', 'no-trace');
    expect(code).toBe(1);
    expect(step(steps, 'stairway').failures[0]!.message).toBe('notes: down() of 20240101000001_create_notes.ts leaves table notes: down() must undo exactly what up() did');
    expect(step(steps, 'no-trace').failures[0]!.message).toContain('notes: rolling back every migration leaves table notes');
  });

  it('names a migration whose up() cannot run again after its down()', async () => {
    const { code, steps } = await check(fixtureCopy('convergent', 'additive-only', 'not-idempotent'), 'stairway', 'no-trace');
    expect(code).toBe(1);
    expect(step(steps, 'stairway').failures).toEqual([
      expect.objectContaining({ migration: '20240101000003_create_tags.ts', message: expect.stringMatching(/^notes: up\(\) of 20240101000003_create_tags\.ts failed in the stairway \(up, down, then up again\): .*relation "tags" already exists/) as string }),
    ]);
    expect(step(steps, 'no-trace').failures[0]!.message).toMatch(/failed during latest, rollback of everything, latest: .*relation "tags" already exists/);
  });

  it('names a migration whose down() leaves what up() does not take back', async () => {
    const { steps } = await check(fixtureCopy('convergent', 'additive-only', 'down-adds'), 'stairway');
    const [failure] = step(steps, 'stairway').failures;
    expect(failure).toMatchObject({
      migration: '20240101000003_add_notes_legacy.ts',
      object: 'column notes.legacy_title',
      message:
        'notes: up → down → up of 20240101000003_add_notes_legacy.ts does not converge: the second up() adds column notes.legacy_title — under policy additive-only, up() must bring any database to the same schema and down() must leave what up() made',
    });
    expect(failure!.details).toContain('+ column notes.legacy_title: text null');
  });

  it('fails the lint step on a destructive statement in up() or down(), acknowledged or not', async () => {
    const { code, steps } = await check(fixtureCopy('destructive', 'additive-only'), 'lint');
    expect(code).toBe(1);
    expect(step(steps, 'lint').failures.map((f) => [f.migration, f.object])).toEqual([
      ['20240101000001_create_notes.ts', 'notes'],
      ['20240101000002_drop_notes_author.ts', 'notes.author'],
    ]);
    expect(step(steps, 'lint').failures[0]!.message).toContain('notes: 20240101000001_create_notes.ts down(): [additive-only] notes: down() drops table notes: the policy of package notes is additive-only');
  });
});

/**
 * `strata migrate` under the additive-only policy, through the real CLI on both servers: a plan
 * whose steps would send a destructive statement is refused as a whole before its first step —
 * no flag allows it — while the same folder without the policy migrates as before.
 */
import { createTestDatabase, queryRows, runCli, testServers, type TestDatabase } from '../../src/testing';
import { fixtureCopy, removeCopies, setPolicy } from './copies';

const REFUSAL = /^strata: refused: the migrations of this package are additive-only \(package\.json "strata"\.policy\), and /m;

describe.each(testServers())('strata migrate under a package policy ($label)', (server) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(server, 'policy_migrate');
  });
  afterEach(async () => {
    await db.drop();
  });
  afterAll(removeCopies);

  const migrate = (dir: string, ...args: string[]) => runCli(['migrate', ...args, '--migrations', 'migrations', '--url', db.url], { cwd: dir });
  const tables = async () => (await queryRows<{ name: string }>(db.url, "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((r) => r.name);
  const applied = async () => (await queryRows<{ name: string }>(db.url, 'SELECT name FROM knex_migrations ORDER BY id')).map((r) => r.name);

  it('refuses a plan with a destructive up() before its first step, naming it; nothing is applied', async () => {
    const dir = fixtureCopy('destructive', 'additive-only');
    const result = await migrate(dir, 'latest');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(REFUSAL);
    expect(result.stderr).toContain('up() of 20240101000002_drop_notes_author.ts drops column notes.author — nothing was changed');
    expect(await tables()).toEqual([]); // not even 001 or the history tables
    const preview = await migrate(dir, 'latest', '--dry-run');
    expect(preview.code).toBe(1);
    expect(preview.stderr).toMatch(REFUSAL);
  });

  it('the same folder without the policy migrates as before', async () => {
    const result = await migrate(fixtureCopy('destructive', undefined), 'latest');
    expect(result.code).toBe(0);
    expect(await applied()).toEqual(['20240101000001_create_notes.ts', '20240101000002_drop_notes_author.ts']);
  });

  it('refuses a rollback whose down() would drop, when the package has adopted the policy since', async () => {
    const dir = fixtureCopy('destructive', undefined);
    expect((await migrate(dir, 'latest')).code).toBe(0);
    setPolicy(dir, 'additive-only');
    const result = await migrate(dir, 'rollback', '--allow-data-loss');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('down() of 20240101000001_create_notes.ts drops table notes — nothing was changed');
    expect(await applied()).toEqual(['20240101000001_create_notes.ts', '20240101000002_drop_notes_author.ts']);
    expect(await tables()).toContain('notes');
  });

  it('an additive plan runs, up and down', async () => {
    const dir = fixtureCopy('convergent', 'additive-only');
    expect((await migrate(dir, 'latest')).code).toBe(0);
    expect(await applied()).toHaveLength(2);
    expect((await migrate(dir, 'rollback')).code).toBe(0);
    expect(await applied()).toEqual([]);
  });
});

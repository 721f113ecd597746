import { Client } from 'pg';
import { createTestDatabase, runCli, testServers, type TestDatabase } from '../../src/testing';
import { createTable, migrationFolder, writeFiles } from './fixtures';

async function count(url: string, sql: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

const seed = (profile: 'reference' | 'demo', name: string) => `import type { Knex } from 'knex';
export const profile = '${profile}';
export async function seed(knex: Knex) { await knex('alpha').insert({ id: ${profile === 'reference' ? 1 : 2}, name: '${name}' }).onConflict('id').ignore(); }
export async function undo(knex: Knex) { await knex('alpha').where({ name: '${name}' }).delete(); }
`;

describe.each(testServers())('strata seed ($label)', (server) => {
  let db: TestDatabase;
  let dir: string;
  const strata = (args: string[], env: Record<string, string> = {}) =>
    runCli(['seed', ...args, '--migrations', `${dir}/migrations`, '--seeds', `${dir}/seeds`, '--url', db.url], { env });

  beforeEach(async () => {
    db = await createTestDatabase(server, 'seed');
    dir = migrationFolder({
      'migrations/20240101000000_a.ts': createTable('alpha'),
      'seeds/001_plans.ts': seed('reference', 'plan'),
      'seeds/002_customers.ts': seed('demo', 'customer'),
    });
  });
  afterEach(async () => {
    await db.drop();
  });

  it('refuses to seed a database with pending migrations, naming the first', async () => {
    const result = await strata(['run']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refused: 1 migration(s) pending (first: 20240101000000_a.ts): run strata migrate latest before seeding');
  });

  it('applies profiles, is idempotent, tracks seeds, and undoes in reverse', async () => {
    await runCli(['migrate', 'latest', '--migrations', `${dir}/migrations`, '--url', db.url]);
    expect((await strata(['run', '--profile', 'reference'])).code).toBe(0);
    expect(await count(db.url, 'SELECT count(*) AS n FROM alpha')).toBe(1);
    expect((await strata(['run', '--profile', 'demo'])).stdout).toContain('applied 1 seed(s) (demo)');
    expect((await strata(['run', '--profile', 'demo', '--rerun'])).code).toBe(0);
    expect(await count(db.url, 'SELECT count(*) AS n FROM alpha')).toBe(2);
    expect(await count(db.url, `SELECT count(*) AS n FROM strata_seeds WHERE profile IN ('reference', 'demo')`)).toBe(2);
    const status = JSON.parse((await strata(['status', '--json'])).stdout);
    expect(status.seeds.map((s: { name: string; state: string }) => `${s.name}:${s.state}`)).toEqual(['001_plans.ts:applied', '002_customers.ts:applied']);
    const undo = await strata(['undo']);
    expect(undo.stderr.indexOf('undid 002_customers.ts')).toBeLessThan(undo.stderr.indexOf('undid 001_plans.ts'));
    expect(await count(db.url, 'SELECT count(*) AS n FROM alpha')).toBe(0);
  });

  it('refuses demo data on production, writing nothing', async () => {
    await runCli(['migrate', 'latest', '--migrations', `${dir}/migrations`, '--url', db.url]);
    for (const env of [{ STRATA_ENV: 'production' }, { NODE_ENV: 'production' }] as Array<Record<string, string>>) {
      const result = await strata(['run', '--profile', 'demo'], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('refused: demo seeds never run on a production target');
    }
    expect(await count(db.url, 'SELECT count(*) AS n FROM alpha')).toBe(0);
    // With no profile named, production gets reference data only.
    expect((await strata(['run'], { STRATA_ENV: 'production' })).stdout).toContain('(reference)');
    expect(await count(db.url, `SELECT count(*) AS n FROM alpha WHERE name = 'customer'`)).toBe(0);
  });

  it('rolls back the whole seed run when one seed fails', async () => {
    await runCli(['migrate', 'latest', '--migrations', `${dir}/migrations`, '--url', db.url]);
    writeFiles(dir, { 'seeds/003_broken.ts': `export const profile = 'demo';\nexport async function seed() { throw new Error('bad seed'); }\n` });
    const result = await strata(['run', '--profile', 'demo']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('003_broken.ts (up) failed: bad seed — the whole seed run was rolled back, nothing was written');
    expect(await count(db.url, 'SELECT count(*) AS n FROM alpha')).toBe(0);
  });
});

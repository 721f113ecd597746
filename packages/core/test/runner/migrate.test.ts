import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, queryRows, runCli, testServers, type TestDatabase } from '../../src/testing';
import { createTable, migrationFolder, writeFiles } from './fixtures';


const tables = async (url: string): Promise<string[]> =>
  (await queryRows<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r) => r.t);

describe.each(testServers())('strata migrate ($label)', (server) => {
  let db: TestDatabase;
  const strata = (dir: string, ...args: string[]) => runCli(['migrate', ...args, '--migrations', dir, '--url', db.url]);

  beforeEach(async () => {
    db = await createTestDatabase(server, 'migrate');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('applies pending migrations in one batch, then finds nothing to do', async () => {
    const dir = migrationFolder({ '20240101000000_a.ts': createTable('alpha'), 'orders/20240102000000_b.ts': createTable('beta') });
    const first = await strata(dir, 'latest');
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('batch 1 applied 2 migration(s)');
    expect(await tables(db.url)).toEqual(['alpha', 'beta', 'knex_migrations', 'knex_migrations_lock', 'strata_migrations']);
    const second = await strata(dir, 'latest');
    expect(second.stdout).toContain('already up to date');
    expect((await strata(dir, 'rollback', '--all')).stdout).toContain('rolled back 2 migration(s)');
    expect((await strata(dir, 'rollback', '--all')).stdout).toContain('nothing to roll back');
    expect((await strata(dir, 'latest')).code).toBe(0);
    const status = JSON.parse((await strata(dir, 'status', '--json')).stdout);
    expect(status.packages[0].migrations.map((m: { name: string; state: string }) => `${m.name}:${m.state}`)).toEqual([
      '20240101000000_a.ts:applied',
      '20240102000000_b.ts:applied',
    ]);
  });

  it('runs each migration in its own transaction: a failure keeps earlier ones and leaves nothing of itself', async () => {
    const dir = migrationFolder({
      '20240101000000_a.ts': createTable('alpha'),
      '20240102000000_b.ts': createTable('beta', `throw new Error('boom in b');`),
      '20240103000000_c.ts': createTable('gamma'),
    });
    const result = await strata(dir, 'latest');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('strata: 20240102000000_b.ts (up) failed: boom in b — its transaction was rolled back');
    expect(await tables(db.url)).toEqual(['alpha', 'knex_migrations', 'knex_migrations_lock', 'strata_migrations']);
    const applied = await queryRows<{ name: string }>(db.url, 'SELECT name FROM knex_migrations');
    expect(applied.map((r) => r.name)).toEqual(['20240101000000_a.ts']);
  });

  it('honours config.transaction = false in latest, up and down (CREATE INDEX CONCURRENTLY)', async () => {
    const dir = migrationFolder({
      '20240101000000_a.ts': createTable('alpha'),
      '20240102000000_index.ts': `import type { Knex } from 'knex';
export const config = { transaction: false };
export async function up(knex: Knex) { await knex.raw('CREATE INDEX CONCURRENTLY ix_alpha_name ON alpha (name)'); }
export async function down(knex: Knex) { await knex.raw('DROP INDEX CONCURRENTLY ix_alpha_name'); }
`,
    });
    expect((await strata(dir, 'up')).code).toBe(0);
    const up = await strata(dir, 'up');
    expect(up.stderr).toContain('↑ 20240102000000_index.ts');
    expect(up.code).toBe(0);
    expect(await queryRows(db.url, `SELECT indexname FROM pg_indexes WHERE indexname = 'ix_alpha_name'`)).toHaveLength(1);
    expect((await strata(dir, 'down')).code).toBe(0);
    expect(await queryRows(db.url, `SELECT indexname FROM pg_indexes WHERE indexname = 'ix_alpha_name'`)).toHaveLength(0);
  });

  it('names an edited applied migration in status, refuses to migrate, and records an explicit acceptance', async () => {
    const dir = migrationFolder({ '20240101000000_a.ts': createTable('alpha') });
    await strata(dir, 'latest');
    appendFileSync(path.join(dir, '20240101000000_a.ts'), '// edited after it was applied\n');
    writeFiles(dir, { '20240102000000_b.ts': createTable('beta') });
    const status = await strata(dir, 'status');
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('edited   20240101000000_a.ts');
    expect(status.stderr).toContain('20240101000000_a.ts was edited after it was applied');
    const refused = await strata(dir, 'latest');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('applied migration 20240101000000_a.ts was edited after it was applied');
    expect(await tables(db.url)).not.toContain('beta');
    const accepted = await strata(dir, 'latest', '--accept-checksum', '20240101000000_a.ts');
    expect(accepted.code).toBe(0);
    const [row] = await queryRows<{ checksum_accepted_at: Date | null; accepted_from_checksum: string | null }>(
      db.url,
      `SELECT checksum_accepted_at, accepted_from_checksum FROM strata_migrations WHERE name = '20240101000000_a.ts'`,
    );
    expect(row?.checksum_accepted_at).toBeInstanceOf(Date);
    expect(row?.accepted_from_checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(await tables(db.url)).toContain('beta');
  });

  it('refuses a pending migration that sorts before an applied one unless --allow-out-of-order', async () => {
    const dir = migrationFolder({ '20240102000000_b.ts': createTable('beta') });
    await strata(dir, 'latest');
    writeFiles(dir, { '20240101000000_a.ts': createTable('alpha') });
    const refused = await strata(dir, 'latest');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pending migration 20240101000000_a.ts sorts before applied ones: if it was rolled back alone');
    expect((await strata(dir, 'latest', '--allow-out-of-order')).code).toBe(0);
    expect(await tables(db.url)).toContain('alpha');
  });

  it('--dry-run prints the exact SQL in order and changes nothing', async () => {
    const dir = migrationFolder({ '20240101000000_a.ts': createTable('alpha'), '20240102000000_b.ts': createTable('beta') });
    const result = await strata(dir, 'latest', '--dry-run');
    expect(result.code).toBe(0);
    const sql = result.stdout.split('\n');
    const alpha = sql.indexOf('create table "alpha" ("id" serial primary key, "name" text);');
    const beta = sql.indexOf('create table "beta" ("id" serial primary key, "name" text);');
    expect(alpha).toBeGreaterThan(0);
    expect(beta).toBeGreaterThan(alpha);
    expect(result.stdout).toContain(`insert into "knex_migrations" ("batch", "migration_time", "name") values (1, CURRENT_TIMESTAMP, '20240101000000_a.ts');`);
    expect(await tables(db.url)).toEqual([]);
  });

  it('--dry-run says when a step cannot be previewed exactly', async () => {
    const dir = migrationFolder({
      '20240101000000_a.ts': createTable('alpha', `const rows = await knex('alpha').select('id'); if (rows.length === 0) await knex('alpha').insert({ name: 'first' });`),
      '20240102000000_index.ts': `export const config = { transaction: false };
export async function up(knex: any) { await knex.raw('CREATE INDEX CONCURRENTLY ix_alpha_name ON alpha (name)'); }
export async function down(knex: any) { await knex.raw('DROP INDEX CONCURRENTLY ix_alpha_name'); }
`,
    });
    const result = await strata(dir, 'latest', '--dry-run');
    expect(result.stdout).toContain('-- ⚠ reads data: the statements after a read depend on the rows of this database');
    expect(result.stdout).toContain('-- 20240102000000_index.ts: up, outside any transaction');
    expect(result.stdout).toContain('-- ⚠ runs outside a transaction (config.transaction = false)');
    expect(await tables(db.url)).toEqual([]);
  });

  it('rolls back the last batch, a named migration, or every batch', async () => {
    const dir = migrationFolder({ '20240101000000_a.ts': createTable('alpha') });
    await strata(dir, 'latest');
    writeFiles(dir, { '20240102000000_b.ts': createTable('beta'), '20240103000000_c.ts': createTable('gamma') });
    await strata(dir, 'latest');
    expect((await strata(dir, 'rollback')).stdout).toContain('rolled back 2 migration(s)');
    expect(await tables(db.url)).toContain('alpha');
    await strata(dir, 'to', '20240103000000_c');
    expect(await tables(db.url)).toEqual(expect.arrayContaining(['alpha', 'beta', 'gamma']));
    await strata(dir, 'to', '20240101000000_a.ts');
    expect(await tables(db.url)).not.toContain('beta');
    expect((await strata(dir, 'rollback', '--every-batch')).code).toBe(0);
    expect(await tables(db.url)).not.toContain('alpha');
  });

  it('names a migration that fails to compile, before anything runs', async () => {
    const dir = migrationFolder({ '20240101000000_a.ts': createTable('alpha'), '20240102000000_b.ts': 'export async function up( {' });
    const result = await strata(dir, 'latest');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/strata: cannot load .*20240102000000_b\.ts: /);
    expect(await tables(db.url)).not.toContain('alpha');
  });

  it('keeps Knex history compatible: stock Knex reads the same applied list', async () => {
    const dir = migrationFolder({
      '20240101000000_a.js': `exports.up = (knex) => knex.schema.createTable('alpha', (t) => t.increments());\nexports.down = (knex) => knex.schema.dropTable('alpha');\n`,
      '20240102000000_b.js': `exports.up = (knex) => knex.schema.createTable('beta', (t) => t.increments());\nexports.down = (knex) => knex.schema.dropTable('beta');\n`,
    });
    await strata(dir, 'up');
    const knexfile = path.join(dir, '..', `knexfile-${path.basename(dir)}.js`);
    writeFileSync(knexfile, `module.exports = { client: 'pg', connection: ${JSON.stringify(db.url)}, migrations: { directory: ${JSON.stringify(dir)} } };\n`);
    const { spawnSync } = await import('node:child_process');
    const core = path.resolve(__dirname, '../..');
    const knexCli = require.resolve('knex/bin/cli.js', { paths: [core] });
    // The stock CLI looks for a local knex install next to the knexfile, else at KNEX_PATH.
    const env = { ...process.env, KNEX_PATH: require.resolve('knex', { paths: [core] }) };
    const stock = spawnSync(process.execPath, [knexCli, 'migrate:list', '--knexfile', knexfile], { encoding: 'utf8', env });
    expect(stock.stdout).toMatch(/Found 1 Completed Migration file\/files\.\s+20240101000000_a\.js\s+Found 1 Pending Migration file\/files\.\s+20240102000000_b\.js/);
    // Stock Knex applies the next one; Strata then adopts it and records its checksum.
    spawnSync(process.execPath, [knexCli, 'migrate:latest', '--knexfile', knexfile], { encoding: 'utf8', env });
    expect((await strata(dir, 'latest')).stdout).toContain('already up to date');
    expect(await queryRows(db.url, `SELECT name FROM strata_migrations WHERE name = '20240102000000_b.js'`)).toHaveLength(1);
  });
});

import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadParser, parseStatements } from '../../src/lint';
import { createTestDatabase, queryRows, runCli, testServers, type TestDatabase } from '../../src/testing';

const CORPUS = path.join(__dirname, 'corpus', 'dry-run');

const tables = async (url: string): Promise<string[]> =>
  (await queryRows<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r) => r.t);

/** How often `text` occurs in `within`. */
const count = (within: string, text: string): number => within.split(text).length - 1;

describe.each(testServers())('strata migrate --dry-run on real-world migrations ($label)', (server) => {
  let db: TestDatabase;
  beforeAll(() => loadParser());
  beforeEach(async () => {
    db = await createTestDatabase(server, 'dryrun');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('prints valid SQL on stdout: console output of migrations goes to stderr; transaction: false steps are previewed, and what cannot run is said once', async () => {
    const result = await runCli(['migrate', 'latest', '--dry-run', '--migrations', CORPUS, '--url', db.url]);
    expect(result.code).toBe(0);
    // The whole of stdout is SQL the PostgreSQL parser reads (comments included): it can be saved and reviewed as SQL.
    expect(() => parseStatements(result.stdout)).not.toThrow();
    expect(result.stdout).not.toContain('creating items');
    expect(result.stderr).toContain('creating items…');
    expect(result.stderr).toContain('building the index concurrently');
    // The CONCURRENTLY index ran (without CONCURRENTLY) inside the preview, so what follows it is shown too.
    const lines = result.stdout.split('\n');
    expect(lines).toContain('CREATE INDEX CONCURRENTLY IF NOT EXISTS items_name_idx ON items (name);');
    expect(lines).toContain('ALTER TABLE items ADD COLUMN IF NOT EXISTS sku text;');
    // VACUUM cannot run in any transaction: said on its step, and once on the next; every later step is previewed.
    expect(lines).toContain("-- ⚠ cannot run inside the dry run's transaction (VACUUM cannot run inside a transaction block): its statements from there on are not shown");
    expect(count(result.stdout, 'previewed without what 20240103000000_vacuum_items.js does')).toBe(1);
    for (const table of ['table_4', 'table_5', 'table_6']) expect(lines).toContain(`create table "${table}" ("id" bigserial primary key);`);
    expect(result.stdout).not.toContain('not previewed');
    expect(await tables(db.url)).toEqual([]);
  });

  it('names the steps a failing step hides once, not once per step', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-dryrun-'));
    try {
      cpSync(CORPUS, dir, { recursive: true });
      writeFileSync(path.join(dir, '20240103000000_vacuum_items.js'), `exports.up = async () => { throw new Error('boom: the data is not what this migration expects'); };\nexports.down = () => undefined;\n`);
      for (const n of [7, 8, 9]) writeFileSync(path.join(dir, `2024010${n}000000_create_table_${n}.js`), `exports.up = (knex) => knex.schema.createTable('table_${n}', (t) => t.bigIncrements('id'));\nexports.down = (knex) => knex.schema.dropTable('table_${n}');\n`);
      const result = await runCli(['migrate', 'latest', '--dry-run', '--migrations', dir, '--url', db.url]);
      expect(() => parseStatements(result.stdout)).not.toThrow();
      expect(result.stdout).toContain(
        '-- ⚠ cannot be previewed past this point: boom: the data is not what this migration expects; not previewed after it: 20240104000000_create_table_4.js, 20240105000000_create_table_5.js, 20240106000000_create_table_6.js, 20240107000000_create_table_7.js, 20240108000000_create_table_8.js and 1 more',
      );
      expect(count(result.stdout, '-- 2024010')).toBe(3);
      expect(await tables(db.url)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

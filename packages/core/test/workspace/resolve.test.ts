/**
 * The one resolver: the workspace comes from pnpm-workspace.yaml and its package list, never
 * from a `/packages/` substring, so a checkout cloned under a path containing /packages/
 * behaves like any other; `--all` has one meaning per place.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { findWorkspace, packageDirAt, workspacePatterns } from '../../src/workspace/packages';
import { queryRows, runCli, testServers } from '../../src/testing';
import { createTable, writeFiles } from '../runner/fixtures';

const REPO = path.resolve(__dirname, '../../../..');

describe('workspace', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'strata-ws-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  writeFiles(root, {
    'pnpm-workspace.yaml': "packages:\n  - 'packages/*'   # schema packages\n  - tools/cli\n  - '!packages/skip'\nonlyBuiltDependencies:\n  - bcrypt\n",
    'packages/a/package.json': '{}',
    'packages/skip/package.json': '{}',
    'tools/cli/package.json': '{}',
    'docs/readme.md': '',
  });

  it('reads the package list of pnpm-workspace.yaml, quoted or not, with exclusions', () => {
    expect(workspacePatterns("packages:\n  - 'packages/*'\n  - \"apps/**\"\n  - tools/cli # the cli\nother:\n  - x\n")).toEqual(['packages/*', 'apps/**', 'tools/cli']);
    expect(findWorkspace(path.join(root, 'packages/a'))).toEqual({ root, packageDirs: [path.join(root, 'packages/a'), path.join(root, 'tools/cli')] });
  });

  it('knows which package a folder is in, and that the root and other folders are in none', () => {
    const workspace = findWorkspace(root)!;
    expect(packageDirAt(workspace, path.join(root, 'packages/a/migrations'))).toBe(path.join(root, 'packages/a'));
    expect(packageDirAt(workspace, root)).toBeUndefined();
    expect(packageDirAt(workspace, path.join(root, 'docs'))).toBeUndefined();
    expect(packageDirAt(workspace, path.join(root, 'packages/ab'))).toBeUndefined();
  });
});

describe.each(testServers())('a checkout under a path containing /packages/ ($label)', (server) => {
  const tag = `${process.pid}${Date.now() % 100000}`;
  const names = [`ws-a-${tag}`, `ws-b-${tag}`];
  const databases = names.map((name) => name.replace(/-/g, '_'));
  let parent: string;
  let root: string;
  const env = { DATABASE_URL: server.url };

  beforeAll(() => {
    parent = mkdtempSync(path.join(os.tmpdir(), 'strata-clone-'));
    root = path.join(parent, 'srv', 'packages', 'r2');
    writeFiles(root, {
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'package.json': '{ "name": "r2", "private": true }',
      ...Object.fromEntries(
        names.flatMap((name) => [
          [`packages/${name}/package.json`, `{ "name": "@r2/${name}" }`],
          [`packages/${name}/migrations/20240101000000_one.ts`, createTable('one')],
          [`packages/${name}/migrations/20240102000000_two.ts`, createTable('two')],
          [`packages/${name}/seeds/001_demo.ts`, "export const profile = 'demo';\nexport async function seed(knex: any) { await knex('one').insert({ id: 1, name: 'x' }).onConflict('id').ignore(); }\nexport async function undo(knex: any) { await knex('one').where({ id: 1 }).delete(); }\n"],
        ]),
      ),
    });
    symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
  });
  afterAll(async () => {
    rmSync(parent, { recursive: true, force: true });
    const client = new Client({ connectionString: server.url });
    await client.connect();
    for (const database of databases) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
  });
  const applied = async (database: string) => (await queryRows<{ name: string; batch: number }>(server.url.replace(/\/[^/]*$/, `/${database}`), 'SELECT name, batch FROM knex_migrations ORDER BY id')).map((r) => `${r.name}@${r.batch}`);

  it('runs demo at its root on every package, as anywhere else', async () => {
    const demo = await runCli(['demo'], { cwd: root, env });
    expect(demo.stderr).not.toContain('not inside');
    expect(demo.code).toBe(0);
    for (const [index, name] of names.entries()) expect(demo.stdout).toContain(`${name} (${databases[index]}): 2 tables, 1 rows`);
  });

  it('rollback --all at the root rolls back the last batch of every package; inside a package, every batch', async () => {
    const [a, b] = names as [string, string];
    const [dbA, dbB] = databases as [string, string];
    // Both packages at two batches: demo applied batch 1; down + latest makes batch 2.
    for (const name of names) {
      expect((await runCli(['migrate', 'down'], { cwd: path.join(root, 'packages', name), env })).code).toBe(0);
      expect((await runCli(['migrate', 'latest'], { cwd: path.join(root, 'packages', name), env })).code).toBe(0);
    }
    expect(await applied(dbA)).toEqual(['20240101000000_one.ts@1', '20240102000000_two.ts@2']);

    const atRoot = await runCli(['migrate', 'rollback', '--all'], { cwd: root, env });
    expect(atRoot.code).toBe(0);
    expect(await applied(dbA)).toEqual(['20240101000000_one.ts@1']);
    expect(await applied(dbB)).toEqual(['20240101000000_one.ts@1']);

    const inside = await runCli(['migrate', 'rollback', '--all'], { cwd: path.join(root, 'packages', a, 'migrations'), env });
    expect(inside.code).toBe(0);
    expect(await applied(dbA)).toEqual([]);

    // --migrations: every batch, wherever it is run from (here: from the root of this clone).
    const folder = await runCli(['migrate', 'rollback', '--all', '--migrations', `packages/${b}/migrations`, '--url', server.url.replace(/\/[^/]*$/, `/${dbB}`)], { cwd: root });
    expect(folder.code).toBe(0);
    expect(await applied(dbB)).toEqual([]);
  });

  it('refuses --all where it selects nothing, and a root command without --all, each with the way out', async () => {
    const inside = await runCli(['migrate', 'latest', '--all'], { cwd: path.join(root, 'packages', names[0]!), env });
    expect(inside).toMatchObject({ code: 2, stderr: expect.stringContaining(`inside packages/${names[0]} strata acts on that package`) });
    const bare = await runCli(['migrate', 'latest'], { cwd: root, env });
    expect(bare).toMatchObject({ code: 2, stderr: expect.stringContaining('at the workspace root: pass --all') });
    const url = await runCli(['demo', '--url', server.url], { cwd: root, env });
    expect(url).toMatchObject({ code: 2, stderr: expect.stringContaining('--url names one database, so it cannot act on every package') });
  });
});

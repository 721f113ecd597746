import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/testing';
import { createTable, migrationFolder } from './fixtures';

describe('embedded PostgreSQL when no server is configured', () => {
  const root = migrationFolder({
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    'packages/shop/package.json': '{"name":"@strata/shop"}',
    'packages/shop/migrations/20240101000000_a.ts': createTable('alpha'),
  });
  // Like a normal checkout: readable by the `postgres` user the server runs as under root.
  chmodSync(root, 0o755);
  const cwd = path.join(root, 'packages/shop');
  const env = { STRATA_EMBEDDED_PORT: String(61000 + Math.floor(Math.random() * 4500)) };
  afterAll(async () => {
    await runCli(['db', 'stop'], { cwd, env });
  });

  it('starts on demand, migrates the package database, and stops after the command', async () => {
    const result = await runCli(['migrate', 'latest'], { cwd, env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`shop: postgres://postgres@127.0.0.1:${env.STRATA_EMBEDDED_PORT}/shop (embedded)`);
    expect(existsSync(path.join(root, '.strata/pg18/data/PG_VERSION'))).toBe(true);
    expect((await runCli(['db', 'status'], { cwd, env })).stdout).toContain('embedded PostgreSQL 18: stopped');
  });

  it('stays up between commands while strata db start holds it', async () => {
    expect((await runCli(['db', 'start'], { cwd, env })).code).toBe(0);
    const status = await runCli(['migrate', 'status', '--json'], { cwd, env });
    expect(JSON.parse(status.stdout).packages[0].summary.applied).toBe(1);
    expect((await runCli(['db', 'status'], { cwd, env })).stdout).toContain('(held by strata db start)');
    expect((await runCli(['db', 'url'], { cwd, env })).stdout.trim()).toBe(`postgres://postgres@127.0.0.1:${env.STRATA_EMBEDDED_PORT}/shop`);
    expect((await runCli(['db', 'stop'], { cwd, env })).code).toBe(0);
    expect((await runCli(['db', 'status'], { cwd, env })).code).toBe(1);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/testing';
import { migrationFolder } from './fixtures';

describe('strata migrate make / seed make', () => {
  const root = migrationFolder({ 'pnpm-workspace.yaml': '', 'packages/shop/package.json': '{"name":"@strata/shop"}', 'packages/shop/migrations/.keep': '' });
  const cwd = path.join(root, 'packages/shop');

  it('writes a timestamped migration with up and down into the package', async () => {
    const result = await runCli(['migrate', 'make', 'add_orders_note'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^migrations\/\d{14}_add_orders_note\.ts$/);
    const source = readFileSync(path.join(cwd, result.stdout.trim()), 'utf8');
    expect(source).toContain('export async function up(knex: Knex)');
    expect(source).toContain('export async function down(knex: Knex)');
  });

  it('writes numbered seeds (001_, 002_ …) with a profile, seed and undo', async () => {
    const first = await runCli(['seed', 'make', 'demo_orders'], { cwd });
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe('seeds/001_demo_orders.ts');
    expect((await runCli(['seed', 'make', 'demo_refunds'], { cwd })).stdout.trim()).toBe('seeds/002_demo_refunds.ts');
    expect(readdirSync(path.join(cwd, 'seeds')).sort()).toEqual(['001_demo_orders.ts', '002_demo_refunds.ts']);
    expect(readFileSync(path.join(cwd, 'seeds', '001_demo_orders.ts'), 'utf8')).toMatch(/export const profile = 'demo';[\s\S]*export async function seed[\s\S]*export async function undo/);
  });

  it('refuses a name that is not snake_case', async () => {
    const result = await runCli(['migrate', 'make', 'Add Orders'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('strata migrate make needs a snake_case name');
  });
});

/**
 * `strata new` scaffolds a package that passes `strata check` as generated, that the root
 * commands pick up, and that leaves nothing behind when its folder is deleted; the testing kit
 * reads catalog facts from snapshots.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { parseSnapshotText } from '../src/schema';
import { runCli, schemaFacts, testServers, withDatabase } from '../src/testing';

const REPO = path.resolve(__dirname, '../../..');

/** Every file under `dir` (relative), but node_modules. */
function filesOf(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (entry === 'node_modules') return [];
    return statSync(full).isDirectory() ? filesOf(full, base) : [path.relative(base, full)];
  });
}

describe.each(testServers())('strata new ($label)', (server) => {
  let workspace: string;
  const name = `probe-${process.pid}-${Date.now() % 100000}`;
  const database = name.replace(/-/g, '_');

  beforeAll(() => {
    // A workspace of its own that resolves @strata/core like this checkout does.
    workspace = mkdtempSync(path.join(os.tmpdir(), 'strata-new-'));
    writeFileSync(path.join(workspace, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
    writeFileSync(path.join(workspace, 'package.json'), '{ "name": "ws", "private": true }\n');
    symlinkSync(path.join(REPO, 'node_modules'), path.join(workspace, 'node_modules'));
  });
  afterAll(async () => {
    rmSync(workspace, { recursive: true, force: true });
    const client = new Client({ connectionString: server.url });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).finally(() => client.end());
  });

  it('scaffolds a package that strata check passes with no edit, and demo includes it', async () => {
    const before = filesOf(workspace);
    const created = await runCli(['new', name, '--url', server.url], { cwd: workspace });
    expect(created).toMatchObject({ code: 0, stdout: expect.stringContaining(`created packages/${name} (@strata/${name})`) });
    const dir = path.join(workspace, 'packages', name);
    expect(filesOf(dir).sort()).toEqual([
      'README.md',
      'migrations/00000000000000_create_strata_functions.ts',
      'migrations/migrations.sum',
      'package.json',
      'schema.snapshot',
      'seeds/001_reference_data.ts',
      'seeds/002_demo_data.ts',
      'src/index.ts',
      'test/schema.test.ts',
    ]);
    // Nothing outside the new folder was touched.
    expect(filesOf(workspace).filter((f) => !f.startsWith(`packages/${name}/`))).toEqual(before);

    const check = await runCli(['check', '--url', server.url], { cwd: dir });
    expect(check.stderr + check.stdout).toContain('all passed');
    expect(check.code).toBe(0);

    const demo = await runCli(['demo'], { cwd: workspace, env: { DATABASE_URL: server.url } });
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain(`${name} (${database}): 0 tables, 0 rows`);

    rmSync(dir, { recursive: true });
    expect(filesOf(workspace)).toEqual(before);
  });

  it('refuses a name that is not kebab-case, an existing folder, and leaves nothing when the server is unreachable', async () => {
    expect(await runCli(['new', 'Bad_Name'], { cwd: workspace })).toMatchObject({ code: 2, stderr: expect.stringContaining("package name 'Bad_Name' must be kebab-case") });
    expect(await runCli(['new', 'core'], { cwd: workspace })).toMatchObject({ code: 2, stderr: expect.stringContaining("'core' is reserved") });
    const unreachable = await runCli(['new', 'lost', '--url', withDatabase('postgres://postgres@127.0.0.1:1/x', 'x')], { cwd: workspace });
    expect(unreachable.code).toBe(1);
    expect(existsSync(path.join(workspace, 'packages', 'lost'))).toBe(false);
  });
});

describe('schemaFacts', () => {
  const facts = schemaFacts(
    parseSnapshotText(`enum order_status: 'new', 'it''s paid'
table orders
  column id: uuid not null
  column user_id: uuid null
  constraint fk_orders_user_id: FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL
  constraint fk_orders_shop: FOREIGN KEY (shop_id, region) REFERENCES shops(id, region)
  index ix_orders_user_id_created_at: CREATE INDEX ix_orders_user_id_created_at ON public.orders USING btree (user_id, created_at DESC)
  index uq_orders_lower_email: CREATE UNIQUE INDEX uq_orders_lower_email ON public.orders USING btree (lower(email), coalesce(a, 'x,y')) WHERE (deleted_at IS NULL)
  index ix_orders_band: CREATE INDEX ix_orders_band ON public.orders USING gist (numrange(low, high, '[)'::text))
  trigger trg_orders_updated_at: CREATE TRIGGER …
`),
  );

  it('reads indexes, foreign keys, enums and triggers', () => {
    expect(facts.tables).toEqual(['orders']);
    expect(facts.columns('orders')).toEqual(['id', 'user_id']);
    expect(facts.indexes).toEqual([
      { table: 'orders', name: 'ix_orders_user_id_created_at', unique: false, method: 'btree', columns: ['user_id', 'created_at DESC'], predicate: null },
      { table: 'orders', name: 'uq_orders_lower_email', unique: true, method: 'btree', columns: ['lower(email)', "coalesce(a, 'x,y')"], predicate: '(deleted_at IS NULL)' },
      { table: 'orders', name: 'ix_orders_band', unique: false, method: 'gist', columns: ["numrange(low, high, '[)'::text)"], predicate: null },
    ]);
    expect(facts.foreignKeys).toEqual([
      { table: 'orders', name: 'fk_orders_user_id', columns: ['user_id'], references: 'users', referencedColumns: ['id'], onDelete: 'SET NULL' },
      { table: 'orders', name: 'fk_orders_shop', columns: ['shop_id', 'region'], references: 'shops', referencedColumns: ['id', 'region'], onDelete: 'NO ACTION' },
    ]);
    expect(facts.enums).toEqual([{ name: 'order_status', values: ['new', "it's paid"] }]);
    expect(facts.triggers).toEqual(['orders.trg_orders_updated_at']);
  });
});

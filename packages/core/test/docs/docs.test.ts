/**
 * `strata docs` on real servers: the fixture's committed document is what the generator writes
 * on every server (so the output does not depend on the PostgreSQL major), each section says what
 * the migrations and the schema say, large schemas are split into readable diagrams that Mermaid
 * parses, and `strata check` fails on a missing or stale document naming the package and the fix.
 * When the generator (or a lint message) changes on purpose, refresh the committed documents with
 * `node ../../../bin/strata.js docs --migrations migrations` in fixtures/shop and in ../check/fixtures/good.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectDocsInput, renderSchemaDocs, type DocsInput } from '../../src/docs';
import { packageCli, queryRows, runCli, testServers } from '../../src/testing';
import { folderSource } from '../../src/workspace/packages';
import { mermaidBlocks, parseMermaid } from './mermaid';

const SHOP = path.join(__dirname, 'fixtures', 'shop');
const TELECOM = path.resolve(__dirname, '../../../telecom-billing');

interface JsonStep {
  step: string;
  ok: boolean;
  notes: string[];
  failures: Array<{ message: string; file: string | null; details: string[] }>;
}

/** A throwaway copy of the fixture package. */
function shopCopy(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'strata-docs-')), 'shop');
  cpSync(SHOP, dir, { recursive: true });
  return dir;
}

describe.each(testServers())('strata docs ($label)', (server) => {
  let input: DocsInput;
  let text: string;
  const shop = folderSource(path.join(SHOP, 'migrations'), path.join(SHOP, 'seeds'));

  beforeAll(async () => {
    input = await collectDocsInput(shop, server.url);
    text = renderSchemaDocs(input);
  });

  it('writes exactly the committed document, on this server as on every other, and again on a second run', async () => {
    expect(text).toBe(readFileSync(path.join(SHOP, 'docs', 'SCHEMA.md'), 'utf8'));
    const cli = await runCli(['docs', '--migrations', 'migrations', '--check'], { cwd: SHOP, env: { DATABASE_URL: server.url } });
    expect(cli).toMatchObject({ code: 0, stdout: 'shop: docs/SCHEMA.md is up to date\n' });
  });

  it('draws every table with its key columns and every foreign key with its cardinality', () => {
    const [erd] = mermaidBlocks(text);
    expect(erd!.split('\n').filter((line) => line.includes(' : '))).toEqual([
      '  users |o..o{ "legacy-events" : "user_id"', // nullable: zero or one user
      '  orders ||--o{ order_items : "order_id"', // part of the primary key: identifying, solid
      '  users ||..o{ orders : "user_id"',
      '  users ||..o| profiles : "user_id"', // unique foreign key: one-to-one
      '  users |o..o{ users : "manager_id"', // self-reference
    ]);
    expect(erd).toContain('  order_items {\n    bigint order_id PK, FK\n    integer line_no PK\n  }');
    expect(erd).toContain('    text email UK "unique where deleted_at IS NULL"');
    expect(erd).not.toContain('legacy_note'); // dropped by migration 6
  });

  it('lists the migrations in order with folder, summary, tables, other objects and transaction', () => {
    expect(text).toContain('| 1 | [`20240101000001_create_users`](../migrations/auth/20240101000001_create_users.ts) | `auth/` | Logins, e.g. staff and customers. | creates `users` | creates type `user_role` | yes |');
    expect(text).toContain('| Orders and their totals (net \\| gross). | creates `orders` | creates type `order_status` | yes |');
    expect(text).toContain('| 5 | [`20240101000005_index_orders_created_at`](../migrations/20240101000005_index_orders_created_at.ts) |   | Orders by creation time, indexed without blocking writes. | changes `orders` |   | **no** |');
    expect(text).toContain('| Drops users.legacy_note: the notes were moved to profiles.bio. | changes `users` |');
    expect(text).toContain('| Migrations | 7 (1 outside a transaction) |');
  });

  it('reports what the linter found per migration, acknowledged findings with their reasons, and the waivers', () => {
    expect(text).toContain('Findings: 1 error (1 acknowledged), 5 warnings, 7 info.');
    expect(text).toContain('| 6 | [`20240101000006_drop_users_legacy_note`](../migrations/20240101000006_drop_users_legacy_note.ts) | `drop-column` `users.legacy_note` (error, acknowledged) | — |');
    expect(text).toContain('- 6. `20240101000006_drop_users_legacy_note` up() `drop-column` (destructive, error, **acknowledged**): drops column users.legacy_note');
    expect(text).toContain('  - Reason: users.legacy_note was copied to profiles.bio by the 2024-01 backfill');
    expect(text).toContain('| `table-name` | `legacy-events` | name kept from the old event store, which other services still read |');
    expect(text).not.toContain('**Policy**');
    const withPolicy = renderSchemaDocs({ ...input, config: { ...input.config, policy: 'additive-only' } });
    expect(withPolicy).toContain('- `additive-only`: migrations only create and add: no destructive operation');
  });

  it('describes every table: columns, indexes, foreign keys with ON DELETE, checks; and the enums with their columns', () => {
    expect(text).toContain('| 1 | `order_id` | `bigint` | not null |   | PK, FK → `orders.id` |');
    expect(text).toContain('| `fk_profiles_user_id` | `user_id` | `users` (id) | CASCADE | one-to-one |');
    expect(text).toContain('| `fk_users_manager_id` | `manager_id` | `users` (id) | SET NULL | many-to-one, optional, self |');
    expect(text).toContain('| `ix_orders_created_at` | `created_at` |   |   | btree |');
    expect(text).toContain('| `uq_users_email` | `email` | unique | `(deleted_at IS NULL)` | btree |');
    expect(text).toContain('| `ck_orders_total_not_negative` | `CHECK ((total >= (0)::numeric))` |');
    expect(text).toContain('| `order_status` | `open`, `paid`, `shipped` | `orders.status` |');
    expect(text).toContain('Created by 1. [`20240101000001_create_users`](../migrations/auth/20240101000001_create_users.ts) — Logins, e.g. staff and customers. Changed by 6. [`20240101000006_drop_users_legacy_note`]');
  });

  it("previews each migration's SQL from the runner's records, collapsed, without BEGIN outside a transaction", () => {
    const previews = text.split('<details>').slice(1);
    expect(previews).toHaveLength(7);
    expect(previews[4]).toContain('<summary>5. <code>20240101000005_index_orders_created_at.ts</code>: 1 statement, outside any transaction</summary>');
    expect(previews[4]).toContain('```sql\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_created_at ON orders (created_at);\n```');
    expect(previews[5]).toContain('BEGIN;\nalter table "users" drop column "legacy_note";\nCOMMIT;');
    expect(text).not.toMatch(/strata_scratch_|\d{4}-\d{2}-\d{2}T\d{2}:/); // no scratch database names, no timestamps
  });

  it('splits a large schema into an overview and one diagram per domain folder (or per migration), all valid Mermaid', () => {
    const byFolder = renderSchemaDocs(input, { maxTablesPerDiagram: 2 });
    expect(byFolder.match(/^### .*$/gm)!.slice(0, 4)).toEqual(['### Overview', '### Folder `auth/`', '### Folder `orders/`', '### Top-level migrations']);
    const [overview, auth, orders] = mermaidBlocks(byFolder);
    expect(overview).not.toContain('{\n'); // names only
    expect(overview!.split('\n').filter((line) => line.includes(' : '))).toHaveLength(5);
    // orders/ references users (auth/): drawn without columns, with the relationship.
    expect(orders).toContain('  users\n');
    expect(orders).toContain('  users ||..o{ orders : "user_id"');
    expect(orders).not.toContain('users |o..o{ users');
    expect(auth).toContain('  profiles {\n');
    const flat = renderSchemaDocs({ ...input, migrations: input.migrations.map((m) => ({ ...m, folder: '', path: path.basename(m.path) })) }, { maxTablesPerDiagram: 2 });
    expect(flat.match(/^### .*$/gm)!.slice(0, 3)).toEqual(['### Overview', '### 1. `20240101000001_create_users`', '### 2. `20240101000002_create_profiles`']);
    const diagrams = [...mermaidBlocks(byFolder), ...mermaidBlocks(flat)];
    expect(diagrams).toHaveLength(10);
    expect(parseMermaid(diagrams)).toEqual(diagrams.map(() => ({ ok: true, type: 'er' })));
  });

  it("telecom-billing's committed docs/SCHEMA.md is what strata docs writes on this server", async () => {
    const { strata } = packageCli(TELECOM);
    expect(await strata(server.url, ['docs', '--check'])).toMatchObject({ code: 0, stdout: 'telecom-billing: docs/SCHEMA.md is up to date\n' });
  });
});

// How the CLI and the check step behave does not depend on the server: one server is enough.
describe('strata docs and the check step (CLI)', () => {
  const [server] = testServers();
  const copies: string[] = [];
  let text: string;
  beforeAll(() => {
    text = readFileSync(path.join(SHOP, 'docs', 'SCHEMA.md'), 'utf8');
  });
  afterAll(() => copies.forEach((dir) => rmSync(path.dirname(dir), { recursive: true, force: true })));

  it('--check fails on a stale document and strata docs rewrites it', async () => {
    const dir = shopCopy();
    copies.push(dir);
    appendFileSync(path.join(dir, 'docs', 'SCHEMA.md'), 'a hand edit\n');
    const env = { DATABASE_URL: server!.url };
    const stale = await runCli(['docs', '--migrations', 'migrations', '--check'], { cwd: dir, env });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/^shop: docs\/SCHEMA\.md is stale \(differs from line \d+\): run strata docs and commit it\n {4}- a hand edit\n/);
    expect(await runCli(['docs', '--migrations', 'migrations'], { cwd: dir, env })).toMatchObject({ code: 0, stdout: 'shop: wrote docs/SCHEMA.md\n' });
    expect(readFileSync(path.join(dir, 'docs', 'SCHEMA.md'), 'utf8')).toBe(text);
    expect(await runCli(['docs', 'extra'], { cwd: dir, env })).toMatchObject({ code: 2, stderr: "strata: strata docs takes no arguments (got 'extra')\n" });
  });

  it('a migration that fails is one line naming it, and both scratch databases are dropped', async () => {
    const dir = shopCopy();
    copies.push(dir);
    writeFileSync(
      path.join(dir, 'migrations', '20240101000008_broken.ts'),
      "import type { Knex } from 'knex';\nexport async function up(knex: Knex): Promise<void> {\n  await knex.raw('ALTER TABLE nope ADD COLUMN x int');\n}\nexport async function down(): Promise<void> {}\n",
    );
    const result = await runCli(['docs', '--migrations', 'migrations'], { cwd: dir, env: { DATABASE_URL: server!.url } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('strata docs: shop: 20240101000008_broken.ts (up) failed: ALTER TABLE nope ADD COLUMN x int - relation "nope" does not exist');
    const left = await queryRows<{ datname: string }>(server!.url, "SELECT datname FROM pg_database WHERE datname LIKE 'strata\\_scratch\\_shop\\_docs%'");
    expect(left).toEqual([]);
  });

  it("runs the setup (--setup FILE, or the package's) on both of its scratch databases before the migrations", async () => {
    const dir = shopCopy();
    copies.push(dir);
    // A migration that needs what only the setup makes: without it, docs fails naming the function.
    writeFileSync(path.join(dir, 'migrations', '20240101000008_tenant.ts'), "import type { Knex } from 'knex';\nexport async function up(knex: Knex): Promise<void> {\n  await knex.raw('SELECT outside_made()');\n}\nexport async function down(): Promise<void> {}\n");
    const env = { DATABASE_URL: server!.url };
    expect((await runCli(['docs', '--migrations', 'migrations'], { cwd: dir, env })).stderr).toContain('function outside_made() does not exist');
    writeFileSync(path.join(dir, 'setup.sql'), "CREATE FUNCTION outside_made() RETURNS int LANGUAGE sql AS 'SELECT 1';\n");
    expect(await runCli(['docs', '--migrations', 'migrations', '--setup', 'setup.sql'], { cwd: dir, env })).toMatchObject({ code: 0, stdout: 'shop: wrote docs/SCHEMA.md\n' });
    const config = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { strata: Record<string, unknown> };
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...config, strata: { ...config.strata, lint: { setup: 'setup.sql' } } }));
    expect(await runCli(['docs', '--migrations', 'migrations'], { cwd: dir, env })).toMatchObject({ code: 0, stdout: 'shop: docs/SCHEMA.md is up to date\n' });
  });

  it('strata check fails on a missing or stale document, naming the package and strata docs; --update writes it', async () => {
    const dir = shopCopy();
    copies.push(dir);
    const docsStep = async (...args: string[]): Promise<{ code: number; step: JsonStep }> => {
      const result = await runCli(['check', '--migrations', 'migrations', '--step', 'docs', '--json', ...args], { cwd: dir, env: { DATABASE_URL: server!.url } });
      return { code: result.code, step: (JSON.parse(result.stdout) as { packages: Array<{ steps: JsonStep[] }> }).packages[0]!.steps[0]! };
    };
    rmSync(path.join(dir, 'docs'), { recursive: true });
    const missing = await docsStep();
    expect(missing.code).toBe(1);
    expect(missing.step.failures.map((f) => f.message)).toEqual(['shop: docs/SCHEMA.md is missing: run strata docs --migrations migrations (or strata check --update) and commit it']);

    const updated = await docsStep('--update');
    expect(updated).toMatchObject({ code: 0, step: { ok: true, notes: ['wrote docs/SCHEMA.md: review and commit it'] } });
    expect(readFileSync(path.join(dir, 'docs', 'SCHEMA.md'), 'utf8')).toBe(text);

    // A migration's doc comment is part of the document: editing it makes the document stale.
    const file = path.join(dir, 'migrations', 'orders', '20240101000004_create_order_items.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('The lines of an order', 'The line items of an order'));
    const stale = await docsStep();
    expect(stale.code).toBe(1);
    expect(stale.step.failures[0]!.message).toMatch(/^shop: docs\/SCHEMA\.md is stale \(differs from line \d+\): run strata docs --migrations migrations \(or strata check --update\) and commit it$/);
    expect(stale.step.failures[0]!.details).toEqual(expect.arrayContaining([expect.stringMatching(/^\+ .*The line items of an order/)]));
    expect(existsSync(path.join(dir, 'docs', 'SCHEMA.md'))).toBe(true);
  });
});

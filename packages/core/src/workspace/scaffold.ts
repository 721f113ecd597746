/**
 * The files of a new schema package (`strata new <name>`): the layout every package shares, a
 * first migration creating the functions the table helpers rely on, one reference and one demo
 * seed, a test, a README. `migrations.sum` and `schema.snapshot` are written afterwards by the
 * check machinery, from a real migration run.
 */
import { randomUUID } from 'node:crypto';
import { UsageError } from '../errors';

/** A package name: kebab-case, as the folder and `@strata/<name>`. */
const PACKAGE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Folder names that are not schema packages. */
const RESERVED = new Set(['core', 'node_modules']);

/** Refuses a name that cannot be a package folder, naming the rule. */
export function validatePackageName(name: string | undefined): string {
  if (!name) throw new UsageError('strata new needs a package name, e.g. strata new billing');
  if (!PACKAGE_NAME.test(name)) throw new UsageError(`package name '${name}' must be kebab-case (lower-case letters, digits and single dashes, starting with a letter), e.g. content-platform`);
  if (RESERVED.has(name)) throw new UsageError(`'${name}' is reserved: choose another package name`);
  return name;
}

/** Relative path → text of every file of a new package. */
export function packageFiles(name: string, namespace: string = randomUUID()): Record<string, string> {
  const snake = name.replace(/-/g, '_');
  return {
    'package.json': `${JSON.stringify(packageJson(name), null, 2)}\n`,
    // Dated zero so it sorts first, whatever dates the package's own history starts at.
    [`migrations/${FIRST_MIGRATION_NAME}`]: FIRST_MIGRATION,
    'seeds/001_reference_data.ts': REFERENCE_SEED,
    'seeds/002_demo_data.ts': DEMO_SEED,
    'src/index.ts': srcIndex(name, namespace),
    'test/schema.test.ts': schemaTest(name),
    'README.md': readme(name, snake),
  };
}

function packageJson(name: string): Record<string, unknown> {
  return {
    name: `@strata/${name}`,
    version: '0.1.0',
    private: true,
    description: `${name}: PostgreSQL schema as Knex migrations and seeds on @strata/core`,
    exports: { '.': './src/index.ts', './package.json': './package.json' },
    files: ['migrations', 'seeds', 'src', 'schema.snapshot', 'docs', 'README.md'],
    scripts: {
      migrate: 'strata migrate latest',
      'migrate:down': 'strata migrate down',
      'migrate:status': 'strata migrate status',
      seed: 'strata seed run',
      'seed:undo': 'strata seed undo',
      check: 'strata check',
      docs: 'strata docs',
      lint: 'strata lint',
      test: `jest --config ../../jest.config.js --rootDir ../.. packages/${name}/`,
    },
    dependencies: { '@strata/core': 'workspace:*' },
    devDependencies: { knex: '3.3.0' },
    strata: { schemaLint: { requireTimestamps: true } },
  };
}

/** The first migration of every package made by `strata new`. */
export const FIRST_MIGRATION_NAME = '00000000000000_create_strata_functions.ts';

const FIRST_MIGRATION = `/**
 * The functions every table of this package relies on: strata_uuidv7() (primary key default)
 * and strata_set_updated_at() (updated_at trigger). Later migrations create the tables.
 */
import type { Knex } from 'knex';
import { createUpdatedAtFunction, createUuidV7Function, dropUpdatedAtFunction, dropUuidV7Function } from '@strata/core';

export async function up(knex: Knex): Promise<void> {
  await createUuidV7Function(knex);
  await createUpdatedAtFunction(knex);
}

export async function down(knex: Knex): Promise<void> {
  await dropUpdatedAtFunction(knex);
  await dropUuidV7Function(knex);
}
`;

const REFERENCE_SEED = `/**
 * Reference data: rows the product needs in every environment, production included
 * (plans, roles, categories). Idempotent: rows are found by their natural key.
 */
import type { Knex } from 'knex';
import { SeedProfile, upsertRow } from '@strata/core';
import { deleteSeeded, stableId } from '../src';

export const profile = SeedProfile.reference;

/** Natural keys of the rows this seed owns, e.g. plan codes. */
const ROWS: ReadonlyArray<{ readonly code: string; readonly name: string }> = [];

export async function seed(knex: Knex): Promise<void> {
  // Example, once a table exists: the seeded values win on every run.
  for (const row of ROWS) await upsertRow(knex, 'plans', ['code'], { id: stableId('plans', row.code), ...row });
}

/** Removes exactly what seed() wrote: the rows with the seeded ids. */
export async function undo(knex: Knex): Promise<void> {
  if (ROWS.length > 0) await deleteSeeded(knex, 'plans', ROWS.map((row) => row.code));
}
`;

const DEMO_SEED = `/**
 * Demo data for developers (\`pnpm demo\`): refused on production targets, by the runner and by
 * the seed itself. Builds on the reference seeds, which run first.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { deleteSeeded, stableId } from '../src';

export const profile = SeedProfile.demo;

/** Natural keys of the demo rows, e.g. customer numbers. */
const ROWS: ReadonlyArray<{ readonly number: string }> = [];

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'demo data');
  // Example, once a table exists: inserted once, left alone on a rerun.
  for (const row of ROWS) await ensureRow(knex, 'customers', { number: row.number }, { id: stableId('customers', row.number), ...row });
}

export async function undo(knex: Knex): Promise<void> {
  if (ROWS.length > 0) await deleteSeeded(knex, 'customers', ROWS.map((row) => row.number));
}
`;

function srcIndex(name: string, namespace: string): string {
  return `/** Shared by the migrations and seeds of @strata/${name}: seeded ids (and, as they come, enums and table names). */
import { seedIds } from '@strata/core';

/**
 * Namespace of this package's seeded ids. Fixed forever: changing it would give every seeded
 * row a new id, and a rerun would insert duplicates instead of finding its rows.
 */
export const SEED_NAMESPACE = '${namespace}';

/** \`stableId(table, naturalKey)\`: the id a seed gives a row; \`deleteSeeded\` removes exactly those rows. */
export const { id: stableId, deleteSeeded } = seedIds(SEED_NAMESPACE);
`;
}

function schemaTest(name: string): string {
  return `/**
 * @strata/${name} on real PostgreSQL (the embedded server and the local one): the real CLI
 * migrates to the committed schema.snapshot, seeds are idempotent, rollback leaves nothing.
 */
import path from 'node:path';
import { committedSchema, expectSeedRerunChangesNothing, liveSchema, packageCli, testServers, usePackageDatabase } from '@strata/core/testing';

const PACKAGE_DIR = path.resolve(__dirname, '..');
const cli = packageCli(PACKAGE_DIR);

describe.each(testServers())('${name} ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: '${name.replace(/-/g, '_')}', schema: true });

  it('migrates to exactly the committed schema.snapshot', () => {
    expect(db.schema).toEqual(committedSchema(PACKAGE_DIR));
  });

  it('seeds reference and demo data, and a rerun changes no row', async () => {
    await cli.strataOk(db.url, ['seed', 'run', '--profile', 'demo']);
    await expectSeedRerunChangesNothing(cli, db, { seeds: 2 });
    await cli.strataOk(db.url, ['seed', 'undo']);
  });

  it('rolls every migration back, leaving nothing', async () => {
    await cli.strataOk(db.url, ['migrate', 'rollback', '--every-batch']);
    expect(await liveSchema(db.knex)).toEqual([]);
  });
});
`;
}

function readme(name: string, snake: string): string {
  return `# @strata/${name}

_What this schema is for, in two sentences._ Built on the \`@strata/core\` conventions (see its README).

## Commands

Run in this folder. The database is \`${snake.toUpperCase()}_DATABASE_URL\`, else database \`${snake}\` on the
\`DATABASE_URL\` server, else the embedded PostgreSQL; \`--url\` overrides.

| Command | What it does |
|---|---|
| \`pnpm migrate\` | \`strata migrate latest\`: apply the pending migrations, each in its own transaction |
| \`pnpm migrate:down\` | \`strata migrate down\`: undo the last migration |
| \`pnpm migrate:status\` | \`strata migrate status\` |
| \`pnpm seed\` / \`pnpm seed:undo\` | reference seeds (plus demo outside production) / remove what they wrote |
| \`pnpm check\` | \`strata check\`: history, upgrade, drift against \`schema.snapshot\`, stairway, no-trace, seeds, lint, docs |
| \`pnpm docs\` | \`strata docs\`: writes \`docs/SCHEMA.md\` (ERD, migration order, safety, tables, SQL previews) |
| \`pnpm test\` | this package's tests on real PostgreSQL |

After a schema change: \`pnpm exec strata migrate make <name>\`, write up() and down(), then
\`pnpm exec strata check --update\` and commit the updated \`migrations/migrations.sum\`, \`schema.snapshot\` and \`docs/SCHEMA.md\`.

## Tables

| Migration | Table | Purpose |
|---|---|---|

## Decisions

_Keys, money, ON DELETE choices, what the seeds write and why._
`;
}

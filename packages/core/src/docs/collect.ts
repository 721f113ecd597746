/**
 * Everything `strata docs` writes comes from here: a scratch database migrated to latest with the
 * real runner (its records give each migration's statements, as `--dry-run` shows them), the
 * schema snapshot of that database, the linter's findings (on a second scratch database, side by
 * side), and the migration files themselves (doc comments, sub-folders).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { connect } from '../db/connect';
import { withScratchDatabase } from '../db/scratch';
import { prepareScratch, scratchSetupOf } from '../db/setup';
import type { Finding } from '../lint/finding';
import { lintMigrations } from '../lint/lint-migrations';
import { loadParser } from '../lint/parser';
import { migrateOptions, runMigrations } from '../migrations/runner';
import { listScripts } from '../migrations/source';
import { snapshotSchema } from '../schema/snapshot';
import type { SchemaSnapshot } from '../schema/types';
import type { PackageInfo } from '../workspace/packages';
import { migrationEffects, type MigrationEffects } from './effects';
import { docSummaryOfFile } from './summary';

/** One migration as the docs describe it. */
export interface MigrationDoc {
  /** File name, the key in history, e.g. `20241001000000_create_users.ts`. */
  readonly name: string;
  /** Path relative to the migrations folder with `/` separators, e.g. `auth/20251015_01_initial_user_table.ts`. */
  readonly path: string;
  /** Its sub-folder of the migrations folder (the domain), `''` at the top. */
  readonly folder: string;
  /** First sentence of the file's doc comment. */
  readonly summary: string | undefined;
  /** False when it exports `config = { transaction: false }`. */
  readonly transactional: boolean;
  /** What its up() sent, in order, as the runner recorded it. */
  readonly statements: readonly string[];
  readonly effects: MigrationEffects;
}

/** The inputs of the schema document of one package: plain data, rendered by `renderSchemaDocs`. */
export interface DocsInput {
  /** How the package is named in messages and the title, e.g. `telecom-billing`. */
  readonly label: string;
  /** npm name, e.g. `@strata/telecom-billing`. */
  readonly name: string;
  /** package.json `description`. */
  readonly description: string | undefined;
  /** The package.json `strata` field (policy, schema lint waivers). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Path from the docs folder to the migrations folder, `/` separators, e.g. `../migrations`. */
  readonly migrationsLink: string;
  readonly migrations: readonly MigrationDoc[];
  readonly snapshot: SchemaSnapshot;
  /** What `strata lint` found, in its order (migration, then statement order). */
  readonly findings: readonly Finding[];
}

/** The folder the docs go to: `docs/` beside `migrations/`. */
export function docsDirOf(pkg: PackageInfo): string {
  return path.join(path.dirname(pkg.migrationsDir), 'docs');
}

/** The generated document: `docs/SCHEMA.md`. */
export function docsFileOf(pkg: PackageInfo): string {
  return path.join(docsDirOf(pkg), 'SCHEMA.md');
}

/**
 * Collects the inputs of a package's docs on scratch databases of the server of `serverUrl`
 * (created from template0, dropped afterwards).
 * @throws MigrationError when a migration fails on the way to latest.
 * @example const input = await collectDocsInput(pkg, 'postgres://postgres@127.0.0.1:5432/postgres');
 */
export async function collectDocsInput(pkg: PackageInfo, serverUrl: string, setupOverride?: string): Promise<DocsInput> {
  const scripts = listScripts(pkg.migrationsDir);
  const setupFile = scratchSetupOf(pkg, setupOverride);
  await loadParser();
  // Both finish before anything is thrown, so neither scratch database outlives a failure of the other.
  const [migratedResult, findingsResult] = await Promise.allSettled([
    withScratchDatabase(serverUrl, `${pkg.label}_docs`, async (db) => {
      await prepareScratch(db.url, setupFile);
      const knex = connect(db.url);
      try {
        const result = await runMigrations({ action: 'latest' }, migrateOptions({ knex, url: db.url, migrationsDir: pkg.migrationsDir }, { allowDataLoss: true }));
        // A statement naming the database would carry the scratch database's random name.
        const steps = result.steps.map((step) => ({ ...step, statements: step.statements.map((s) => s.sql.split(db.name).join('<database>')) }));
        return { steps, snapshot: await snapshotSchema(knex) };
      } finally {
        await knex.destroy();
      }
    }),
    withScratchDatabase(serverUrl, `${pkg.label}_docs_lint`, async (db) => (await lintMigrations({ migrationsDir: pkg.migrationsDir, scratchUrl: db.url, ...(setupFile ? { setupFile } : {}) })).findings),
  ]);
  if (migratedResult.status === 'rejected') throw migratedResult.reason;
  if (findingsResult.status === 'rejected') throw findingsResult.reason;
  const [migrated, findings] = [migratedResult.value, findingsResult.value];
  const stepOf = new Map(migrated.steps.map((step) => [step.name, step]));
  const docsDir = docsDirOf(pkg);
  return {
    label: pkg.label,
    name: pkg.name,
    description: descriptionOf(pkg),
    config: pkg.config,
    migrationsLink: posix(path.relative(docsDir, pkg.migrationsDir)),
    migrations: scripts.map((script) => {
      const step = stepOf.get(script.name);
      const relative = posix(path.relative(pkg.migrationsDir, script.file));
      const statements = step?.statements ?? [];
      return {
        name: script.name,
        path: relative,
        folder: relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '',
        summary: docSummaryOfFile(script.file),
        transactional: step?.transactional ?? true,
        statements,
        effects: migrationEffects(statements),
      };
    }),
    snapshot: migrated.snapshot,
    findings,
  };
}

function descriptionOf(pkg: PackageInfo): string | undefined {
  const manifest = path.join(pkg.dir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const description = (JSON.parse(readFileSync(manifest, 'utf8')) as { description?: unknown }).description;
  return typeof description === 'string' && description.trim() !== '' ? description.trim() : undefined;
}

function posix(relative: string): string {
  return relative.split(path.sep).join('/');
}

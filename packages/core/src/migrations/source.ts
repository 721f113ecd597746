import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { HistoryError } from '../errors';
import { loadModule } from '../loader/typescript';

/** A migration or seed file on disk. */
export interface ScriptFile {
  /** File name, unique across the folder tree; the key stored in history (as Knex stores it). */
  readonly name: string;
  /** Absolute path. */
  readonly file: string;
}

/** Per-file options a migration may export as `config` (the Knex convention). */
export interface MigrationConfig {
  /** false: run outside a transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE … ADD VALUE on PG < 12). */
  readonly transaction?: boolean;
}

/** Acknowledgements of lint findings, each with a written reason: `{ allow: { 'drop-column': 'why' } }`. */
export interface MigrationLintConfig {
  readonly allow?: Readonly<Record<string, string>>;
}

/** What a Knex migration module exports. */
export interface MigrationModule {
  up(knex: Knex): Promise<unknown> | unknown;
  down?(knex: Knex): Promise<unknown> | unknown;
  config?: MigrationConfig;
  lint?: MigrationLintConfig;
}

const SCRIPT = /\.(ts|js|cjs)$/;
const NOT_SCRIPT = /\.d\.ts$|\.(test|spec)\.(ts|js)$/;

/**
 * Lists the scripts of a folder and its sub-folders (a package may group migrations by
 * domain: `migrations/auth/…`, `migrations/orders/…`) as one history ordered by file name.
 * Names must be unique across the tree, since history records the bare name.
 */
export function listScripts(dir: string): ScriptFile[] {
  if (!existsSync(dir)) return [];
  const files: ScriptFile[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder).sort()) {
      const full = path.join(folder, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (SCRIPT.test(entry) && !NOT_SCRIPT.test(entry)) files.push({ name: entry, file: full });
    }
  };
  walk(dir);
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 1; i < files.length; i++) {
    const [previous, current] = [files[i - 1]!, files[i]!];
    if (previous.name === current.name) {
      throw new HistoryError(`two files are named ${current.name} (${previous.file} and ${current.file}): names must be unique across ${dir}`);
    }
  }
  return files;
}

/** Loads a migration module and checks that it exports an `up` function. */
export function loadMigration(script: ScriptFile): MigrationModule {
  const module = loadModule<Partial<MigrationModule> & { default?: Partial<MigrationModule> }>(script.file);
  const resolved = typeof module.up === 'function' ? module : module.default;
  if (!resolved || typeof resolved.up !== 'function') {
    throw new HistoryError(`${script.file} exports no up() function: a migration exports async up(knex) and down(knex)`);
  }
  return resolved as MigrationModule;
}

/** True when the migration asks to run outside a transaction. */
export function runsWithoutTransaction(module: MigrationModule): boolean {
  return module.config?.transaction === false;
}

/** sha256 of a file's text with line endings normalised, so a checkout on Windows agrees. */
export function checksumOf(file: string): string {
  const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  return createHash('sha256').update(text).digest('hex');
}

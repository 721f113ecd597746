import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';

/** A schema package of the workspace: its folders and the database it owns. */
export interface PackageInfo {
  /** npm name, e.g. `@strata/telecom-billing`. */
  readonly name: string;
  /** Folder name, e.g. `telecom-billing`. */
  readonly shortName: string;
  readonly dir: string;
  readonly migrationsDir: string;
  readonly seedsDir: string;
  /** Variable naming this package's database exactly, e.g. `TELECOM_BILLING_DATABASE_URL`. */
  readonly databaseEnvVar: string;
  /** Database created for it on a shared server, e.g. `telecom_billing`. */
  readonly databaseName: string;
  /** The package.json `strata` field (lint options, waivers). */
  readonly config: Readonly<Record<string, unknown>>;
}

/** The workspace root: the nearest folder upwards holding pnpm-workspace.yaml. */
export function findRepoRoot(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads one package folder; undefined when it holds no migrations (e.g. core). */
export function readPackage(dir: string): PackageInfo | undefined {
  if (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'migrations'))) return undefined;
  return packageOfFolders(path.join(dir, 'migrations'), path.join(dir, 'seeds'));
}

/**
 * A package read from its folders: named after the parent of `migrationsDir` (or its
 * package.json, when there is one). Also how a bare `--migrations DIR` is treated.
 */
export function packageOfFolders(migrationsDir: string, seedsDir: string): PackageInfo {
  const dir = path.dirname(migrationsDir);
  const manifest = path.join(dir, 'package.json');
  const json = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; strata?: Record<string, unknown> }) : {};
  const shortName = path.basename(dir);
  const snake = shortName.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
  return {
    name: json.name ?? shortName,
    shortName,
    dir,
    migrationsDir,
    seedsDir,
    databaseEnvVar: `${snake.toUpperCase()}_DATABASE_URL`,
    databaseName: snake,
    config: json.strata ?? {},
  };
}

/** Every schema package of the workspace, in a stable order (by folder name). */
export function listPackages(root: string): PackageInfo[] {
  const packagesDir = path.join(root, 'packages');
  if (!existsSync(packagesDir)) return [];
  return readdirSync(packagesDir)
    .sort()
    .map((entry) => readPackage(path.join(packagesDir, entry)))
    .filter((info): info is PackageInfo => info !== undefined);
}

/** The schema package whose folder contains `cwd`, if any. */
export function packageAt(cwd: string): PackageInfo | undefined {
  const root = findRepoRoot(cwd);
  if (!root) return undefined;
  const relative = path.relative(path.join(root, 'packages'), path.resolve(cwd));
  if (relative.startsWith('..') || relative === '') return undefined;
  const [first] = relative.split(path.sep);
  return first ? readPackage(path.join(root, 'packages', first)) : undefined;
}

/** Finds a package by short or npm name. */
export function findPackage(root: string, name: string): PackageInfo {
  const found = listPackages(root).find((info) => info.shortName === name || info.name === name);
  if (!found) throw new ConfigError(`no schema package named ${name} under ${path.join(root, 'packages')}`);
  return found;
}

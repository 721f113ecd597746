/**
 * The one resolver of "which package, which folder, which database": every command turns its
 * flags and the current folder into typed targets here, and nowhere else.
 *
 * | where it runs | acts on | `--all` means |
 * |---|---|---|
 * | the workspace root (or a non-schema package such as core) | `--all`: every schema package | every package |
 * | inside `packages/<name>` | that package | `rollback --all`: every batch (Knex's meaning); elsewhere refused |
 * | `--migrations DIR [--seeds DIR]`, anywhere | that folder | `rollback --all`: every batch; elsewhere refused |
 * | `--url URL` alone, anywhere (`lint --schema`, `schema dump`) | that database | refused |
 *
 * `--url` always names the exact database; commands that need scratch databases (check, lint)
 * create them on that database's server.
 */
import path from 'node:path';
import type { Knex } from 'knex';
import { connect } from '../db/connect';
import { DEFAULT_PG_MAJOR, SUPPORTED_PG_MAJORS } from '../db/embedded-binaries';
import { embeddedServer, ensureDatabase, resolveDatabase, type DatabaseTarget } from '../db/target';
import { parseUrl } from '../db/url';
import { UsageError } from '../errors';
import { onInterrupt } from '../runtime/interrupt';
import { findWorkspace, folderSource, listPackages, packageDirAt, readPackage, type PackageInfo, type Workspace } from '../workspace/packages';
import { booleanFlag, stringFlag, type ParsedArgs } from './command';

/** Where a command runs, which decides what it acts on and what `--all` means. */
export const Place = {
  /** In the workspace, outside any schema package. */
  root: 'root',
  /** Inside a schema package folder. */
  package: 'package',
  /** `--migrations DIR`: any folder of Knex migrations. */
  folder: 'folder',
  /** `--url` alone: one database, no migrations (lint --schema, schema dump). */
  database: 'database',
} as const;
export type Place = (typeof Place)[keyof typeof Place];

/** One package or folder and the database it is acted on in. */
export interface Target {
  readonly pkg: PackageInfo;
  readonly database: DatabaseTarget;
}

/** What a command acts on. */
export interface Resolution {
  readonly place: Place;
  /** The workspace root, when the command runs inside one (where the embedded server keeps its data). */
  readonly root: string | undefined;
  /** In a stable order; empty only for place `database`. */
  readonly targets: readonly Target[];
  /** Place `database`: the exact database of `--url`. */
  readonly database?: DatabaseTarget;
  /** `rollback --all` inside a package or folder: every batch. */
  readonly everyBatch: boolean;
}

/** How a command wants its flags resolved. */
export interface ResolveOptions {
  /** At the root with no `--all`: act on every package (`demo`), or refuse (default). */
  readonly rootMeansAll?: boolean;
  /** `--all` inside a package or folder means "every batch" (`migrate rollback`, as in Knex). */
  readonly allMeansEveryBatch?: boolean;
  /** Scratch databases only (check, lint): `--migrations` without `--url` uses the embedded server. */
  readonly scratchOnly?: boolean;
  /** Accept `--url` with no package or folder (place `database`). */
  readonly urlAlone?: boolean;
}

/**
 * Resolves where a command acts from its flags (`--all`, `--migrations`, `--seeds`, `--url`,
 * `--pg`) and the current folder.
 * @example const { targets } = resolveTargets(args, process.cwd()); // inside packages/billing: [billing]
 */
export function resolveTargets(args: ParsedArgs, cwd: string, options: ResolveOptions = {}, env: NodeJS.ProcessEnv = process.env): Resolution {
  const all = booleanFlag(args, 'all');
  const url = stringFlag(args, 'url');
  const migrations = stringFlag(args, 'migrations');
  const seeds = stringFlag(args, 'seeds');
  const pgMajor = pgMajorFlag(args);
  if (url) parseUrl(url, '--url');
  if (seeds && !migrations) throw new UsageError('--seeds DIR goes with --migrations DIR (inside a package its seeds/ folder is used)');
  const workspace = findWorkspace(cwd);
  const root = workspace?.root;
  const databaseOf = (pkg: PackageInfo): DatabaseTarget =>
    resolveDatabase({ pkg, root: root ?? path.resolve(cwd), env, ...(url ? { url } : {}), ...(pgMajor ? { pgMajor } : {}) });
  const resolution = (place: Place, pkgs: readonly PackageInfo[], everyBatch = false): Resolution => ({
    place,
    root,
    targets: pkgs.map((pkg) => ({ pkg, database: databaseOf(pkg) })),
    everyBatch,
  });
  // --all selects packages at the root; elsewhere only `rollback --all` (every batch) means something.
  const refuseAll = (here: string): void => {
    if (all && !options.allMeansEveryBatch) throw new UsageError(`--all selects every package at the workspace root, but ${here}: drop --all, or run the command at the root`);
  };

  if (migrations) {
    refuseAll('with --migrations DIR strata acts on that folder');
    if (!url && pgMajor === undefined && !options.scratchOnly) throw new UsageError('--migrations DIR needs --url postgres://…/database (the database to act on), or --pg <major> for the embedded server');
    const migrationsDir = path.resolve(cwd, migrations);
    const seedsDir = path.resolve(cwd, seeds ?? path.join(migrationsDir, '..', 'seeds'));
    return resolution(Place.folder, [folderSource(migrationsDir, seedsDir, migrations)], all);
  }
  const pkg = workspace ? schemaPackageAt(workspace, cwd) : undefined;
  if (pkg) {
    refuseAll(`inside packages/${pkg.shortName} strata acts on that package`);
    return resolution(Place.package, [pkg], all);
  }
  if (workspace && (all || options.rootMeansAll)) {
    if (url) throw new UsageError('--url names one database, so it cannot act on every package: use <PACKAGE>_DATABASE_URL per package, or DATABASE_URL for a server');
    const packages = listPackages(workspace);
    if (packages.length === 0) throw new UsageError(`no schema packages (folders with package.json and migrations/) in ${workspace.root}: create one with strata new <name>`);
    return resolution(Place.root, packages);
  }
  if (url && options.urlAlone) {
    refuseAll('--url alone names one database');
    return { place: Place.database, root, targets: [], database: resolveDatabase({ url, root: root ?? path.resolve(cwd), env }), everyBatch: false };
  }
  if (workspace) throw new UsageError('at the workspace root: pass --all to act on every package, cd into packages/<name>, or pass --migrations DIR --url URL');
  throw new UsageError('not inside a Strata workspace: cd into one, or pass --migrations DIR --url URL to act on any folder of Knex migrations');
}

/** The schema package whose folder contains `cwd`, if any. */
function schemaPackageAt(workspace: Workspace, cwd: string): PackageInfo | undefined {
  const dir = packageDirAt(workspace, cwd);
  return dir ? readPackage(dir) : undefined;
}

/** `--pg <major>`: one of the embedded majors. */
export function pgMajorFlag(args: ParsedArgs): number | undefined {
  const raw = stringFlag(args, 'pg');
  if (raw === undefined) return undefined;
  const major = Number(raw);
  if (!SUPPORTED_PG_MAJORS.includes(major as (typeof SUPPORTED_PG_MAJORS)[number])) {
    throw new UsageError(`--pg ${raw}: embedded PostgreSQL majors are ${SUPPORTED_PG_MAJORS.join(', ')}`);
  }
  return major;
}

/** The embedded server of this checkout for `--pg` (default major), e.g. for `strata db`. */
export function embeddedServerFor(args: ParsedArgs, cwd: string) {
  return embeddedServer(findWorkspace(cwd)?.root ?? path.resolve(cwd), pgMajorFlag(args) ?? DEFAULT_PG_MAJOR);
}

/**
 * Runs `action` with the embedded servers the databases need started (and a lease held), then
 * releases them: a server that `strata db start` did not pin stops when its last user ends.
 */
export async function withServers<T>(databases: readonly DatabaseTarget[], action: () => Promise<T>): Promise<T> {
  const servers = [...new Map(databases.flatMap((d) => (d.embedded ? [[d.embedded.home, d.embedded] as const] : []))).values()];
  const release = (): void => servers.forEach((server) => server.release());
  process.once('exit', release);
  const unregister = onInterrupt(release);
  try {
    for (const server of servers) server.acquire();
    return await action();
  } finally {
    unregister();
    process.removeListener('exit', release);
    release();
  }
}

/** Opens a database (creating it when allowed), runs `action`, closes the pool. */
export async function withDatabase<T>(database: DatabaseTarget, action: (knex: Knex) => Promise<T>): Promise<T> {
  await ensureDatabase(database);
  const knex = connect(database.url);
  try {
    return await action(knex);
  } finally {
    await knex.destroy();
  }
}

/** The folder `make` writes into: `--migrations`/`--seeds`, else the current package's. */
export function scriptFolder(args: ParsedArgs, cwd: string, kind: 'migrations' | 'seeds'): string {
  const flag = stringFlag(args, kind);
  if (flag) return path.resolve(cwd, flag);
  const workspace = findWorkspace(cwd);
  const pkg = workspace ? schemaPackageAt(workspace, cwd) : undefined;
  if (!pkg) throw new UsageError(`not inside a schema package: cd into packages/<name> or pass --${kind} DIR`);
  return kind === 'migrations' ? pkg.migrationsDir : pkg.seedsDir;
}

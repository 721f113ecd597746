import path from 'node:path';
import type { Knex } from 'knex';
import { connect } from '../db/connect';
import { ensureDatabase, resolveTarget, type Target } from '../db/target';
import { SUPPORTED_PG_MAJORS } from '../db/embedded-binaries';
import { UsageError } from '../errors';
import { findRepoRoot, listPackages, packageAt, packageOfFolders, type PackageInfo } from '../workspace/packages';
import { booleanFlag, stringFlag, type ParsedArgs } from './command';

/** One place a command acts on: a folder of migrations (and seeds) and its database. */
export interface Scope {
  /** Package short name, or the migrations folder for `--migrations`. */
  readonly label: string;
  readonly pkg?: PackageInfo;
  readonly migrationsDir: string;
  readonly seedsDir: string;
  readonly target: Target;
}

/**
 * Where a command acts: `--migrations DIR --url URL` anywhere; `--all` on every package;
 * inside a package directory, on that package.
 */
export function resolveScopes(args: ParsedArgs, cwd: string, env: NodeJS.ProcessEnv = process.env): Scope[] {
  const pgMajor = pgMajorFlag(args);
  const url = stringFlag(args, 'url');
  const migrations = stringFlag(args, 'migrations');
  const root = findRepoRoot(cwd) ?? cwd;
  if (migrations) {
    if (!url && pgMajor === undefined) throw new UsageError('--migrations DIR needs --url postgres://…/database (the database to act on)');
    const migrationsDir = path.resolve(cwd, migrations);
    const seedsDir = path.resolve(cwd, stringFlag(args, 'seeds') ?? path.join(migrationsDir, '..', 'seeds'));
    const pseudo = url ? undefined : packageOfFolders(migrationsDir, seedsDir);
    const target = resolveTarget({ root, env, ...(url ? { url } : { pkg: pseudo! }), ...(pgMajor ? { pgMajor } : {}) });
    return [{ label: path.relative(cwd, migrationsDir) || '.', migrationsDir, seedsDir, target }];
  }
  const scopeOf = (pkg: PackageInfo): Scope => ({
    label: pkg.shortName,
    pkg,
    migrationsDir: pkg.migrationsDir,
    seedsDir: pkg.seedsDir,
    target: resolveTarget({ pkg, root, env, ...(url ? { url } : {}), ...(pgMajor ? { pgMajor } : {}) }),
  });
  if (booleanFlag(args, 'all')) {
    if (url) throw new UsageError('--url names one database: it cannot be combined with --all (use <PACKAGE>_DATABASE_URL per package, or DATABASE_URL for the server)');
    const packages = listPackages(root);
    if (packages.length === 0) throw new UsageError(`no schema packages (folders with migrations/) under ${path.join(root, 'packages')}`);
    return packages.map(scopeOf);
  }
  const pkg = packageAt(cwd);
  if (!pkg) throw new UsageError('not inside a schema package: cd into packages/<name>, pass --all at the root, or --migrations DIR --url URL');
  return [scopeOf(pkg)];
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

/**
 * Runs `action` with the embedded servers the scopes need started (and a lease held), then
 * releases them: a server that `strata db start` did not pin stops when its last user ends.
 */
export async function withServers<T>(scopes: readonly Scope[], action: () => Promise<T>): Promise<T> {
  const servers = [...new Map(scopes.flatMap((s) => (s.target.embedded ? [[s.target.embedded.home, s.target.embedded] as const] : []))).values()];
  const release = (): void => servers.forEach((server) => server.release());
  process.once('exit', release);
  try {
    for (const server of servers) server.acquire();
    return await action();
  } finally {
    process.removeListener('exit', release);
    release();
  }
}

/** Opens the scope's database (creating it when allowed), runs `action`, closes the pool. */
export async function withDatabase<T>(scope: Scope, action: (knex: Knex) => Promise<T>): Promise<T> {
  await ensureDatabase(scope.target);
  const knex = connect(scope.target.url);
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
  const pkg = packageAt(cwd);
  if (!pkg) throw new UsageError(`not inside a schema package: cd into packages/<name> or pass --${kind} DIR`);
  return kind === 'migrations' ? pkg.migrationsDir : pkg.seedsDir;
}

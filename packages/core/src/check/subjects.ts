import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveTarget, type Target } from '../db/target';
import { UsageError } from '../errors';
import { findRepoRoot, listPackages, packageAt, packageOfFolders, type PackageInfo } from '../workspace/packages';
import { CheckFile, type CheckSubject } from './types';

/** What to check and on which server. */
export interface CheckScope {
  readonly subject: CheckSubject;
  /** Where its scratch databases go: only the server of `target.url` is used. */
  readonly target: Target;
}

export interface CheckScopeProps {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly all: boolean;
  /** `--migrations DIR`: any folder of Knex migrations. */
  readonly migrations?: string;
  readonly seeds?: string;
  /** `--url`: a database on the server to use (the scratch databases go beside it). */
  readonly url?: string;
  /** `--pg <major>`: the embedded server of that major. */
  readonly pgMajor?: number;
}

/**
 * What `strata check` checks: `--migrations DIR` anywhere; `--all` every package; inside a
 * package, that package. The server is the one the other commands would use (embedded by
 * default, DATABASE_URL's when set, `--pg` forces the embedded major).
 */
export function resolveCheckScopes(props: CheckScopeProps): CheckScope[] {
  const root = findRepoRoot(props.cwd) ?? props.cwd;
  const targetOf = (pkg: PackageInfo): Target =>
    resolveTarget({ pkg, root, env: props.env, ...(props.url ? { url: props.url } : {}), ...(props.pgMajor ? { pgMajor: props.pgMajor } : {}) });
  if (props.migrations) {
    if (props.all) throw new UsageError('--migrations DIR names one folder: it cannot be combined with --all');
    const migrationsDir = path.resolve(props.cwd, props.migrations);
    if (!existsSync(migrationsDir)) throw new UsageError(`--migrations ${props.migrations}: no such folder`);
    const pkg = packageOfFolders(migrationsDir, path.resolve(props.cwd, props.seeds ?? path.join(migrationsDir, '..', 'seeds')));
    // Labelled by the folder holding the migrations: `billing` for billing/migrations.
    return [{ subject: subjectOf(pkg, pkg.shortName), target: targetOf(pkg) }];
  }
  if (props.all) {
    const packages = listPackages(root);
    if (packages.length === 0) throw new UsageError(`no schema packages (folders with migrations/) under ${path.join(root, 'packages')}`);
    return packages.map((pkg) => ({ subject: subjectOf(pkg, pkg.shortName), target: targetOf(pkg) }));
  }
  const pkg = packageAt(props.cwd);
  if (!pkg) throw new UsageError('not inside a schema package: cd into packages/<name>, pass --all at the root, or --migrations DIR');
  return [{ subject: subjectOf(pkg, pkg.shortName), target: targetOf(pkg) }];
}

/** A package's committed check files: `migrations/migrations.sum` and `schema.snapshot`. */
export function subjectOf(pkg: PackageInfo, label: string): CheckSubject {
  return {
    label,
    migrationsDir: pkg.migrationsDir,
    seedsDir: pkg.seedsDir,
    // Beside the migrations, like Atlas's atlas.sum, so it travels with the folder.
    sumFile: path.join(pkg.migrationsDir, CheckFile.sum),
    snapshotFile: path.join(pkg.dir, CheckFile.snapshot),
    config: pkg.config,
  };
}


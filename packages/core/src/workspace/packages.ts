/**
 * The workspace and its schema packages. The root is the nearest folder upwards holding
 * `pnpm-workspace.yaml`, and the packages are the folders its `packages:` list names that hold
 * `migrations/` — never guessed from a `/packages/` substring of a path, so a checkout cloned
 * to `/srv/x/packages/r2` behaves like any other.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, UsageError } from '../errors';

/** What a command acts on: a package of the workspace, or any folder of Knex migrations. */
export const SourceKind = {
  /** A workspace package with `package.json` and `migrations/`. */
  package: 'package',
  /** `--migrations DIR`: any folder of Knex migrations, adopted one project at a time. */
  folder: 'folder',
} as const;
export type SourceKind = (typeof SourceKind)[keyof typeof SourceKind];

/** A schema package (or a bare folder of migrations): its folders, committed files and database. */
export interface PackageInfo {
  readonly kind: SourceKind;
  /** How messages name it: the package folder name, or the migrations folder relative to the current one. */
  readonly label: string;
  /** npm name, e.g. `@strata/telecom-billing` (the folder name when there is no package.json). */
  readonly name: string;
  /** Folder name, e.g. `telecom-billing`. */
  readonly shortName: string;
  readonly dir: string;
  readonly migrationsDir: string;
  readonly seedsDir: string;
  /** The committed checksums, `<migrationsDir>/migrations.sum` (beside the migrations, like Atlas's atlas.sum). */
  readonly sumFile: string;
  /** The committed schema document, `<dir>/schema.snapshot`. */
  readonly snapshotFile: string;
  /** Variable naming this package's database exactly, e.g. `TELECOM_BILLING_DATABASE_URL`. */
  readonly databaseEnvVar: string;
  /** Database created for it on a shared server, e.g. `telecom_billing`. */
  readonly databaseName: string;
  /** The package.json `strata` field (lint options, waivers). */
  readonly config: Readonly<Record<string, unknown>>;
  /**
   * Follows Strata's conventions: naming rules (schema lint), `migrations.sum` and
   * `schema.snapshot` are required. True for workspace packages and for a folder whose
   * package.json has a `strata` field; `"strata": { "conventions": false }` opts out. A
   * foreign folder (`--migrations DIR` of another project) gets only the safety checks.
   */
  readonly conventions: boolean;
}

/** A workspace: its root and the folders its package list names. */
export interface Workspace {
  readonly root: string;
  /** Folders matched by `pnpm-workspace.yaml` `packages:`, sorted. */
  readonly packageDirs: readonly string[];
}

/** The file names of a package's committed check files. */
export const CheckFile = {
  sum: 'migrations.sum',
  snapshot: 'schema.snapshot',
} as const;

/** The nearest folder upwards holding pnpm-workspace.yaml. */
export function findRepoRoot(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The workspace around `from`, with its package folders; undefined outside any workspace. */
export function findWorkspace(from: string): Workspace | undefined {
  const root = findRepoRoot(from);
  if (!root) return undefined;
  const listed = workspacePatterns(readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8'));
  // A workspace file without a package list: the Strata layout.
  const patterns = listed.length > 0 ? listed : ['packages/*'];
  const excluded = patterns.filter((p) => p.startsWith('!')).flatMap((p) => expand(root, p.slice(1)));
  const dirs = patterns.filter((p) => !p.startsWith('!')).flatMap((p) => expand(root, p));
  return { root, packageDirs: [...new Set(dirs)].filter((dir) => !excluded.includes(dir)).sort() };
}

/** The globs of `packages:` in pnpm-workspace.yaml (a list of quoted or bare strings). */
export function workspacePatterns(yaml: string): string[] {
  const patterns: string[] = [];
  let inPackages = false;
  for (const raw of yaml.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (/^\S/.test(line)) inPackages = /^packages:\s*$/.test(line);
    else if (inPackages) {
      const item = /^\s+-\s*(['"]?)(.+?)\1\s*$/.exec(line);
      if (item) patterns.push(item[2]!);
    }
  }
  return patterns;
}

/** Folders a workspace glob names: `dir`, `dir/*`, `dir/**` (pnpm's forms). */
function expand(root: string, pattern: string): string[] {
  const clean = pattern.replace(/\/+$/, '');
  const recursive = clean.endsWith('/**');
  const base = clean.replace(/\/\*\*?$/, '');
  if (base.includes('*')) throw new ConfigError(`pnpm-workspace.yaml: package pattern '${pattern}' is not supported by strata: use 'dir', 'dir/*' or 'dir/**'`);
  const dir = path.join(root, base);
  if (clean === base) return existsSync(dir) ? [dir] : [];
  const children = (folder: string): string[] =>
    !existsSync(folder)
      ? []
      : readdirSync(folder)
          .filter((entry) => entry !== 'node_modules' && !entry.startsWith('.'))
          .map((entry) => path.join(folder, entry))
          .filter((entry) => statSync(entry).isDirectory())
          .flatMap((entry) => (recursive ? [entry, ...children(entry)] : [entry]));
  return children(dir);
}

/** Reads one package folder; undefined when it is no schema package (no package.json or no migrations/, e.g. core). */
export function readPackage(dir: string): PackageInfo | undefined {
  if (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'migrations'))) return undefined;
  return describe(SourceKind.package, path.basename(dir), path.join(dir, 'migrations'), path.join(dir, 'seeds'));
}

/**
 * A bare folder of migrations (`--migrations DIR [--seeds DIR]`), labelled by its name — or by
 * the folder holding it when it is called `migrations` (`billing` for billing/migrations) — with
 * the package.json beside it when there is one.
 * @param given the folder as the user wrote it, for messages
 * @throws UsageError when the folder does not exist or is a file.
 */
export function folderSource(migrationsDir: string, seedsDir: string, given: string = migrationsDir): PackageInfo {
  if (!existsSync(migrationsDir)) throw new UsageError(`--migrations ${given}: no such folder (check the path)`);
  if (!statSync(migrationsDir).isDirectory()) throw new UsageError(`--migrations ${given} is a file, not a folder of migrations`);
  const named = path.basename(migrationsDir) === 'migrations' ? path.dirname(migrationsDir) : migrationsDir;
  return describe(SourceKind.folder, path.basename(named), migrationsDir, seedsDir);
}

function describe(kind: SourceKind, label: string, migrationsDir: string, seedsDir: string): PackageInfo {
  const dir = path.dirname(migrationsDir);
  const manifest = path.join(dir, 'package.json');
  const json = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; strata?: Record<string, unknown> }) : {};
  const shortName = path.basename(dir);
  const declared = json.strata?.conventions;
  if (declared !== undefined && typeof declared !== 'boolean') throw new ConfigError(`${manifest}: "strata".conventions must be true or false`);
  const snake = shortName.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
  return {
    kind,
    label,
    name: json.name ?? shortName,
    shortName,
    dir,
    migrationsDir,
    seedsDir,
    sumFile: path.join(migrationsDir, CheckFile.sum),
    snapshotFile: path.join(dir, CheckFile.snapshot),
    databaseEnvVar: `${snake.toUpperCase()}_DATABASE_URL`,
    databaseName: snake,
    config: json.strata ?? {},
    conventions: declared ?? (kind === SourceKind.package || json.strata !== undefined),
  };
}

/** Every schema package of the workspace, in a stable order (by folder path). */
export function listPackages(workspace: Workspace): PackageInfo[] {
  return workspace.packageDirs.map(readPackage).filter((info): info is PackageInfo => info !== undefined);
}

/** The package folder of the workspace that contains `cwd`, if any (schema package or not). */
export function packageDirAt(workspace: Workspace, cwd: string): string | undefined {
  const here = path.resolve(cwd);
  return workspace.packageDirs.find((dir) => here === dir || here.startsWith(`${dir}${path.sep}`));
}

/** Finds a package by short or npm name. */
export function findPackage(workspace: Workspace, name: string): PackageInfo {
  const found = listPackages(workspace).find((info) => info.shortName === name || info.name === name);
  if (!found) throw new ConfigError(`no schema package named ${name} in ${workspace.root}`);
  return found;
}

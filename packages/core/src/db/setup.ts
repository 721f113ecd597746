/**
 * A package's scratch setup: SQL run on every scratch database of the package (lint, check, docs,
 * baseline) before its first migration — what the migrations expect to exist without creating it:
 * a schema and a `search_path`, an extension, a table another system owns. Declared as
 * package.json `"strata": { "lint": { "setup": "lint-setup.sql" } }` (lint was its first user),
 * or given with `--setup FILE`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ConfigError, messageOf } from '../errors';
import { quoteIdentifier } from '../naming/identifier';
import { parseUrl } from './url';

/**
 * The setup file a package or folder declares, relative to the folder of its package.json.
 * Other keys of `strata.lint` are left to their readers.
 * @throws ConfigError when the value is not a file name, or the file does not exist.
 * @example lintSetupOf({ lint: { setup: 'lint-setup.sql' } }, 'packages/legacy', 'packages/legacy/package.json "strata"') // '/…/packages/legacy/lint-setup.sql'
 */
export function lintSetupOf(strataField: unknown, dir: string, source = 'package.json "strata"'): string | undefined {
  const lint = (strataField as { lint?: unknown } | undefined)?.lint;
  if (lint === undefined || lint === null) return undefined;
  if (typeof lint !== 'object' || Array.isArray(lint)) throw new ConfigError(`${source}.lint must be an object, e.g. { "setup": "lint-setup.sql" }`);
  const setup = (lint as { setup?: unknown }).setup;
  if (setup === undefined) return undefined;
  if (typeof setup !== 'string' || setup.trim() === '') throw new ConfigError(`${source}.lint.setup must name a SQL file beside package.json, e.g. "lint-setup.sql"`);
  const file = path.resolve(dir, setup);
  if (!existsSync(file)) throw new ConfigError(`${source}.lint.setup names ${setup}, which does not exist in ${dir}: create it or fix the name`);
  return file;
}

/**
 * The setup of a package's scratch databases: `override` (`--setup FILE`) when given, else what its package.json declares.
 * @example scratchSetupOf(pkg, args.setup) // '/…/packages/legacy/lint-setup.sql' or undefined
 */
export function scratchSetupOf(pkg: { readonly config: unknown; readonly dir: string; readonly label: string }, override?: string): string | undefined {
  return override ?? lintSetupOf(pkg.config, pkg.dir, `${pkg.label}/package.json "strata"`);
}

/**
 * Prepares an empty scratch database with the setup file, when there is one. Connect after it.
 * @returns the search_path the setup set, when it set one
 * @example await prepareScratch(db.url, scratchSetupOf(pkg));
 */
export async function prepareScratch(url: string, file: string | undefined): Promise<string | undefined> {
  return file === undefined ? undefined : applySetup(url, readSetup(file), file);
}

/** The SQL of a setup file; a missing file is a config error naming it. */
export function readSetup(file: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) throw new ConfigError(`setup ${file} does not exist: give the SQL file to run on the scratch database before the first migration`);
  return readFileSync(file, 'utf8');
}

/**
 * Runs the setup SQL on an empty scratch database in one session. When it changes the session's
 * search_path, that path becomes the database's default (ALTER DATABASE … SET search_path FROM
 * CURRENT), so every later session resolves names the same way. Connect after it.
 * @returns the search_path the setup set, when it set one
 * @example await applySetup(db.url, readSetup(file), file);
 */
export async function applySetup(url: string, sql: string, file: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const pathOf = async (): Promise<string> => ((await client.query<{ search_path: string }>('SHOW search_path')).rows[0]?.search_path ?? '');
    const before = await pathOf();
    try {
      await client.query(sql);
    } catch (error) {
      throw new ConfigError(`setup ${file} failed on the scratch database: ${messageOf(error)} — fix the SQL (it runs once, on an empty database, before the first migration)`);
    }
    const after = await pathOf();
    if (after === before) return undefined;
    await client.query(`ALTER DATABASE ${quoteIdentifier(parseUrl(url).database!)} SET search_path FROM CURRENT`);
    return after;
  } finally {
    await client.end();
  }
}

/**
 * Configuration for the stock Knex CLI, so a Knex user can look at any Strata package with the
 * tool they know — the history tables are shared, and both tools agree:
 *
 *   STRATA_PACKAGE=telecom-billing npx knex migrate:status --knexfile knexfile.ts
 *
 * The database is chosen as Strata chooses it (`<PACKAGE>_DATABASE_URL`, `DATABASE_URL`, or the
 * embedded server). The embedded server is started on first use, like strata does, and stops
 * when Knex exits unless `strata db start` holds it; the package's database is created if missing.
 */
import 'dotenv/config';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureDatabase, resolveDatabase } from './packages/core/src/db/target';
import { findPackage, findWorkspace, listPackages } from './packages/core/src/workspace/packages';

const root = __dirname;
const workspace = findWorkspace(root)!;
const pkg = process.env.STRATA_PACKAGE ? findPackage(workspace, process.env.STRATA_PACKAGE) : listPackages(workspace)[0];
if (!pkg) throw new Error('no schema package under packages/: set STRATA_PACKAGE');

/** Knex takes a list of folders for a package that groups migrations by domain. */
function foldersOf(dir: string): string[] {
  return [dir, ...readdirSync(dir).map((entry) => path.join(dir, entry)).filter((entry) => statSync(entry).isDirectory()).flatMap(foldersOf)];
}

const database = resolveDatabase({ pkg, root });

/** Knex asks for the connection when it first needs one: start the embedded server then, not at import. */
async function connection(): Promise<string> {
  if (database.embedded) {
    database.embedded.acquire();
    process.once('exit', () => database.embedded?.release());
  }
  await ensureDatabase(database);
  return database.url;
}

const config = {
  client: 'pg',
  connection,
  migrations: { directory: foldersOf(pkg.migrationsDir), loadExtensions: ['.ts', '.js'], sortDirsSeparately: false },
  seeds: { directory: pkg.seedsDir, loadExtensions: ['.ts', '.js'] },
};

export default config;

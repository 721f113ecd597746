/**
 * What every package with seeds checks through the real CLI: a rerun of every seed changes no
 * row; on a production target (STRATA_ENV=production) the runner refuses the demo profile, and
 * each demo seed refuses production by itself too — in both cases writing nothing — while the
 * reference profile writes exactly the reference data.
 */
import type { Knex } from 'knex';
import { SafetyError } from '../errors';
import type { SeedModule } from '../seeds/module';
import type { CliResult } from './cli';
import type { PackageCli } from './package-cli';
import type { PackageDatabase } from './package-database';
import { dump, ownTables, tablesWithRows } from './tables';

/** The environment of a production target, for `strata(url, args, env)`. */
export const PRODUCTION_ENV: Readonly<Record<string, string>> = { STRATA_ENV: 'production' };

/**
 * `strata seed run --profile demo --rerun` applies the `seeds` seeds again and changes no row of
 * `tables` (every table of the package by default): seeds are idempotent.
 * @example it('re-running every seed (--rerun) changes no row at all', () => expectSeedRerunChangesNothing(cli, db, { seeds: 3 }));
 */
export async function expectSeedRerunChangesNothing(cli: Pick<PackageCli, 'strataOk'>, db: Pick<PackageDatabase, 'url' | 'knex'>, options: { seeds: number; tables?: readonly string[] }): Promise<void> {
  const tables = options.tables ?? (await ownTables(db.knex));
  const before = await dump(db.knex, tables);
  const result = await cli.strataOk(db.url, ['seed', 'run', '--profile', 'demo', '--rerun']);
  expect(result.stdout).toContain(`applied ${options.seeds} seed(s)`);
  expect(await dump(db.knex, tables)).toBe(before);
}

/**
 * `strata seed run --profile demo` on a production target (STRATA_ENV=production plus `env`,
 * e.g. the secrets the reference seeds need) exits 1 saying it refused, and no table of the
 * package holds a row.
 * @example it('refuses the demo profile, writing nothing', () => expectDemoProfileRefused(cli, db));
 */
export async function expectDemoProfileRefused(cli: Pick<PackageCli, 'strata'>, db: Pick<PackageDatabase, 'url' | 'knex'>, env: Readonly<Record<string, string>> = {}): Promise<void> {
  const result = await cli.strata(db.url, ['seed', 'run', '--profile', 'demo'], { ...PRODUCTION_ENV, ...env });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('refused');
  expect(await tablesWithRows(db.knex)).toEqual({});
}

/**
 * `strata seed run --profile reference` on a production target (STRATA_ENV=production plus `env`)
 * succeeds and writes exactly `rows` (rows per table; every other table of the package stays
 * empty). Returns what the CLI printed, e.g. to check it never shows a secret.
 * @example it('takes the reference data', () => expectReferenceSeededOnProduction(cli, db, { plans: 3 }));
 */
export async function expectReferenceSeededOnProduction(cli: Pick<PackageCli, 'strataOk'>, db: Pick<PackageDatabase, 'url' | 'knex'>, rows: Readonly<Record<string, number>>, env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  const result = await cli.strataOk(db.url, ['seed', 'run', '--profile', 'reference'], { ...PRODUCTION_ENV, ...env });
  expect(await tablesWithRows(db.knex)).toEqual(rows);
  return result;
}

/**
 * A demo seed's own guard: its `seed()`, told it runs on production, throws a SafetyError, and no
 * table of the package holds a row.
 * @example it('the demo seed refuses production by itself too', () => expectSeedRefusesProduction(db.knex, demoCustomers));
 */
export async function expectSeedRefusesProduction(knex: Knex, seed: Pick<SeedModule, 'seed'>): Promise<void> {
  const error = await knex.transaction(async (trx) => void (await seed.seed(trx, { production: true, env: {} }))).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(SafetyError);
  expect(await tablesWithRows(knex)).toEqual({});
}

/** Shared by the package's tests: run the real `strata` CLI in this package, read the catalog. */
import path from 'node:path';
import type { Knex } from 'knex';
import { runCli, type CliResult } from '@strata/core/testing';

/** The package folder: the CLI finds migrations/ and seeds/ from here, as `pnpm migrate` does. */
export const PACKAGE_DIR = path.resolve(__dirname, '..');

/** Variables that would change what the CLI does; every test run starts without them. */
const CLEAN_ENV = { BALATRIX_ADMIN_PASSWORD: undefined, BALATRIX_SUPPORT_PASSWORD: undefined, TELECOM_BILLING_DATABASE_URL: undefined };

/** Runs `strata <args> --url <url>` in the package folder, as a user would. */
export function strata(url: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return runCli([...args, '--url', url], { cwd: PACKAGE_DIR, env: { ...CLEAN_ENV, ...env } });
}

/** Like {@link strata}, failing the test with the CLI's output when it does not exit 0. */
export async function strataOk(url: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const result = await strata(url, args, env);
  if (result.code !== 0) throw new Error(`strata ${args.join(' ')} exited ${result.code}:\n${result.stderr}\n${result.stdout}`);
  return result;
}

/** Tables of the current schema, minus the runner's own history tables. */
export async function ownTables(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { name: string }[] }>(
    `SELECT tablename AS name FROM pg_catalog.pg_tables
      WHERE schemaname = current_schema() AND tablename NOT LIKE 'knex\\_%' AND tablename NOT LIKE 'strata\\_%'
      ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/** Row count of each table. */
export async function rowCounts(knex: Knex, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = (await knex(table).count<{ count: string }[]>({ count: '*' }))[0];
    counts[table] = Number(row?.count);
  }
  return counts;
}

/** Every row of each table, ordered by id, as JSON text: equal dumps mean nothing changed. */
export async function dump(knex: Knex, tables: readonly string[]): Promise<string> {
  const parts: Record<string, unknown[]> = {};
  for (const table of tables) parts[table] = await knex(table).select('*').orderBy('id');
  return JSON.stringify(parts);
}

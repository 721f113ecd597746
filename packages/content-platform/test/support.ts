/** Shared by the package's tests: the real CLI in this package, and the old-way database fixtures. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { packageCli } from '@strata/core/testing';

/** The package folder: the CLI finds migrations/ and seeds/ from here, as `pnpm migrate` does. */
export const PACKAGE_DIR = path.resolve(__dirname, '..');

/** `strata(url, args, env)` / `strataOk(…)`: the real CLI in this package, with a clean environment. */
export const cli = packageCli(PACKAGE_DIR);
export const { strata, strataOk } = cli;

const FIXTURES = path.join(__dirname, 'fixtures', 'old-way');

/** The SQL files of the old-way database, in the order they were applied (01_… to 06_rows). */
export const OLD_WAY_FILES: readonly string[] = readdirSync(FIXTURES).filter((f) => /^\d\d_.*\.sql$/.test(f)).sort();

/** Reads one fixture file of test/fixtures/old-way. */
export function fixtureSql(file: string): string {
  return readFileSync(path.join(FIXTURES, file), 'utf8');
}

/**
 * Builds a database the old way: the tables the superseded Alembic migrations 0004/0005/0009/0010
 * left (some columns missing) with rows in every table; `authorUniqueness` adds the sketch's
 * UNIQUE (org_id, created_by) as if 0005 had created it.
 */
export async function buildOldWay(knex: Knex, options: { authorUniqueness?: boolean } = {}): Promise<void> {
  for (const file of OLD_WAY_FILES) await knex.raw(fixtureSql(file));
  if (options.authorUniqueness) await knex.raw(fixtureSql('author-uniqueness.sql'));
}

/** Every migration of the chain, in order. */
export const MIGRATIONS = [
  '20261125000000_baseline_organizations_users_content_items.ts',
  '20261125000011_safe_billing_models.ts',
  '20261125000012_safe_templates_conversations.ts',
  '20261125000013_safe_ai_budget.ts',
] as const;

import type { PackageInfo } from '../workspace/packages';
import type { Knex } from 'knex';
import { connect } from '../db/connect';
import { withScratchDatabase } from '../db/scratch';
import { prepareScratch, scratchSetupOf } from '../db/setup';
import { messageOf, MigrationError } from '../errors';
import type { MigrateRequest } from '../migrations/plan';
import type { MigrateResult, StepRecord } from '../migrations/records';
import { migrateOptions, runMigrations } from '../migrations/runner';
import type { SeedProfile } from '../seeds/module';
import { runSeeds, seedOptions, undoSeeds } from '../seeds/runner';
import type { CheckFailure, CheckOptions } from './types';

/** A scratch database opened for one step. */
export interface ScratchSession {
  readonly knex: Knex;
  readonly url: string;
}

/**
 * Runs one step on its own fresh scratch database, so no step sees what another left behind,
 * prepared by the package's setup when it has one (see db/setup.ts).
 * @example await onScratch(options, subject, 'upgrade', ({ knex, url }) => migrate(…));
 */
export async function onScratch<T>(options: Pick<CheckOptions, 'serverUrl' | 'setupFile'>, subject: PackageInfo, step: string, action: (session: ScratchSession) => Promise<T>): Promise<T> {
  const setup = scratchSetupOf(subject, options.setupFile);
  return withScratchDatabase(options.serverUrl, `${subject.label}_${step}`, async (db) => {
    await prepareScratch(db.url, setup);
    const knex = connect(db.url);
    try {
      return await action({ knex, url: db.url });
    } finally {
      await knex.destroy();
    }
  });
}

/**
 * Runs a migrate request with the real runner. A scratch database is throwaway, so data loss
 * is allowed and nothing counts as production.
 */
export function migrate(session: ScratchSession, subject: PackageInfo, request: MigrateRequest): Promise<MigrateResult> {
  return runMigrations(request, migrateOptions({ knex: session.knex, url: session.url, migrationsDir: subject.migrationsDir }, { allowDataLoss: true }));
}

/**
 * Seeds with the real runner. A scratch database is never production, whatever this shell's
 * STRATA_ENV says.
 */
export function seed(session: ScratchSession, subject: PackageInfo, profile: SeedProfile, rerun = false): Promise<StepRecord[]> {
  return runSeeds(seedOptions({ knex: session.knex, url: session.url, migrationsDir: subject.migrationsDir, seedsDir: subject.seedsDir }, { rerun }), profile);
}

/** Undoes every seed with the real runner. */
export function unseed(session: ScratchSession, subject: PackageInfo): Promise<StepRecord[]> {
  return undoSeeds(seedOptions({ knex: session.knex, url: session.url, migrationsDir: subject.migrationsDir, seedsDir: subject.seedsDir }));
}

/** A runner error as a check failure naming the package and the migration. */
export function runFailure(subject: PackageInfo, error: unknown, doing: string): CheckFailure {
  if (error instanceof MigrationError) {
    const cause = messageOf(error.cause);
    return {
      message: `${subject.label}: ${error.direction}() of ${error.migration} failed ${doing}: ${cause}`,
      migration: error.migration,
      file: error.file,
    };
  }
  return { message: `${subject.label}: ${doing} failed: ${messageOf(error)}` };
}

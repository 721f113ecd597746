import type { Knex } from 'knex';
import { connect } from '../db/connect';
import { withScratchDatabase } from '../db/scratch';
import { messageOf, MigrationError } from '../errors';
import type { MigrateRequest } from '../migrations/plan';
import { runMigrations, type MigrateResult } from '../migrations/runner';
import type { CheckFailure, CheckSubject } from './types';

/** A scratch database opened for one step. */
export interface ScratchSession {
  readonly knex: Knex;
  readonly url: string;
}

/**
 * Runs one step on its own fresh scratch database, so no step sees what another left behind.
 * @example await onScratch(serverUrl, subject, 'upgrade', ({ knex, url }) => migrate(…));
 */
export async function onScratch<T>(serverUrl: string, subject: CheckSubject, step: string, action: (session: ScratchSession) => Promise<T>): Promise<T> {
  return withScratchDatabase(serverUrl, `${subject.label}_${step}`, async (db) => {
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
export function migrate(session: ScratchSession, subject: CheckSubject, request: MigrateRequest): Promise<MigrateResult> {
  return runMigrations(request, {
    knex: session.knex,
    url: session.url,
    migrationsDir: subject.migrationsDir,
    production: false,
    allowDataLoss: true,
    allowOutOfOrder: false,
    acceptChecksums: [],
    lockTimeoutMs: 60_000,
    log: () => undefined,
  });
}

/** A runner error as a check failure naming the package and the migration. */
export function runFailure(subject: CheckSubject, error: unknown, doing: string): CheckFailure {
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

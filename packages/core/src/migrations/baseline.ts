/**
 * Adoption: `strata migrate baseline [name]` lets a database that already has its schema — built
 * by another tool, restored from a dump, migrated before Strata — start its migration history
 * without running anything. It records the migrations up to `name` (or all) as applied, with
 * their checksums, in one transaction under the runner lock, and only when the database is what
 * those migrations produce: the live schema is compared with the schema the same migrations give
 * on an empty scratch database (schema snapshots, so PostgreSQL 14–18 compare alike). Anything
 * else is refused with one line naming the first difference, and nothing is written.
 */
import type { Knex } from 'knex';
import { connect } from '../db/connect';
import { createScratchDatabase } from '../db/scratch';
import { prepareScratch } from '../db/setup';
import { maskUrl } from '../db/url';
import { HistoryError, messageOf, SafetyError, StrataError } from '../errors';
import { diffSnapshots } from '../schema/diff';
import { snapshotSchema } from '../schema/snapshot';
import type { SchemaSnapshot } from '../schema/types';
import { ensureHistoryTables, nextBatch, readHistory, recordApplied } from './history';
import { withRunnerLock } from './lock';
import { migrateOptions, runMigrations } from './runner';
import { checksumOf, listScripts, type ScriptFile } from './source';

/** Where and what to baseline. */
export interface BaselineOptions {
  readonly knex: Knex;
  /** URL of the same database: the runner lock is taken on it. */
  readonly url: string;
  readonly migrationsDir: string;
  /** The last migration to record (file name, with or without extension); all when undefined. */
  readonly to?: string;
  /** A database on the server where the scratch database is made; default the server of `url`. */
  readonly scratchServerUrl?: string;
  /** SQL run on the scratch database before the migrations (the package's setup, see db/setup.ts). */
  readonly setupFile?: string;
  /** Compare only: write nothing, whatever the outcome. */
  readonly dryRun: boolean;
  /** How long to wait for another runner, in ms. */
  readonly lockTimeoutMs: number;
  /** Progress lines (stderr in the CLI). */
  readonly log: (line: string) => void;
}

/** What a baseline recorded (or, with dryRun, would record). */
export interface BaselineResult {
  /** The migrations recorded as applied, in order. */
  readonly recorded: readonly string[];
  /** Their batch. */
  readonly batch: number;
  readonly dryRun: boolean;
}

/**
 * Records the migrations up to `to` (or all) as applied on a database that already has their
 * schema. Refuses — writing nothing — when the database already has a migration history, or
 * when its schema differs from what the migrations produce, naming the first difference.
 * @example await baselineMigrations({ knex, url, migrationsDir, dryRun: false, lockTimeoutMs: 60_000, log: console.error })
 */
export async function baselineMigrations(options: BaselineOptions): Promise<BaselineResult> {
  const chosen = migrationsUpTo(listScripts(options.migrationsDir), options.to, options.migrationsDir);
  const last = chosen[chosen.length - 1]!;
  return withRunnerLock(
    options.url,
    options.lockTimeoutMs,
    async () => {
      const history = await readHistory(options.knex);
      if (history.length > 0) {
        throw new HistoryError(
          `refused: ${maskUrl(options.url)} already has a migration history (${history.length} applied, the last ${history[history.length - 1]!.name}): baseline only starts one — use strata migrate latest; nothing was recorded`,
        );
      }
      options.log(`building the schema of ${chosen.length} migration(s) up to ${last.name} on a scratch database…`);
      const expected = await schemaOfMigrations(options.scratchServerUrl ?? options.url, options.migrationsDir, last.name, options.setupFile);
      const differences = diffSnapshots(expected, await snapshotSchema(options.knex));
      if (differences.length > 0) {
        throw new SafetyError(
          `refused: ${maskUrl(options.url)} is not the schema of the migrations up to ${last.name}: ${describeDifference(differences[0]!)}` +
            `${differences.length > 1 ? ` (and ${differences.length - 1} more difference(s))` : ''} — nothing was recorded`,
        );
      }
      if (options.dryRun) return { recorded: chosen.map((s) => s.name), batch: 1, dryRun: true };
      const batch = await options.knex.transaction(async (trx) => {
        await ensureHistoryTables(trx);
        const next = await nextBatch(trx);
        for (const script of chosen) await recordApplied(trx, script.name, next, checksumOf(script.file));
        return next;
      });
      return { recorded: chosen.map((s) => s.name), batch, dryRun: false };
    },
    () => options.log('waiting for another strata runner to finish…'),
  );
}

/** The migrations of the folder up to `to` (all when undefined), in order. */
function migrationsUpTo(scripts: readonly ScriptFile[], to: string | undefined, dir: string): ScriptFile[] {
  if (scripts.length === 0) throw new HistoryError(`no migrations in ${dir}: there is nothing to record`);
  if (to === undefined) return [...scripts];
  const index = scripts.findIndex((s) => s.name === to || s.name.replace(/\.(ts|js|cjs)$/, '') === to);
  if (index < 0) throw new HistoryError(`no migration named ${to}: see strata migrate list`);
  return scripts.slice(0, index + 1);
}

/** The schema the migrations up to `last` give an empty database, on a scratch database of that server. */
async function schemaOfMigrations(serverUrl: string, migrationsDir: string, last: string, setupFile?: string): Promise<SchemaSnapshot> {
  const scratch = await createScratchDatabase(serverUrl, 'baseline');
  let knex: Knex | undefined;
  try {
    await prepareScratch(scratch.url, setupFile);
    knex = connect(scratch.url);
    try {
      await runMigrations({ action: 'to', name: last }, migrateOptions({ knex, url: scratch.url, migrationsDir }));
    } catch (error) {
      throw new StrataError(`the migrations up to ${last} do not apply on an empty database, so there is no schema to compare with: ${messageOf(error)}`);
    }
    return await snapshotSchema(knex);
  } finally {
    await knex?.destroy();
    await scratch.drop().catch(() => undefined);
  }
}

/** One line of a snapshot diff (expected → live) in words. */
function describeDifference(line: string): string {
  const text = line.slice(2);
  if (line.startsWith('+ ')) return `it has ${text}, which the migrations do not create`;
  if (line.startsWith('- ')) return `it lacks ${text}`;
  return `${text.replace(/: /, ' differs: ')} (migrations → database)`;
}

import type { PackageInfo } from '../workspace/packages';
import { listScripts } from '../migrations/source';
import { blame, migrateRecording, type StatementsByMigration } from './blame';
import { compareSchemas, describeChanges, isSame, snapshot, type SchemaChanges } from './schema-diff';
import { migrate, onScratch, runFailure } from './scratch-run';
import type { CheckFailure, CheckOptions, StepOutcome } from './types';

/**
 * Step 5, leaves no trace: latest, then rolling back everything, gives back exactly the empty
 * database — no leftover table, type, function, trigger, sequence or extension. A leftover is
 * blamed on the first migration whose up() statements name it.
 */
export function checkNoTrace(subject: PackageInfo, options: CheckOptions): Promise<StepOutcome> {
  return checkRollbackOfEverything(subject, options, {
    expect: 'empty',
    doing: 'during latest then rollback of everything',
    failure: (changes, object, culprit) => ({
      message: `${subject.label}: rolling back every migration ${describeChanges(changes)}${culprit ? ` (${object} comes from ${culprit}: its down() must drop it)` : ''}`,
      details: ['--- empty database', '+++ after latest, then rollback of everything', ...changes.lines],
    }),
  });
}

/** What a rollback of every migration is compared with, and how a difference is told. */
export interface RollbackOfEverything {
  /**
   * `empty`: latest, rollback of everything gives the schema of the empty database;
   * `latest again`: latest, rollback of everything, latest gives the schema of the first latest.
   */
  readonly expect: 'empty' | 'latest again';
  /** What was being done, for a runner error: `during latest then rollback of everything`. */
  readonly doing: string;
  /** The message and details of a difference; `object` is its first one, blamed on `culprit`. */
  failure(changes: SchemaChanges, object: string, culprit: string | undefined): Pick<CheckFailure, 'message' | 'details'>;
  /** A note when the schemas are the same. */
  readonly passed?: string;
}

/**
 * Runs latest (recording each migration's statements), rollback of everything and, under
 * `latest again`, latest once more on a scratch database of its own, and compares the schema
 * with the one expected. A difference is blamed on the first migration whose up() names it.
 */
export async function checkRollbackOfEverything(subject: PackageInfo, options: CheckOptions, round: RollbackOfEverything): Promise<StepOutcome> {
  const scripts = listScripts(subject.migrationsDir);
  if (scripts.length === 0) return { failures: [], skipped: 'no migrations' };
  const fileOf = new Map(scripts.map((s) => [s.name, s.file]));
  return onScratch(options, subject, 'notrace', async (session) => {
    let expected = round.expect === 'empty' ? await snapshot(session) : undefined;
    let statementsOf: StatementsByMigration;
    try {
      statementsOf = await migrateRecording(session, subject);
      expected ??= await snapshot(session);
      await migrate(session, subject, { action: 'rollback', all: true });
      if (round.expect === 'latest again') await migrate(session, subject, { action: 'latest' });
    } catch (error) {
      return { failures: [runFailure(subject, error, round.doing)] };
    }
    const changes = compareSchemas(expected, await snapshot(session));
    if (isSame(changes)) return { failures: [], ...(round.passed ? { notes: [round.passed] } : {}) };
    const object = changes.left[0] ?? changes.removed[0] ?? changes.changed[0] ?? '';
    const culprit = blame(object, statementsOf, 'first');
    return { failures: [{ object, migration: culprit, file: culprit ? fileOf.get(culprit) : undefined, ...round.failure(changes, object, culprit) }] };
  });
}

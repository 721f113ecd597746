import type { PackageInfo } from '../workspace/packages';
import { listScripts } from '../migrations/source';
import { blame, migrateRecording, type StatementsByMigration } from './blame';
import { compareSchemas, describeChanges, isSame, snapshot } from './schema-diff';
import { migrate, onScratch, runFailure } from './scratch-run';
import type { CheckOptions, StepOutcome } from './types';

/**
 * Step 5, leaves no trace: latest, then rolling back everything, gives back exactly the empty
 * database — no leftover table, type, function, trigger, sequence or extension. A leftover is
 * blamed on the first migration whose up() statements name it.
 */
export async function checkNoTrace(subject: PackageInfo, options: CheckOptions): Promise<StepOutcome> {
  const scripts = listScripts(subject.migrationsDir);
  if (scripts.length === 0) return { failures: [], skipped: 'no migrations' };
  const fileOf = new Map(scripts.map((s) => [s.name, s.file]));
  return onScratch(options.serverUrl, subject, 'notrace', async (session) => {
    const empty = await snapshot(session);
    let statementsOf: StatementsByMigration;
    try {
      statementsOf = await migrateRecording(session, subject);
      await migrate(session, subject, { action: 'rollback', all: true });
    } catch (error) {
      return { failures: [runFailure(subject, error, 'during latest then rollback of everything')] };
    }
    const changes = compareSchemas(empty, await snapshot(session));
    if (isSame(changes)) return { failures: [] };
    const object = changes.left[0] ?? changes.removed[0] ?? changes.changed[0] ?? '';
    const culprit = blame(object, statementsOf, 'first');
    return {
      failures: [
        {
          object,
          migration: culprit,
          file: culprit ? fileOf.get(culprit) : undefined,
          message: `${subject.label}: rolling back every migration ${describeChanges(changes)}${culprit ? ` (${object} comes from ${culprit}: its down() must drop it)` : ''}`,
          details: ['--- empty database', '+++ after latest, then rollback of everything', ...changes.lines],
        },
      ],
    };
  });
}

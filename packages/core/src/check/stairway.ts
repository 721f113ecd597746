import type { PackageInfo } from '../workspace/packages';
import { listScripts } from '../migrations/source';
import { compareSchemas, describeChanges, isSame, snapshot } from './schema-diff';
import { migrate, onScratch, runFailure } from './scratch-run';
import type { CheckFailure, CheckOptions, StepOutcome } from './types';

/**
 * Step 4, stairway (pytest-alembic's up/down consistency): for each migration in order, up;
 * down; the schema must equal the one before its up() exactly; up again. A down() that forgets
 * an index, an enum type or a trigger fails here, named. Stops at the first failure: the
 * database no longer stands where the next migration expects it.
 */
export async function checkStairway(subject: PackageInfo, options: CheckOptions): Promise<StepOutcome> {
  const scripts = listScripts(subject.migrationsDir);
  if (scripts.length === 0) return { failures: [], skipped: 'no migrations' };
  return onScratch(options, subject, 'stairway', async (session) => {
    let before = await snapshot(session);
    for (const script of scripts) {
      const at = { migration: script.name, file: script.file };
      const fail = (failure: CheckFailure): StepOutcome => ({ failures: [failure], notes: [`stopped at ${script.name}`] });
      try {
        await migrate(session, subject, { action: 'up' });
        await migrate(session, subject, { action: 'down' });
      } catch (error) {
        return fail(runFailure(subject, error, 'in the stairway (up, then down)'));
      }
      const changes = compareSchemas(before, await snapshot(session));
      if (!isSame(changes)) {
        return fail({
          ...at,
          object: changes.left[0] ?? changes.removed[0] ?? changes.changed[0],
          message: `${subject.label}: down() of ${script.name} ${describeChanges(changes)}: down() must undo exactly what up() did`,
          details: ['--- schema before up()', '+++ schema after up() then down()', ...changes.lines],
        });
      }
      try {
        await migrate(session, subject, { action: 'up' });
      } catch (error) {
        return fail({ ...runFailure(subject, error, 'when applied again after its down()'), ...at });
      }
      before = await snapshot(session);
    }
    return { failures: [], notes: [`${scripts.length} migration(s) up, down, up`] };
  });
}

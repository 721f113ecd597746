import type { PackageInfo } from '../workspace/packages';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { messageOf } from '../errors';
import { listScripts } from '../migrations/source';
import { readSnapshotDocument, renderSnapshotText } from '../schema';
import { blame, migrateRecording, type StatementsByMigration } from './blame';
import { compareSchemas, describeChanges, isSame, snapshot, type ChangeVerbs } from './schema-diff';
import { onScratch, runFailure } from './scratch-run';
import type { CheckOptions, StepOutcome } from './types';

/** How many diff lines a drift failure shows before "… and N more". */
const SHOWN_DIFF_LINES = 40;

/** Compared with the committed document: what the schema at latest adds, lacks or changes. */
const DRIFT_VERBS: ChangeVerbs = { left: 'adds', removed: 'lacks', changed: 'changes' };

/**
 * Step 3, drift: the schema at latest equals the committed `schema.snapshot`, the package's
 * reviewable schema document. `--update` writes it; a reviewer then sees every schema change
 * of a pull request as a diff of that file.
 */
export async function checkDrift(subject: PackageInfo, options: CheckOptions): Promise<StepOutcome> {
  if (listScripts(subject.migrationsDir).length === 0) return { failures: [], skipped: 'no migrations' };
  if (!subject.conventions && !options.update && !existsSync(subject.snapshotFile)) return { failures: [], skipped: 'no schema.snapshot, not a Strata package' };
  return onScratch(options, subject, 'drift', async (session) => {
    let statementsOf: StatementsByMigration;
    try {
      statementsOf = await migrateRecording(session, subject);
    } catch (error) {
      return { failures: [runFailure(subject, error, 'while migrating to latest')] };
    }
    const live = await snapshot(session);
    const text = renderSnapshotText(live);
    const relative = path.relative(process.cwd(), subject.snapshotFile) || subject.snapshotFile;
    const at = { file: subject.snapshotFile };
    const committedText = existsSync(subject.snapshotFile) ? readFileSync(subject.snapshotFile, 'utf8') : undefined;
    if (options.update) {
      if (committedText === text) return { failures: [] };
      writeFileSync(subject.snapshotFile, text);
      return { failures: [], notes: [`${committedText === undefined ? 'wrote' : 'updated'} ${relative}: review and commit it`] };
    }
    if (committedText === undefined) {
      return { failures: [{ ...at, message: `${subject.label}: ${relative} is missing: run strata check --update to write the schema document, then commit it` }] };
    }
    let committed;
    try {
      committed = readSnapshotDocument(committedText, relative);
    } catch (error) {
      return { failures: [{ ...at, message: `${subject.label}: ${messageOf(error)} — rewrite it with strata check --update` }] };
    }
    const changes = compareSchemas(committed, live);
    if (isSame(changes)) return { failures: [] };
    const object = changes.left[0] ?? changes.removed[0] ?? changes.changed[0];
    // The newest migration naming the object is the likely change the snapshot missed.
    const culprit = object ? blame(object, statementsOf, 'last') : undefined;
    const shown = changes.lines.slice(0, SHOWN_DIFF_LINES);
    const more = changes.lines.length - shown.length;
    return {
      failures: [
        {
          ...at,
          object,
          migration: culprit,
          message: `${subject.label}: ${relative} is stale — the schema at latest ${describeChanges(changes, DRIFT_VERBS)}${culprit ? ` (${object}: see ${culprit})` : ''}: run strata check --update, review the diff and commit it`,
          details: [`--- ${relative} (committed)`, '+++ schema at latest', ...shown, ...(more > 0 ? [`… and ${more} more`] : [])],
        },
      ],
    };
  });
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { messageOf } from '../errors';
import { listScripts } from '../migrations/source';
import { readSnapshotDocument, renderSnapshotText } from '../schema';
import { compareSchemas, describeChanges, isSame, snapshot } from './schema-diff';
import { migrate, onScratch, runFailure } from './scratch-run';
import type { CheckOptions, CheckSubject, StepOutcome } from './types';

/** How many diff lines a drift failure shows before "… and N more". */
const SHOWN_DIFF_LINES = 40;

/**
 * Step 3, drift: the schema at latest equals the committed `schema.snapshot`, the package's
 * reviewable schema document. `--update` writes it; a reviewer then sees every schema change
 * of a pull request as a diff of that file.
 */
export async function checkDrift(subject: CheckSubject, options: CheckOptions): Promise<StepOutcome> {
  if (listScripts(subject.migrationsDir).length === 0) return { failures: [], skipped: 'no migrations' };
  return onScratch(options.serverUrl, subject, 'drift', async (session) => {
    try {
      await migrate(session, subject, { action: 'latest' });
    } catch (error) {
      return { failures: [runFailure(subject, error, 'while migrating to latest')] };
    }
    const live = await snapshot(session);
    const text = renderSnapshotText(live);
    const relative = path.relative(process.cwd(), subject.snapshotFile) || subject.snapshotFile;
    const at = { file: subject.snapshotFile, migration: undefined };
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
    const shown = changes.lines.slice(0, SHOWN_DIFF_LINES);
    const more = changes.lines.length - shown.length;
    return {
      failures: [
        {
          ...at,
          object: changes.left[0] ?? changes.removed[0] ?? changes.changed[0],
          message: `${subject.label}: ${relative} is stale — the migrated schema ${describeChanges(changes)} compared with it: run strata check --update and review the diff`,
          details: [`--- ${relative} (committed)`, '+++ schema at latest', ...shown, ...(more > 0 ? [`… and ${more} more`] : [])],
        },
      ],
    };
  });
}

import type { PackageInfo } from '../workspace/packages';
import { listScripts } from '../migrations/source';
import { migrate, onScratch, runFailure } from './scratch-run';
import type { CheckOptions, StepOutcome } from './types';

/** Step 2, upgrade: an empty database reaches latest in one `migrate latest` run. */
export async function checkUpgrade(subject: PackageInfo, options: CheckOptions): Promise<StepOutcome> {
  if (listScripts(subject.migrationsDir).length === 0) return { failures: [], skipped: 'no migrations' };
  return onScratch(options, subject, 'upgrade', async (session) => {
    try {
      const result = await migrate(session, subject, { action: 'latest' });
      return { failures: [], notes: [`applied ${result.steps.length} migration(s)`] };
    } catch (error) {
      return { failures: [runFailure(subject, error, 'on the way from empty to latest')] };
    }
  });
}

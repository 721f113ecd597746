/**
 * `strata check` under a package's policy (package.json `"strata": { "policy": … }`, read by
 * lint/policy.ts). Under `additive-only` a down() must not destroy — the lint step refuses every
 * destructive statement in up() and down() — so the two steps that expect down() to undo up()
 * exactly are replaced by convergence:
 *
 * | step | without a policy | under additive-only |
 * |---|---|---|
 * | stairway | per migration: up, down gives back the schema before up(), up again | per migration: up, down, up gives the schema of the first up() |
 * | no-trace | latest then rollback of everything gives the empty database | latest, rollback of everything, latest gives the schema of the first latest |
 *
 * The other steps are the same for every package.
 */
import { listScripts } from '../migrations/source';
import { policyOf, type MigrationPolicy } from '../lint/policy';
import type { PackageInfo } from '../workspace/packages';
import { checkRollbackOfEverything } from './no-trace';
import { compareSchemas, describeChanges, isSame, snapshot, type ChangeVerbs } from './schema-diff';
import { migrate, onScratch, runFailure } from './scratch-run';
import { CheckStep, type CheckFailure, type CheckOptions, type StepOutcome } from './types';

/** How a check step is run. */
export type StepRunner = (subject: PackageInfo, options: CheckOptions) => Promise<StepOutcome>;

/** Compared with the schema the first up() gave: what applying it again adds, lacks or changes. */
const AGAIN_VERBS: ChangeVerbs = { left: 'adds', removed: 'lacks', changed: 'changes' };

/**
 * The runner of `step` for a package: the policy's replacement when its policy has one, else
 * `standard`. The policy is read when the step runs, so a bad value fails that step, named.
 * @example runnerFor(CheckStep.stairway, checkStairway)(subject, options)
 */
export function runnerFor(step: CheckStep, standard: StepRunner): StepRunner {
  const replacement = REPLACED[step];
  if (!replacement) return standard;
  return (subject, options) => {
    const policy = policyOf(subject.config, `${subject.label}/package.json "strata"`);
    return policy ? replacement(subject, options, policy) : standard(subject, options);
  };
}

const REPLACED: Partial<Record<CheckStep, (subject: PackageInfo, options: CheckOptions, policy: MigrationPolicy) => Promise<StepOutcome>>> = {
  [CheckStep.stairway]: checkStairwayConverges,
  [CheckStep.noTrace]: checkRollbackConverges,
};

/**
 * The stairway under additive-only: for each migration in order, up; down; up — the schema after
 * the second up() equals the one after the first. A migration whose up() is not idempotent
 * (CREATE without IF NOT EXISTS: the second up() fails) or whose down() leaves something the
 * second up() does not put back fails here, named. Stops at the first failure.
 */
export async function checkStairwayConverges(subject: PackageInfo, options: CheckOptions, policy: MigrationPolicy): Promise<StepOutcome> {
  const scripts = listScripts(subject.migrationsDir);
  if (scripts.length === 0) return { failures: [], skipped: 'no migrations' };
  return onScratch(options, subject, 'stairway', async (session) => {
    for (const script of scripts) {
      const at = { migration: script.name, file: script.file };
      const fail = (failure: CheckFailure): StepOutcome => ({ failures: [failure], notes: [`policy ${policy}: stopped at ${script.name}`] });
      let first;
      try {
        await migrate(session, subject, { action: 'up' });
        first = await snapshot(session);
        await migrate(session, subject, { action: 'down' });
        await migrate(session, subject, { action: 'up' });
      } catch (error) {
        return fail({ ...runFailure(subject, error, 'in the stairway (up, down, then up again)'), ...at });
      }
      const changes = compareSchemas(first, await snapshot(session));
      if (!isSame(changes)) {
        return fail({
          ...at,
          object: changes.left[0] ?? changes.removed[0] ?? changes.changed[0],
          message: `${subject.label}: up → down → up of ${script.name} does not converge: the second up() ${describeChanges(changes, AGAIN_VERBS)} — under policy ${policy}, up() must bring any database to the same schema and down() must leave what up() made`,
          details: ['--- schema after up()', '+++ schema after up(), down(), up()', ...changes.lines],
        });
      }
    }
    return { failures: [], notes: [`policy ${policy}: ${scripts.length} migration(s) up, down, up — each converges`] };
  });
}

/**
 * No-trace under additive-only: latest; rollback of everything; latest again gives the schema of
 * the first latest. What differs is blamed on the first migration naming it.
 */
export function checkRollbackConverges(subject: PackageInfo, options: CheckOptions, policy: MigrationPolicy): Promise<StepOutcome> {
  return checkRollbackOfEverything(subject, options, {
    expect: 'latest again',
    doing: 'during latest, rollback of everything, latest',
    passed: `policy ${policy}: latest, rollback of everything, latest converges`,
    failure: (changes, object, culprit) => ({
      message: `${subject.label}: latest after a rollback of everything does not converge: it ${describeChanges(changes, AGAIN_VERBS)}${culprit ? ` (${object}: see ${culprit})` : ''} — under policy ${policy}, migrating again must give the same schema`,
      details: ['--- schema at latest', '+++ after latest, rollback of everything, latest', ...changes.lines],
    }),
  });
}

import type { PackageInfo } from '../workspace/packages';
import { messageOf } from '../errors';
import { checkDrift } from './drift';
import { checkHistory } from './history';
import { checkLint } from './lint';
import { checkNoTrace } from './no-trace';
import { runnerFor } from './policy';
import { checkSeeds } from './seeds';
import { checkStairway } from './stairway';
import { CheckStep, type CheckOptions, type StepOutcome, type StepResult } from './types';
import { checkUpgrade } from './upgrade';

/** Each step and the function that runs it, in report order. */
export const STEP_RUNNERS: ReadonlyArray<readonly [CheckStep, (subject: PackageInfo, options: CheckOptions) => Promise<StepOutcome>]> = [
  [CheckStep.history, checkHistory],
  [CheckStep.upgrade, checkUpgrade],
  [CheckStep.drift, checkDrift],
  [CheckStep.stairway, checkStairway],
  [CheckStep.noTrace, checkNoTrace],
  [CheckStep.seeds, checkSeeds],
  [CheckStep.lint, checkLint],
];

/** What `strata check` found for one package. */
export interface PackageReport {
  readonly label: string;
  readonly ok: boolean;
  readonly steps: readonly StepResult[];
}

/** One package to check, with the options that apply to it (its server). */
export interface CheckJob {
  readonly subject: PackageInfo;
  readonly options: CheckOptions;
}

/**
 * Runs every step of every package. Each step works on its own scratch database, so steps run
 * side by side, `concurrency` at a time; results come back in package and step order.
 * @example const reports = await runChecks([{ subject, options: { serverUrl, update: false } }], { concurrency: 4 });
 */
export async function runChecks(jobs: readonly CheckJob[], props: { concurrency: number; onStep?: (label: string, result: StepResult) => void }): Promise<PackageReport[]> {
  const tasks = jobs.flatMap((job, jobIndex) =>
    STEP_RUNNERS.filter(([step]) => !job.options.steps || job.options.steps.includes(step)).map(([step, run]) => ({ jobIndex, step, run: () => runStep(step, runnerFor(step, run), job) })),
  );
  const results: Array<{ jobIndex: number; result: StepResult }> = [];
  await inParallel(tasks, props.concurrency, async (task) => {
    const result = await task.run();
    props.onStep?.(jobs[task.jobIndex]!.subject.label, result);
    results.push({ jobIndex: task.jobIndex, result });
  });
  const order = STEP_RUNNERS.map(([step]) => step);
  return jobs.map((job, jobIndex) => {
    const steps = results
      .filter((r) => r.jobIndex === jobIndex)
      .map((r) => r.result)
      .sort((a, b) => order.indexOf(a.step) - order.indexOf(b.step));
    return { label: job.subject.label, ok: steps.every((s) => s.ok), steps };
  });
}

/** Times one step; an unexpected error is a failure of that step, not a crash of the check. */
async function runStep(step: CheckStep, run: (subject: PackageInfo, options: CheckOptions) => Promise<StepOutcome>, job: CheckJob): Promise<StepResult> {
  const started = Date.now();
  let outcome: StepOutcome;
  try {
    outcome = await run(job.subject, job.options);
  } catch (error) {
    outcome = { failures: [{ message: `${job.subject.label}: ${step} could not run: ${messageOf(error)}` }] };
  }
  return {
    step,
    ok: outcome.failures.length === 0,
    ms: Date.now() - started,
    failures: outcome.failures,
    notes: outcome.notes ?? [],
    ...(outcome.skipped ? { skipped: outcome.skipped } : {}),
  };
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

import os from 'node:os';
import { describeDatabase, type DatabaseTarget } from '../../db/target';
import { withScratchDatabase } from '../../db/scratch';
import { prepareScratch, scratchSetupOf } from '../../db/setup';
import { interruption } from '../../runtime/interrupt';
import { maskSecrets, maskUrl, parseUrl, withDatabase } from '../../db/url';
import { messageOf, SafetyError, UsageError } from '../../errors';
import { progressLine, renderGithub, renderJson, renderText } from '../../check/report';
import { runChecks } from '../../check/run';
import { CheckStep } from '../../check/types';
import { findRepoRoot } from '../../workspace/packages';
import { existingSetupFlag } from '../args';
import { booleanFlag, FlagKind, listFlag, stringFlag, type Command, type Io, type ParsedArgs } from '../command';
import { resolveTargets, withServers } from '../targets';
import { USAGE } from './usage';

const STEPS = Object.values(CheckStep);

/**
 * `strata check`: verifies every package's migrations and seeds, each step on a fresh scratch
 * database — history, upgrade, drift, stairway, no-trace, seeds, lint, docs.
 */
export const checkCommand: Command = {
  name: 'check',
  usage: USAGE.check,
  flags: { update: FlagKind.boolean, json: FlagKind.boolean, step: FlagKind.list, jobs: FlagKind.string, setup: FlagKind.string },
  async run(args, io) {
    try {
      return await check(args, io);
    } catch (error) {
      // A --json consumer gets a report it can parse even when the check could not run.
      if (booleanFlag(args, 'json') && !(error instanceof UsageError)) io.out(JSON.stringify({ ok: false, error: maskSecrets(messageOf(error)), packages: [] }, null, 2));
      throw error;
    }
  },
};

async function check(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}' for strata check`);
  const steps = listFlag(args, 'step');
  const unknown = steps.find((step) => !(STEPS as readonly string[]).includes(step));
  if (unknown) throw new UsageError(`--step ${unknown}: steps are ${STEPS.join(', ')}`);
  const jobs = jobsFlag(stringFlag(args, 'jobs'));
  const { targets } = resolveTargets(args, process.cwd(), { scratchOnly: true });
  const setupFile = existingSetupFlag(args, targets.length);
  const production = targets.find((target) => target.database.production && !target.database.embedded);
  if (production) {
    throw new SafetyError(
      `refused: strata check creates scratch databases and writes demo data into them, and ${describeDatabase(production.database)} is a production server: run it on a development or CI server, or on the embedded one (--pg)`,
    );
  }
  const where = [...new Set(targets.map((target) => serverOf(target.database)))].join(', ');
  const started = Date.now();
  const reports = await withServers(targets.map((t) => t.database), async () => {
    // One clear line when the server is down or the role cannot create databases, not one per step.
    for (const serverUrl of new Set(targets.map((target) => withDatabase(target.database.url, 'postgres')))) await withScratchDatabase(serverUrl, 'preflight', async () => undefined);
    // A broken setup is one line too, before any step (each step would otherwise report it).
    for (const target of targets) {
      const setup = scratchSetupOf(target.pkg, setupFile);
      if (setup) await withScratchDatabase(target.database.url, `${target.pkg.label}_setup`, (db) => prepareScratch(db.url, setup));
    }
    return runChecks(
      targets.map((target) => ({
        subject: target.pkg,
        options: { serverUrl: target.database.url, update: booleanFlag(args, 'update'), ...(steps.length > 0 ? { steps: steps as CheckStep[] } : {}), ...(setupFile ? { setupFile } : {}) },
      })),
      { concurrency: jobs, onStep: (label, result) => io.err(progressLine(label, result)) },
    );
  });
  // Interrupted: the steps failed because their databases were dropped; that is no verdict.
  if (interruption()) return 130;
  const totalMs = Date.now() - started;
  if (booleanFlag(args, 'json')) io.out(renderJson(reports, totalMs, where));
  else for (const line of renderText(reports, totalMs, where)) io.out(line);
  // Under Actions the failures also go on the files they blame (the JSON report carries them already).
  if (process.env.GITHUB_ACTIONS === 'true' && !booleanFlag(args, 'json')) for (const line of renderGithub(reports, findRepoRoot(process.cwd()) ?? process.cwd())) io.out(line);
  return reports.every((report) => report.ok) ? 0 : 1;
}

/** `--jobs N`: how many steps run side by side (each on its own scratch database). */
function jobsFlag(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_JOBS;
  const jobs = Number(raw);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of at least 1 (got ${raw})`);
  return jobs;
}

/** The server a target lives on, without database and password: the scratch databases go there. */
function serverOf(target: DatabaseTarget): string {
  const { url } = parseUrl(target.url);
  url.pathname = '';
  url.search = '';
  return `${maskUrl(url.toString())} (${target.embedded ? `embedded PostgreSQL ${target.embedded.major}` : target.source})`;
}

/**
 * Steps mostly wait on the server, so more of them than CPUs pay off (measured on 2 CPUs:
 * telecom-billing takes 8.3 s with 1 job, 5.3 s with 4); past 8 the server becomes the limit.
 */
const DEFAULT_JOBS = Math.min(8, Math.max(4, os.cpus().length));

import type { PackageInfo } from '../workspace/packages';
import { withScratchDatabase } from '../db/scratch';
import { messageOf } from '../errors';
import { isBlocking, type Finding } from '../lint';
import { scratchSetupOf } from '../db/setup';
import { lintWithPolicy, policyOf } from '../lint/policy';
import { listScripts } from '../migrations/source';
import { lintSchema, schemaLintOptionsFrom } from '../schema';
import { blame, migrateRecording, type StatementsByMigration } from './blame';
import { onScratch, runFailure } from './scratch-run';
import type { CheckFailure, CheckOptions, StepOutcome } from './types';

/**
 * Step 7, lint: the migrations pass `strata lint` (on an empty scratch database) and the schema
 * at latest passes `strata lint --schema` with the package's own options (package.json `strata`).
 * Only unacknowledged errors fail; acknowledged findings are the package's reviewed decisions.
 */
export async function checkLint(subject: PackageInfo, options: CheckOptions): Promise<StepOutcome> {
  const scripts = listScripts(subject.migrationsDir);
  if (scripts.length === 0) return { failures: [], skipped: 'no migrations' };
  const fileOf = new Map(scripts.map((s) => [s.name, s.file]));
  const failures: CheckFailure[] = [];
  try {
    const policy = policyOf(subject.config, `${subject.label}/package.json "strata"`);
    const setupFile = scratchSetupOf(subject, options.setupFile);
    const { findings } = await withScratchDatabase(options.serverUrl, `${subject.label}_lint`, (db) =>
      lintWithPolicy({ migrationsDir: subject.migrationsDir, scratchUrl: db.url, ...(setupFile ? { setupFile } : {}) }, policy, subject.label),
    );
    failures.push(...findings.filter(isBlocking).map((f) => findingFailure(subject, f, fileOf)));
  } catch (error) {
    failures.push({ message: `${subject.label}: strata lint could not run: ${messageOf(error)}` });
  }
  // The schema lint checks Strata's conventions (names, keys, types): a foreign folder has not adopted them.
  if (!subject.conventions) return { failures, notes: ["schema lint (Strata's conventions) skipped: not a Strata package"] };
  const schemaFailures = await onScratch(options, subject, 'schemalint', async (session) => {
    let statementsOf: StatementsByMigration;
    try {
      statementsOf = await migrateRecording(session, subject);
    } catch (error) {
      return [runFailure(subject, error, 'while migrating to latest for the schema lint')];
    }
    const findings = await lintSchema(session.knex, schemaLintOptionsFrom(subject.config, `${subject.label}/package.json "strata"`));
    // A schema finding names an object; the migration that created it is where to fix it.
    return findings.filter(isBlocking).map((f) => findingFailure(subject, { ...f, migration: f.object ? blame(f.object, statementsOf, 'first') : undefined }, fileOf));
  });
  failures.push(...schemaFailures);
  return { failures };
}

function findingFailure(subject: PackageInfo, finding: Finding, fileOf: ReadonlyMap<string, string>): CheckFailure {
  const where = finding.migration ? `${finding.migration}${finding.direction ? ` ${finding.direction}()` : ''}: ` : '';
  return {
    migration: finding.migration,
    object: finding.object,
    file: finding.migration ? fileOf.get(finding.migration) : undefined,
    message: `${subject.label}: ${where}[${finding.rule}] ${finding.object ? `${finding.object}: ` : ''}${finding.message}${finding.fix ? ` — ${finding.fix}` : ''}`,
  };
}

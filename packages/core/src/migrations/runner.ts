import type { Knex } from 'knex';
import { connect } from '../db/connect';
import { HistoryError, MigrationError, SafetyError } from '../errors';
import { consoleToStderr } from '../lint/console';
import { captureStatements, type CapturedStatement } from './capture';
import { acceptChecksum, appliedWrites, ensureHistoryTables, nextBatch, recordChecksum, revertedWrites, sendHistory } from './history';
import { withRunnerLock } from './lock';
import { preparePlan, type HistoryOverrides, type MigrateRequest, type PlannedStep } from './plan';
import type { HistoryWrite, MigrateResult, StepRecord } from './records';
import { forgetSeedsOfDroppedTables } from '../seeds/history';
import { MigrationState, type MigrationStatus } from './status';
import type { MigrationPolicy } from './policy';

/** Everything a migrate run needs to know; build it with {@link migrateOptions}. */
export interface MigrateOptions extends HistoryOverrides {
  readonly knex: Knex;
  /** URL of the same database, for the lock connection. */
  readonly url: string;
  readonly migrationsDir: string;
  /** Production target: a plan whose down() steps destroy data is refused unless allowDataLoss. */
  readonly production: boolean;
  readonly allowDataLoss: boolean;
  /** How long to wait for another runner, in ms. */
  readonly lockTimeoutMs: number;
  /** Run everything in one transaction that is always rolled back, and report what was sent. */
  readonly dryRun: boolean;
  /** Progress lines (stderr in the CLI). */
  readonly log: (line: string) => void;
  /** Called with each step's record as soon as it is done. */
  readonly onStep?: (record: StepRecord) => void;
  /**
   * The package's migration policy (package.json `strata.policy`): the plan is rehearsed first and
   * refused as a whole, before its first step, when any step would break it.
   */
  readonly policy?: MigrationPolicy;
}

/** The defaults of every choice of a migrate run: the safe ones. */
export const MIGRATE_DEFAULTS = {
  /** Not production: demo data and rollbacks allowed. */
  production: false,
  /** Production rollbacks that destroy data are refused. */
  allowDataLoss: false,
  /** A pending migration sorting before an applied one is refused (a branch merge to look at). */
  allowOutOfOrder: false,
  /** No edited migration is accepted. */
  acceptChecksums: [] as readonly string[],
  /** Wait a minute for another runner. */
  lockTimeoutMs: 60_000,
  dryRun: false,
  log: (): void => undefined,
} as const;

/**
 * Builds the options of a run: where it runs, plus the choices that differ from
 * {@link MIGRATE_DEFAULTS}.
 * @example runMigrations({ action: 'latest' }, migrateOptions({ knex, url, migrationsDir }, { production: true }))
 */
export function migrateOptions(where: Pick<MigrateOptions, 'knex' | 'url' | 'migrationsDir'>, choices: Partial<Omit<MigrateOptions, 'knex' | 'url' | 'migrationsDir'>> = {}): MigrateOptions {
  return { ...MIGRATE_DEFAULTS, ...where, ...choices };
}


/**
 * Runs a migrate request under the runner lock. Each migration runs in its own transaction
 * (Knex runs a whole batch in one), unless it exports `config = { transaction: false }`:
 * when migration N fails, migrations 1…N-1 of the same run stay applied and N leaves nothing.
 * With `dryRun`, the same plan runs inside one transaction that is always rolled back.
 * On production, a plan with down() steps is rehearsed that way first, and refused as a whole
 * before its first step when any down() would destroy data (unless allowDataLoss).
 */
export async function runMigrations(request: MigrateRequest, options: MigrateOptions): Promise<MigrateResult> {
  return withRunnerLock(
    options.url,
    options.lockTimeoutMs,
    async () => {
      const guarded = options.production && !options.allowDataLoss;
      if (options.dryRun) {
        const rehearsal = await rehearse(request, options);
        if (options.policy) await refusePolicyBreach(rehearsal, options.policy);
        if (guarded) await refuseDataLoss(rehearsal);
        return rehearsal;
      }
      // Rehearsed first: a plan under a policy, and on production one that can go down (latest
      // and up never destroy data).
      const mayLoseData = guarded && request.action !== 'latest' && request.action !== 'up';
      if (options.policy || mayLoseData) {
        const rehearsal = await rehearse(request, { ...options, onStep: undefined });
        if (options.policy) await refusePolicyBreach(rehearsal, options.policy);
        if (mayLoseData) await refuseDataLoss(rehearsal);
      }
      return apply(request, options);
    },
    () => options.log('waiting for another strata runner to finish…'),
  );
}

/** A real run: each step in its own transaction (or none), recorded as it goes. */
async function apply(request: MigrateRequest, options: MigrateOptions): Promise<MigrateResult> {
  const { knex } = options;
  const setup = await writesOf(knex, () => ensureHistoryTables(knex));
  const plan = await preparePlan(knex, options.migrationsDir, request, options);
  for (const accepted of plan.accepted) {
    await acceptChecksum(knex, accepted.name, accepted.recordedChecksum!, accepted.checksum!);
    options.log(`accepted the edited file of ${accepted.name} (checksum ${accepted.checksum!.slice(0, 12)}, was ${accepted.recordedChecksum!.slice(0, 12)})`);
  }
  await adoptUnrecordedChecksums(knex, plan.statuses);
  const batch = plan.steps.some((step) => step.direction === 'up') ? await nextBatch(knex) : undefined;
  const steps: StepRecord[] = [];
  for (const [index, step] of plan.steps.entries()) {
    const record = await applyStep(step, batch ?? 0, knex, options.url, index === plan.steps.length - 1);
    steps.push(record);
    options.onStep?.(record);
    options.log(`${step.direction === 'up' ? '↑' : '↓'} ${step.name} (${record.ms} ms)`);
  }
  return { steps, batch, setup, dryRun: false };
}

/**
 * Commits of a run's steps before its last need not wait for the disk (synchronous_commit off,
 * for that transaction only): the last commit, durable, flushes the WAL up to itself and with it
 * every earlier one. A server crash mid-run can then lose the last few steps — each whole, with
 * its history row, so the database still says exactly what is applied — and never a step the
 * command reported done. Saves a disk flush per migration (a run of 400 would wait for 400).
 * @see https://www.postgresql.org/docs/current/wal-async-commit.html
 */
const NOT_YET_DURABLE = 'SET LOCAL synchronous_commit TO off';

async function applyStep(step: PlannedStep, batch: number, knex: Knex, url: string, last: boolean): Promise<StepRecord> {
  const started = Date.now();
  const action = functionOf(step);
  const bookkeeping = (db: Knex, prefix?: string): Promise<HistoryWrite[]> => historyOf(step, batch, db, prefix);
  let statements: CapturedStatement[] = [];
  let history: HistoryWrite[] = [];
  try {
    if (step.transactional) {
      await knex.transaction(async (trx) => {
        ({ statements } = await captureStatements(knex, () => action(trx)));
        history = await bookkeeping(trx, last ? undefined : NOT_YET_DURABLE);
      });
    } else {
      // One session for the whole migration, so a SET (lock_timeout, say) holds for the
      // statements after it, as it would in psql; a pool could hand each statement another.
      const session = connect(url, undefined, { connections: 1 });
      try {
        ({ statements } = await captureStatements(session, () => action(session)));
        history = await bookkeeping(session);
      } finally {
        await session.destroy();
      }
    }
  } catch (error) {
    if (error instanceof SafetyError) throw error;
    if (!step.transactional) throw new MigrationError(step.name, step.direction, step.file, error, 'it runs outside a transaction (config.transaction = false): statements before the failure stay applied');
    throw new MigrationError(step.name, step.direction, step.file, error);
  }
  return record(step, statements, history, Date.now() - started, []);
}

/**
 * The dry run: the same plan inside one transaction that is always rolled back, each step in
 * a savepoint, recording what it would send. Console output of migration code goes to stderr
 * meanwhile, so the SQL printed on stdout stays SQL. A `transaction: false` step runs there
 * too, its CONCURRENTLY statements without CONCURRENTLY (same result, other locks); when one
 * still cannot run in a transaction (VACUUM…), it is reported once and the preview goes on
 * without it. A step that fails for any other reason would fail for real: the rehearsal ends
 * there, and the steps after it are named once, on that step.
 */
async function rehearse(request: MigrateRequest, options: MigrateOptions): Promise<MigrateResult> {
  const { knex } = options;
  const trx = await knex.transaction();
  const restoreConsole = consoleToStderr();
  try {
    const setup = await writesOf(knex, () => ensureHistoryTables(trx));
    const plan = await preparePlan(trx, options.migrationsDir, request, options);
    for (const accepted of plan.accepted) await acceptChecksum(trx, accepted.name, accepted.recordedChecksum!, accepted.checksum!);
    const batch = await nextBatch(trx);
    const rewrite = plan.steps.some((step) => !step.transactional) ? await concurrentlyRewriter() : undefined;
    const steps: StepRecord[] = [];
    /** A transaction: false step that could not run in the preview: the next step says once that the state lacks it. */
    let missing: string | undefined;
    for (const [index, step] of plan.steps.entries()) {
      const caveats: string[] = [];
      if (!step.transactional) caveats.push("runs outside a transaction (config.transaction = false): previewed inside the dry run's transaction, its CONCURRENTLY statements without CONCURRENTLY (same result, other locks)");
      if (missing) caveats.push(`previewed without what ${missing} does (it could not run in the preview): from here on the statements may differ`);
      missing = undefined;
      const started = Date.now();
      let statements: CapturedStatement[] = [];
      let history: HistoryWrite[] = [];
      let broken: string | undefined;
      try {
        await trx.transaction(async (savepoint) => {
          if (!step.transactional && rewrite) runWithoutConcurrently(savepoint, rewrite);
          // Kept up to the failure, so the preview shows the statement the server refused.
          let failure: unknown;
          ({ statements } = await captureStatements(knex, async () => {
            try {
              await functionOf(step)(savepoint);
            } catch (error) {
              failure = error ?? new Error(`${step.name} threw undefined`);
            }
          }));
          if (failure !== undefined) throw failure;
          history = await historyOf(step, batch, savepoint);
        });
      } catch (error) {
        if (error instanceof SafetyError || error instanceof HistoryError) throw error;
        const message = serverMessage(error);
        if (!step.transactional && (error as { code?: unknown }).code === '25001') {
          caveats.push(`cannot run inside the dry run's transaction (${message}): its statements from there on are not shown`);
          missing = step.name;
        } else {
          broken = message;
          const rest = plan.steps.slice(index + 1).map((s) => s.name);
          caveats.push(`cannot be previewed past this point: ${broken}${rest.length > 0 ? `; not previewed after it: ${namesList(rest)}` : ''}`);
        }
      }
      if (statements.some((s) => s.reads)) caveats.push('reads data: the statements after a read depend on the rows of this database and may differ elsewhere');
      const done = record(step, statements, history, Date.now() - started, caveats);
      steps.push(done);
      options.onStep?.(done);
      if (broken) break;
    }
    return { steps, batch: plan.steps.some((s) => s.direction === 'up') ? batch : undefined, setup, dryRun: true };
  } finally {
    restoreConsole();
    await trx.rollback().catch(() => undefined);
  }
}

/** The first line of an error, without the SQL Knex puts in front of a server's message (the preview shows the statement). */
function serverMessage(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  const separator = text.lastIndexOf(' - ');
  return (error as { code?: unknown }).code !== undefined && separator > 0 ? text.slice(separator + 3) : text;
}

/** `a, b, c, d, e and 3 more`: a failure early in a long plan names what it hides without listing all of it. */
function namesList(names: readonly string[], shown = 5): string {
  return names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/** The linter's CONCURRENTLY remover, loaded only when a dry run has a transaction: false step (the parser is WebAssembly). */
async function concurrentlyRewriter(): Promise<(sql: string) => string | undefined> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadParser } = require('../lint/parser') as typeof import('../lint/parser');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { withoutConcurrently } = require('../lint/concurrently') as typeof import('../lint/concurrently');
  await loadParser();
  return withoutConcurrently;
}

/**
 * Makes the statements of one savepoint run without CONCURRENTLY. Knex has emitted each
 * statement (and the capture recorded it as written) before `_query` sends it, so the preview
 * shows the real statement while the server runs its non-concurrent twin.
 */
function runWithoutConcurrently(savepoint: Knex.Transaction, rewrite: (sql: string) => string | undefined): void {
  const client = savepoint.client as unknown as { _query(connection: unknown, query: { sql: string }): Promise<unknown> };
  const send = client._query;
  client._query = function (this: unknown, connection: unknown, query: { sql: string }) {
    const sql = rewrite(query.sql);
    return send.call(this, connection, sql === undefined ? query : { ...query, sql });
  };
}

/**
 * The history a step writes: applied with its checksum, or reverted — and a rollback forgets the
 * seeds whose tables it dropped, so `seed run` writes their rows again.
 */
async function historyOf(step: PlannedStep, batch: number, knex: Knex, prefix?: string): Promise<HistoryWrite[]> {
  if (step.direction === 'up') return sendHistory(knex, appliedWrites(knex, step.name, batch, step.checksum), prefix);
  return [...(await sendHistory(knex, revertedWrites(knex, step.name), prefix)), ...(await forgetSeedsOfDroppedTables(knex))];
}

/** The function a step runs, bound to its module; a missing down() is a history error. */
function functionOf(step: PlannedStep): (knex: Knex) => Promise<unknown> {
  const action = step.direction === 'up' ? step.module.up : step.module.down;
  if (!action) throw new HistoryError(`${step.name} has no down(): it cannot be rolled back; add one`);
  return async (knex) => action.call(step.module, knex);
}

function record(step: PlannedStep, statements: readonly CapturedStatement[], history: readonly HistoryWrite[], ms: number, caveats: readonly string[]): StepRecord {
  return { kind: 'migration', name: step.name, file: step.file, direction: step.direction, transactional: step.transactional, statements, history, ms, caveats };
}

/** The statements of `action` that change something (history-table creation), without its catalog reads. */
async function writesOf(knex: Knex, action: () => Promise<unknown>): Promise<CapturedStatement[]> {
  const { statements } = await captureStatements(knex, action);
  return statements.filter((s) => !s.reads);
}

/** Migrations applied by stock Knex have no checksum yet: record the file as it is now. */
async function adoptUnrecordedChecksums(knex: Knex, statuses: readonly MigrationStatus[]): Promise<void> {
  for (const status of statuses) {
    if (status.state === MigrationState.applied && status.recordedChecksum === undefined && status.checksum) {
      await recordChecksum(knex, status.name, status.checksum);
    }
  }
}

/**
 * Refuses a plan of a policy package when any step sends a statement the policy forbids (a
 * DROP, a DELETE, a RENAME… in up() or down()), naming each, before anything runs. No flag
 * allows it: the package has to leave the policy, a reviewed change of its package.json.
 */
async function refusePolicyBreach(rehearsal: MigrateResult, policy: MigrationPolicy): Promise<void> {
  if (rehearsal.steps.every((step) => step.statements.length === 0)) return;
  // The linter's PostgreSQL parser, loaded only here: it is WebAssembly and takes a moment.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadParser } = require('../lint/parser') as typeof import('../lint/parser');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { forbiddenOperations } = require('../lint/policy') as typeof import('../lint/policy');
  await loadParser();
  const breaches = rehearsal.steps.flatMap((step) =>
    step.statements.flatMap((statement) => forbiddenOperations(statement.sql)).map((op) => `${step.direction}() of ${step.name} ${op.operation}${op.object ? ` ${op.object}` : ''}`),
  );
  if (breaches.length > 0) {
    throw new SafetyError(
      `refused: the migrations of this package are ${policy} (package.json "strata".policy), and ${namesList(breaches, 3)} — nothing was changed; a destructive change needs the package to leave the policy, in a reviewed change`,
    );
  }
}

/**
 * Refuses a production plan whose down() steps would destroy data, naming every one, before
 * anything runs. A down() outside a transaction cannot be rehearsed, so it is refused too.
 */
async function refuseDataLoss(rehearsal: MigrateResult): Promise<void> {
  const downs = rehearsal.steps.filter((step) => step.direction === 'down');
  if (downs.length === 0) return;
  // The linter's PostgreSQL parser, loaded only here: it is WebAssembly and takes a moment.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { destructiveOperations } = require('../lint/destructive-operations') as typeof import('../lint/destructive-operations');
  const losses: string[] = [];
  for (const step of downs) {
    if (!step.transactional) {
      losses.push(`${step.name} runs outside a transaction, so its down() cannot be checked before it runs`);
      continue;
    }
    const destroyed: string[] = [];
    for (const statement of step.statements) destroyed.push(...(await destructiveOperations(statement.sql)).map((op) => `${op.rule} ${op.object}`));
    if (destroyed.length > 0) losses.push(`down() of ${step.name} would ${destroyed.join(', ')}`);
  }
  if (losses.length > 0) {
    throw new SafetyError(`refused on production: ${losses.join('; ')} — nothing was changed; back up, then pass --allow-data-loss`);
  }
}

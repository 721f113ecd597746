import type { Knex } from 'knex';
import { HistoryError, MigrationError, SafetyError } from '../errors';
import { captureStatements, type CapturedStatement } from './capture';
import { acceptChecksum, ensureHistoryTables, nextBatch, readHistory, recordApplied, recordChecksum, recordReverted } from './history';
import { withRunnerLock } from './lock';
import { checkHistory, planSteps, type HistoryOverrides, type MigrateRequest, type Step } from './plan';
import { checksumOf, listScripts, loadMigration, runsWithoutTransaction, type MigrationModule } from './source';
import { computeStatus, MigrationState, type MigrationStatus } from './status';

/** Everything a migrate run needs to know. */
export interface MigrateProps extends HistoryOverrides {
  readonly knex: Knex;
  /** URL of the same database, for the lock connection. */
  readonly url: string;
  readonly migrationsDir: string;
  /** Production target: a down() that destroys data is refused unless allowDataLoss. */
  readonly production: boolean;
  readonly allowDataLoss: boolean;
  /** How long to wait for another runner, in ms. */
  readonly lockTimeoutMs: number;
  /** Progress lines (stderr in the CLI). */
  readonly log: (line: string) => void;
  /**
   * Names the destructive operations in a statement (the linter's parser); used to refuse
   * production rollbacks that destroy data. Without it every production down() is refused.
   */
  readonly destructiveOperations?: (sql: string) => readonly string[];
}

/** What a run did. */
export interface MigrateResult {
  readonly steps: ReadonlyArray<Step & { readonly ms: number }>;
  readonly batch: number | undefined;
}

/** Reads where every migration stands without changing anything (no tables are created). */
export async function readStatus(knex: Knex, migrationsDir: string): Promise<MigrationStatus[]> {
  return computeStatus(listScripts(migrationsDir), await readHistory(knex));
}

/**
 * Runs a migrate request under the runner lock. Each migration runs in its own transaction
 * (Knex runs a whole batch in one), unless it exports `config = { transaction: false }`:
 * when migration N fails, migrations 1…N-1 of the same run stay applied and N leaves nothing.
 */
export async function runMigrations(request: MigrateRequest, props: MigrateProps): Promise<MigrateResult> {
  return withRunnerLock(props.url, props.lockTimeoutMs, async () => {
    const { knex } = props;
    await ensureHistoryTables(knex);
    const history = await readHistory(knex);
    const statuses = computeStatus(listScripts(props.migrationsDir), history);
    for (const accepted of checkHistory(statuses, props)) {
      await acceptChecksum(knex, accepted.name, accepted.recordedChecksum!, accepted.checksum!);
      props.log(`accepted the edited file of ${accepted.name} (checksum ${accepted.checksum!.slice(0, 12)}, was ${accepted.recordedChecksum!.slice(0, 12)})`);
    }
    await adoptUnrecordedChecksums(knex, statuses);
    const steps = planSteps(request, statuses, props);
    // Load every module first: a file that does not compile fails the run before anything runs.
    const modules = steps.map((step) => loadMigration({ name: step.name, file: step.file }));
    const batch = steps.some((step) => step.direction === 'up') ? await nextBatch(knex) : undefined;
    const done: Array<Step & { ms: number }> = [];
    for (const [index, step] of steps.entries()) {
      const started = Date.now();
      await runStep(step, modules[index]!, batch ?? 0, props);
      const ms = Date.now() - started;
      done.push({ ...step, ms });
      props.log(`${step.direction === 'up' ? '↑' : '↓'} ${step.name} (${ms} ms)`);
    }
    return { steps: done, batch };
  }, () => props.log('waiting for another strata runner to finish…'));
}

/** Migrations applied by stock Knex have no checksum yet: record the file as it is now. */
async function adoptUnrecordedChecksums(knex: Knex, statuses: readonly MigrationStatus[]): Promise<void> {
  for (const status of statuses) {
    if (status.state === MigrationState.applied && status.recordedChecksum === undefined && status.checksum) {
      await recordChecksum(knex, status.name, status.checksum);
    }
  }
}

async function runStep(step: Step, module: MigrationModule, batch: number, props: MigrateProps): Promise<void> {
  const action = step.direction === 'up' ? module.up : module.down;
  if (!action) throw new HistoryError(`${step.name} has no down(): it cannot be rolled back; add one`);
  const guardDataLoss = step.direction === 'down' && props.production && !props.allowDataLoss;
  const bookkeeping = (knex: Knex) =>
    step.direction === 'up' ? recordApplied(knex, step.name, batch, checksumOf(step.file)) : recordReverted(knex, step.name);

  if (runsWithoutTransaction(module)) {
    if (guardDataLoss) {
      throw new SafetyError(
        `${step.name} runs outside a transaction, so its down() cannot be checked for data loss before it runs on production: review it and pass --allow-data-loss`,
      );
    }
    try {
      await action.call(module, props.knex);
      await bookkeeping(props.knex);
    } catch (error) {
      if (error instanceof SafetyError) throw error;
      throw new MigrationError(step.name, step.direction, step.file, error, 'it runs outside a transaction (config.transaction = false): statements before the failure stay applied');
    }
    return;
  }
  try {
    await props.knex.transaction(async (trx) => {
      const { statements } = await captureStatements(props.knex, async () => action.call(module, trx));
      if (guardDataLoss) refuseDataLoss(step, statements, props);
      await bookkeeping(trx);
    });
  } catch (error) {
    if (error instanceof SafetyError) throw error;
    throw new MigrationError(step.name, step.direction, step.file, error);
  }
}

function refuseDataLoss(step: Step, statements: readonly CapturedStatement[], props: MigrateProps): void {
  const destroyed = props.destructiveOperations
    ? statements.flatMap((statement) => props.destructiveOperations!(statement.sql))
    : ['(no destructive-operation checker available)'];
  if (destroyed.length > 0) {
    throw new SafetyError(
      `refused on production: down() of ${step.name} would ${destroyed.join(', ')} — nothing was changed; back up, then pass --allow-data-loss`,
    );
  }
}



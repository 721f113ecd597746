import type { Knex } from 'knex';
import { HistoryError } from '../errors';
import { readHistory } from './history';
import { checksumOf, listScripts, loadMigration, runsWithoutTransaction, type MigrationModule } from './source';
import { computeStatus, isApplied, isPending, MigrationState, type MigrationStatus } from './status';

/** What a migrate command asks for (Knex's vocabulary, plus Alembic's `to`). */
export type MigrateRequest =
  | { readonly action: 'latest' }
  | { readonly action: 'up'; readonly name?: string }
  | { readonly action: 'down'; readonly name?: string }
  | { readonly action: 'rollback'; readonly all: boolean }
  | { readonly action: 'to'; readonly name: string };

/** One migration to run in one direction. */
export interface Step {
  readonly name: string;
  readonly file: string;
  readonly direction: 'up' | 'down';
}

/** Options that let a run past a history check, each an explicit, recorded decision. */
export interface HistoryOverrides {
  /** Apply pending migrations whose names sort before applied ones. */
  readonly allowOutOfOrder: boolean;
  /** Applied migrations whose edited files are accepted as they are now. */
  readonly acceptChecksums: readonly string[];
}

/**
 * Refuses a history the files contradict: an applied migration edited (unless accepted) or
 * missing. Returns the edits that were accepted, for the caller to record.
 */
export function checkHistory(statuses: readonly MigrationStatus[], overrides: HistoryOverrides): MigrationStatus[] {
  const missing = statuses.filter((s) => s.state === MigrationState.missing);
  if (missing.length > 0) {
    throw new HistoryError(
      `applied migration ${missing.map((s) => s.name).join(', ')} is missing on disk: restore the file (history cannot be rewritten by deleting files)`,
    );
  }
  const edited = statuses.filter((s) => s.state === MigrationState.edited);
  const unaccepted = edited.filter((s) => !overrides.acceptChecksums.includes(s.name));
  if (unaccepted.length > 0) {
    const names = unaccepted.map((s) => s.name).join(', ');
    throw new HistoryError(
      `applied migration ${names} was edited after it was applied: revert the edit and put the change in a new migration, or accept it with --accept-checksum ${unaccepted[0]!.name}`,
    );
  }
  const unknown = overrides.acceptChecksums.filter((name) => !edited.some((s) => s.name === name));
  if (unknown.length > 0) throw new HistoryError(`--accept-checksum ${unknown[0]}: no applied migration of that name has been edited`);
  return edited;
}

/** Turns a request into the ordered steps it needs, refusing out-of-order merges unless allowed. */
export function planSteps(request: MigrateRequest, statuses: readonly MigrationStatus[], overrides: HistoryOverrides): Step[] {
  const applied = statuses.filter(isApplied);
  const pending = statuses.filter(isPending);
  const up = (list: readonly MigrationStatus[]): Step[] => {
    const early = list.filter((s) => s.state === MigrationState.outOfOrder);
    if (early.length > 0 && !overrides.allowOutOfOrder) {
      throw new HistoryError(
        `pending migration ${early[0]!.name} sorts before applied ones: if it was rolled back alone (strata migrate down ${early[0]!.name}), apply it again with --allow-out-of-order; if it comes from a branch merge and was never applied anywhere, rename it to sort last`,
      );
    }
    return list.map((s) => ({ name: s.name, file: s.file!, direction: 'up' }));
  };
  const down = (list: readonly MigrationStatus[]): Step[] => [...list].reverse().map((s) => ({ name: s.name, file: s.file!, direction: 'down' }));
  const known = (name: string): MigrationStatus => {
    const found = statuses.find((s) => s.name === name || stripExtension(s.name) === name);
    if (!found) throw new HistoryError(`no migration named ${name}: see strata migrate list`);
    return found;
  };

  switch (request.action) {
    case 'latest':
      return up(pending);
    case 'up': {
      if (request.name === undefined) return up(pending.slice(0, 1));
      const target = known(request.name);
      if (!isPending(target)) throw new HistoryError(`${target.name} is already applied`);
      return up([target]);
    }
    case 'down': {
      if (request.name === undefined) return down(applied.slice(-1));
      const target = known(request.name);
      if (!isApplied(target)) throw new HistoryError(`${target.name} is not applied, so it cannot be rolled back`);
      const later = applied.slice(applied.indexOf(target) + 1);
      if (later.length > 0 && !overrides.allowOutOfOrder) {
        throw new HistoryError(
          `${target.name} is not the last applied migration (${later.length} applied after it, last ${later[later.length - 1]!.name}): rolling it back alone leaves a gap that latest will not fill — ${downTo(target, applied)}, or pass --allow-out-of-order to roll back only it`,
        );
      }
      return down([target]);
    }
    case 'rollback': {
      if (request.all) return down(applied);
      const lastBatch = applied.reduce((max, s) => Math.max(max, s.batch ?? 0), 0);
      return down(applied.filter((s) => s.batch === lastBatch));
    }
    case 'to': {
      const target = known(request.name);
      if (isApplied(target)) return down(applied.slice(applied.indexOf(target) + 1));
      return up(pending.slice(0, pending.indexOf(target) + 1));
    }
  }
}

/** How to roll back `target` and everything after it. */
function downTo(target: MigrationStatus, applied: readonly MigrationStatus[]): string {
  const index = applied.indexOf(target);
  return index > 0 ? `strata migrate to ${applied[index - 1]!.name} rolls back it and every later one` : 'strata migrate rollback --every-batch rolls back it and every later one';
}

function stripExtension(name: string): string {
  return name.replace(/\.(ts|js|cjs)$/, '');
}

/** A step with its loaded module. */
export interface PlannedStep extends Step {
  readonly module: MigrationModule;
  /** False when the migration exports `config = { transaction: false }`. */
  readonly transactional: boolean;
  /** The file's checksum, read once with the status (history records it). */
  readonly checksum: string;
}

/** What a migrate request will do on a database, decided before anything runs. */
export interface Plan {
  readonly statuses: readonly MigrationStatus[];
  /** Edited migrations whose new checksum the run accepts (--accept-checksum). */
  readonly accepted: readonly MigrationStatus[];
  readonly steps: readonly PlannedStep[];
}

/**
 * The one plan pipeline, shared by real runs and dry runs: list the files, read history,
 * compute each migration's state, refuse a history the files contradict, plan the steps, and
 * load every module — a file that does not compile fails the run before anything runs.
 */
export async function preparePlan(knex: Knex, migrationsDir: string, request: MigrateRequest, overrides: HistoryOverrides): Promise<Plan> {
  const statuses = computeStatus(listScripts(migrationsDir), await readHistory(knex));
  const accepted = checkHistory(statuses, overrides);
  const checksums = new Map(statuses.map((status) => [status.name, status.checksum]));
  const steps = planSteps(request, statuses, overrides).map((step) => {
    const module = loadMigration({ name: step.name, file: step.file });
    return { ...step, module, transactional: !runsWithoutTransaction(module), checksum: checksums.get(step.name) ?? checksumOf(step.file) };
  });
  return { statuses, accepted, steps };
}

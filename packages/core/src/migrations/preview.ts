import type { Knex } from 'knex';
import { messageOf } from '../errors';
import { captureStatements } from './capture';
import { HistoryTable, nextBatch, readHistory, recordApplied, recordReverted, ensureHistoryTables } from './history';
import { checkHistory, planSteps, type HistoryOverrides, type MigrateRequest, type Step } from './plan';
import { checksumOf, listScripts, loadMigration, runsWithoutTransaction } from './source';
import { computeStatus } from './status';

/** The preview of one step: the SQL it would send and what makes the preview inexact. */
export interface PreviewStep extends Step {
  readonly transactional: boolean;
  readonly statements: readonly string[];
  /** Why the SQL shown may differ from what a real run sends; empty when exact. */
  readonly caveats: readonly string[];
}

// Savepoints are how the preview isolates steps; they are not part of what a real run sends.
const PREVIEW_ONLY = /^\s*(savepoint|release savepoint|rollback to savepoint)\b/i;

/**
 * Shows, in order, the exact SQL a migrate request would send, and changes nothing: every
 * step runs inside one transaction that is always rolled back (PostgreSQL DDL is transactional).
 */
export async function previewMigrations(request: MigrateRequest, knex: Knex, migrationsDir: string, overrides: HistoryOverrides): Promise<PreviewStep[]> {
  const statuses = computeStatus(listScripts(migrationsDir), await readHistory(knex));
  checkHistory(statuses, overrides);
  const steps = planSteps(request, statuses, overrides);
  const modules = steps.map((step) => loadMigration({ name: step.name, file: step.file }));
  const previews: PreviewStep[] = [];
  const trx = await knex.transaction();
  try {
    const setup = await captureStatements(knex, async () => {
      if (!(await trx.schema.hasTable(HistoryTable.checksums))) await ensureHistoryTables(trx);
    });
    const setupSql = setup.statements.filter((s) => !s.reads).map((s) => s.sql);
    const batch = await nextBatch(trx);
    let broken: string | undefined;
    for (const [index, step] of steps.entries()) {
      const module = modules[index]!;
      const transactional = !runsWithoutTransaction(module);
      const caveats: string[] = [];
      if (!transactional) caveats.push('runs outside a transaction (config.transaction = false): previewed inside one, so statements such as CREATE INDEX CONCURRENTLY cannot be shown running');
      if (broken) {
        previews.push({ ...step, transactional, statements: [], caveats: [`not previewed: an earlier step could not run in the preview (${broken})`] });
        continue;
      }
      const action = step.direction === 'up' ? module.up : module.down;
      const captured = await captureStatements(knex, async () => {
        try {
          await trx.transaction(async (savepoint) => {
            await action?.call(module, savepoint);
            if (step.direction === 'up') await recordApplied(savepoint, step.name, batch, checksumOf(step.file));
            else await recordReverted(savepoint, step.name);
          });
        } catch (error) {
          broken = messageOf(error);
          caveats.push(`cannot be previewed past this point: ${broken}`);
        }
      });
      if (captured.statements.some((s) => s.reads && !/knex_migrations|strata_migrations/.test(s.sql))) {
        caveats.push('reads data: the statements after a read depend on the rows of this database and may differ elsewhere');
      }
      const statements = captured.statements.map((s) => s.sql).filter((sql) => !PREVIEW_ONLY.test(sql));
      previews.push({ ...step, transactional, statements: index === 0 ? [...setupSql, ...statements] : statements, caveats });
    }
    if (steps.length === 0 && setupSql.length > 0) previews.push({ name: '(history tables)', file: '', direction: 'up', transactional: true, statements: setupSql, caveats: [] });
  } finally {
    await trx.rollback().catch(() => undefined);
  }
  return previews;
}

/** Renders a preview as SQL a reviewer can read (and a DBA could run). */
export function renderPreview(previews: readonly PreviewStep[]): string[] {
  const lines: string[] = [];
  for (const step of previews) {
    lines.push(`-- ${step.name}: ${step.direction}${step.transactional ? ', in its own transaction' : ', outside any transaction'}`);
    for (const caveat of step.caveats) lines.push(`-- ⚠ ${caveat}`);
    if (step.transactional && step.statements.length > 0) lines.push('BEGIN;');
    for (const sql of step.statements) lines.push(`${sql.trim().replace(/;\s*$/, '')};`);
    if (step.transactional && step.statements.length > 0) lines.push('COMMIT;');
  }
  return lines;
}

import type { Knex } from 'knex';
import { captureStatements } from '../migrations/capture';

/** What one capture recorded. */
export interface CaptureResult {
  /** Every statement issued, bindings inlined, in order (BEGIN/COMMIT of transactions included). */
  readonly statements: string[];
  /** Index in `statements` of the statement the server refused, when one was. */
  readonly failedIndex?: number;
  /** What the action threw, if it threw. */
  readonly error?: unknown;
}

/**
 * Runs `action` recording every statement issued through `knex`; a statement the server
 * refuses (or code that throws) ends the capture and is returned, not thrown, since a
 * failing migration is something to report. Calling `mark()` cuts the capture there:
 * statements issued after it (the lint's own catalog reads, the ROLLBACK) are left out.
 * @example const run = await runCaptured(knex, () => knex.transaction((trx) => migration.up(trx)));
 */
export async function runCaptured(knex: Knex, action: (mark: () => void) => Promise<unknown>): Promise<CaptureResult> {
  let issued = 0;
  let failedIndex: number | undefined;
  let end: number | undefined;
  // Same event, same order as captureStatements' own listener: the counter indexes its list.
  const onQuery = (): void => void issued++;
  const onError = (): void => {
    if (end === undefined) failedIndex ??= issued - 1;
  };
  knex.on('query', onQuery);
  knex.on('query-error', onError);
  try {
    const { result: error, statements } = await captureStatements(knex, async () => {
      try {
        await action(() => (end ??= issued));
        return undefined;
      } catch (thrown) {
        return thrown ?? new Error('the migration threw undefined');
      }
    });
    const sql = statements.map((s) => s.sql).slice(0, end ?? statements.length);
    return { statements: sql, ...(failedIndex !== undefined && failedIndex < sql.length ? { failedIndex } : {}), ...(error !== undefined ? { error } : {}) };
  } finally {
    knex.removeListener('query', onQuery);
    knex.removeListener('query-error', onError);
  }
}

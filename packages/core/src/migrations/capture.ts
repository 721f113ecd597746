import type { Knex } from 'knex';

/** One statement a migration sent to the server, as captured from Knex's `query` event. */
export interface CapturedStatement {
  /** SQL with its bindings inlined, ready to print or parse. */
  readonly sql: string;
  /** True when the statement reads data (its result may steer what the code does next). */
  readonly reads: boolean;
}

interface QueryEvent {
  sql: string;
  bindings?: readonly unknown[];
}

const READS = /^\s*(select|with|show|table|values)\b|\breturning\b/i;

/**
 * Runs `action` and records every statement issued through `knex` (and its transactions)
 * meanwhile. Only one capture may run per Knex instance at a time.
 * @example const { statements } = await captureStatements(knex, () => migration.up(trx));
 */
export async function captureStatements<T>(knex: Knex, action: () => Promise<T>): Promise<{ result: T; statements: CapturedStatement[] }> {
  const statements: CapturedStatement[] = [];
  const listener = (event: QueryEvent): void => {
    const sql = inlineBindings(knex, event.sql, event.bindings ?? []);
    statements.push({ sql, reads: READS.test(sql) });
  };
  knex.on('query', listener);
  try {
    const result = await action();
    return { result, statements };
  } finally {
    knex.removeListener('query', listener);
  }
}

/** Replaces the pg placeholders `$1…$n` with the bindings, quoted by Knex's own escaping. */
function inlineBindings(knex: Knex, sql: string, bindings: readonly unknown[]): string {
  if (bindings.length === 0) return sql;
  return sql.replace(/\$(\d+)/g, (placeholder, index: string) => {
    const position = Number(index) - 1;
    return position < bindings.length ? knex.raw('?', [bindings[position] as Knex.RawBinding]).toQuery() : placeholder;
  });
}

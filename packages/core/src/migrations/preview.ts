import type { MigrateResult } from './records';

/**
 * Renders a dry run as SQL a reviewer can read (and a DBA could run): the history-table setup,
 * then each step in its own BEGIN/COMMIT (or none), with its caveats as comments.
 */
export function renderPreview(result: MigrateResult): string[] {
  const lines: string[] = [];
  const sql = (text: string): string => `${text.trim().replace(/;\s*$/, '')};`;
  if (result.setup.length > 0) {
    lines.push('-- history tables (created on first use)');
    for (const statement of result.setup) lines.push(sql(statement.sql));
  }
  for (const step of result.steps) {
    lines.push(`-- ${step.name}: ${step.direction}${step.transactional ? ', in its own transaction' : ', outside any transaction'}`);
    for (const caveat of step.caveats) lines.push(`-- ⚠ ${caveat}`);
    const body = [...step.statements.map((s) => s.sql), ...step.history.map((h) => h.sql)];
    if (step.transactional && body.length > 0) lines.push('BEGIN;');
    for (const text of body) lines.push(sql(text));
    if (step.transactional && body.length > 0) lines.push('COMMIT;');
  }
  return lines;
}

import { Console } from 'node:console';

/**
 * Sends everything code writes to the console to stderr until the returned function is
 * called. Migration code talks (`console.log('backfilling…')`); while the lint or a dry run
 * runs it, stdout carries the findings or the SQL preview, which tools and reviewers read as
 * JSON or SQL.
 * @example const restore = consoleToStderr(); try { await migration.up(knex); } finally { restore(); }
 */
export function consoleToStderr(): () => void {
  const toStderr = new Console({ stdout: process.stderr, stderr: process.stderr });
  const saved = new Map<string, unknown>();
  const target = console as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(target)) {
    const replacement = (toStderr as unknown as Record<string, unknown>)[name];
    if (typeof value !== 'function' || typeof replacement !== 'function') continue;
    saved.set(name, value);
    target[name] = (replacement as (...args: unknown[]) => unknown).bind(toStderr);
  }
  return () => saved.forEach((value, name) => (target[name] = value));
}

import type { CapturedStatement } from '../migrations/capture';
import { migrate, type ScratchSession } from './scratch-run';
import { captureStatements } from '../migrations/capture';
import type { CheckSubject } from './types';

/** The statements each migration's up() sent, by migration name, in the order they ran. */
export type StatementsByMigration = ReadonlyMap<string, readonly CapturedStatement[]>;

/**
 * Migrates to latest with the real runner while recording what each up() sent. The runner
 * records each migration in knex_migrations right after its up(): the record is split there.
 */
export async function migrateRecording(session: ScratchSession, subject: CheckSubject): Promise<StatementsByMigration> {
  const { result, statements } = await captureStatements(session.knex, () => migrate(session, subject, { action: 'latest' }));
  const segments: CapturedStatement[][] = [[]];
  for (const statement of statements) {
    if (/^\s*insert\s+into\s+"knex_migrations"\s/i.test(statement.sql)) segments.push([]);
    else segments[segments.length - 1]!.push(statement);
  }
  return new Map(result.steps.map((step, index) => [step.name, segments[index] ?? []]));
}

/**
 * The migration whose statements name a snapshot object (`enum x`, `column orders.note`: the
 * table and the column in one statement). `first` finds its creator, `last` its latest change.
 * @example blame('enum subscription_status', statements, 'first') // '20240101000002_create_subscriptions.ts'
 */
export function blame(object: string, statements: StatementsByMigration, which: 'first' | 'last'): string | undefined {
  const name = object.replace(/^(partitioned table|materialized view|[a-z]+) /, '').replace(/\(.*$/, '');
  const parts = name.split('.').filter((part) => part !== '');
  if (parts.length === 0) return undefined;
  const words = parts.map((part) => new RegExp(`(^|[^a-z0-9_])${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9_])`, 'i'));
  const names = [...statements.keys()];
  if (which === 'last') names.reverse();
  const naming = (patterns: readonly RegExp[]) => names.find((migration) => statements.get(migration)!.some((s) => patterns.every((p) => p.test(s.sql))));
  // A name the server made up (`notes_pkey`) appears in no statement: fall back to its table.
  return naming(words) ?? (words.length > 1 ? naming(words.slice(0, 1)) : undefined);
}

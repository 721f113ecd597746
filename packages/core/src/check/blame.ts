import type { CapturedStatement } from '../migrations/capture';
import type { PackageInfo } from '../workspace/packages';
import { migrate, type ScratchSession } from './scratch-run';

/** The statements each migration's up() sent, by migration name, in the order they ran. */
export type StatementsByMigration = ReadonlyMap<string, readonly CapturedStatement[]>;

/** Migrates to latest with the real runner, keeping what each up() sent (from the runner's records). */
export async function migrateRecording(session: ScratchSession, subject: PackageInfo): Promise<StatementsByMigration> {
  const result = await migrate(session, subject, { action: 'latest' });
  return new Map(result.steps.map((step) => [step.name, step.statements]));
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

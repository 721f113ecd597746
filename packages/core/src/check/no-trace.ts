import { captureStatements, type CapturedStatement } from '../migrations/capture';
import { listScripts } from '../migrations/source';
import { compareSchemas, describeChanges, isSame, snapshot } from './schema-diff';
import { migrate, onScratch, runFailure } from './scratch-run';
import type { CheckOptions, CheckSubject, StepOutcome } from './types';

/**
 * Step 5, leaves no trace: latest, then rolling back everything, gives back exactly the empty
 * database — no leftover table, type, function, trigger, sequence or extension. A leftover is
 * blamed on the first migration whose up() statements name it.
 */
export async function checkNoTrace(subject: CheckSubject, options: CheckOptions): Promise<StepOutcome> {
  const scripts = listScripts(subject.migrationsDir);
  if (scripts.length === 0) return { failures: [], skipped: 'no migrations' };
  const fileOf = new Map(scripts.map((s) => [s.name, s.file]));
  return onScratch(options.serverUrl, subject, 'notrace', async (session) => {
    const empty = await snapshot(session);
    let statementsOf: Map<string, CapturedStatement[]>;
    try {
      const { result, statements } = await captureStatements(session.knex, () => migrate(session, subject, { action: 'latest' }));
      statementsOf = splitPerMigration(result.steps.map((s) => s.name), statements);
      await migrate(session, subject, { action: 'rollback', all: true });
    } catch (error) {
      return { failures: [runFailure(subject, error, 'during latest then rollback of everything')] };
    }
    const changes = compareSchemas(empty, await snapshot(session));
    if (isSame(changes)) return { failures: [] };
    const object = changes.left[0] ?? changes.removed[0] ?? changes.changed[0] ?? '';
    const culprit = creatorOf(object, statementsOf);
    return {
      failures: [
        {
          object,
          migration: culprit,
          file: culprit ? fileOf.get(culprit) : undefined,
          message: `${subject.label}: rolling back every migration ${describeChanges(changes)}${culprit ? ` (${object} comes from ${culprit}: its down() must drop it)` : ''}`,
          details: ['--- empty database', '+++ after latest, then rollback of everything', ...changes.lines],
        },
      ],
    };
  });
}

/** The runner records each migration in knex_migrations right after its up(): split there. */
function splitPerMigration(names: readonly string[], statements: readonly CapturedStatement[]): Map<string, CapturedStatement[]> {
  const segments: CapturedStatement[][] = [[]];
  for (const statement of statements) {
    if (/^\s*insert\s+into\s+"knex_migrations"\s/i.test(statement.sql)) segments.push([]);
    else segments[segments.length - 1]!.push(statement);
  }
  return new Map(names.map((name, index) => [name, segments[index] ?? []]));
}

/** The first migration whose statements mention the object's own name (`enum x` → `x`). */
function creatorOf(object: string, statementsOf: ReadonlyMap<string, CapturedStatement[]>): string | undefined {
  const name = object.replace(/^(partitioned table|materialized view|[a-z]+) /, '').replace(/\(.*$/, '').split('.').pop() ?? '';
  if (name === '') return undefined;
  const word = new RegExp(`(^|[^a-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9_])`, 'i');
  for (const [migration, statements] of statementsOf) {
    if (statements.some((s) => word.test(s.sql))) return migration;
  }
  return undefined;
}

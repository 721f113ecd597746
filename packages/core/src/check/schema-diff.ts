import { diffSnapshotEntries, entryKey, snapshotEntries, snapshotSchema, type SchemaSnapshot, type SnapshotEntry } from '../schema';
import type { ScratchSession } from './scratch-run';

/** How a schema differs from the one expected, by object (`enum subscription_status`). */
export interface SchemaChanges {
  /** Objects present but not expected. */
  readonly left: readonly string[];
  /** Objects expected but gone. */
  readonly removed: readonly string[];
  /** Objects present in both, described differently. */
  readonly changed: readonly string[];
  /** The readable diff, one line per object (`+ …`, `- …`, `~ …`). */
  readonly lines: readonly string[];
}

/** The snapshot of the `public` schema, runner bookkeeping left out. */
export function snapshot(session: ScratchSession): Promise<SchemaSnapshot> {
  return snapshotSchema(session.knex);
}

/**
 * Compares the schema found with the one expected; empty lists when they are the same. Items of
 * a table that appeared or vanished as a whole are folded into the table.
 * @example compareSchemas(before, afterDown).left // ['enum subscription_status']
 */
export function compareSchemas(expected: SchemaSnapshot | readonly SnapshotEntry[], found: SchemaSnapshot | readonly SnapshotEntry[]): SchemaChanges {
  const a = entriesOf(expected);
  const b = entriesOf(found);
  const before = new Map(a.map((e) => [entryKey(e), e]));
  const after = new Map(b.map((e) => [entryKey(e), e]));
  const onlyIn = (entries: readonly SnapshotEntry[], other: ReadonlyMap<string, SnapshotEntry>): string[] => {
    const missing = entries.filter((e) => !other.has(entryKey(e)));
    const wholeTables = new Set(missing.filter((e) => e.table === undefined && e.kind.endsWith('table')).map((e) => e.name));
    return missing.filter((e) => e.table === undefined || !wholeTables.has(e.table)).map(entryKey);
  };
  const left = onlyIn(b, before);
  const removed = onlyIn(a, after);
  const changed = a
    .filter((e) => {
      const other = after.get(entryKey(e));
      return other !== undefined && (other.value !== e.value || (other.body ?? []).join('\n') !== (e.body ?? []).join('\n'));
    })
    .map(entryKey);
  return { left, removed, changed, lines: diffSnapshotEntries(a, b) };
}

/** True when nothing differs. */
export function isSame(changes: SchemaChanges): boolean {
  return changes.lines.length === 0;
}

/** The words for each kind of change, from the point of view of the schema found. */
export interface ChangeVerbs {
  readonly left: string;
  readonly removed: string;
  readonly changed: string;
}

/** After a rollback: what it leaves behind, removes too much, or changes. */
export const DOWN_VERBS: ChangeVerbs = { left: 'leaves', removed: 'removes', changed: 'changes' };

/**
 * One phrase naming what differs, at most `limit` objects per kind of change:
 * `leaves enum subscription_status; removes index ix_users_email`.
 * @example describeChanges(compareSchemas(before, afterDown)) // 'leaves enum subscription_status'
 */
export function describeChanges(changes: SchemaChanges, verbs: ChangeVerbs = DOWN_VERBS, limit = 5): string {
  const list = (verb: string, objects: readonly string[]) =>
    objects.length === 0 ? [] : [`${verb} ${objects.slice(0, limit).join(', ')}${objects.length > limit ? ` and ${objects.length - limit} more` : ''}`];
  const parts = [...list(verbs.left, changes.left), ...list(verbs.removed, changes.removed), ...list(verbs.changed, changes.changed)];
  // The diff may show only a column order: name it from the diff itself.
  return parts.length > 0 ? parts.join('; ') : `changes ${changes.lines[0]?.replace(/^[~+-] /, '') ?? 'the schema'}`;
}

function entriesOf(source: SchemaSnapshot | readonly SnapshotEntry[]): readonly SnapshotEntry[] {
  return Array.isArray(source) ? (source as readonly SnapshotEntry[]) : snapshotEntries(source as SchemaSnapshot);
}

/** Human-readable differences between two snapshots, one line per object. */
import { entryKey, snapshotEntries, type SnapshotEntry } from './render';
import { compareText } from './snapshot';
import type { SchemaSnapshot } from './types';

/**
 * Differences between two snapshots: `+ added`, `- removed`, `~ changed: old → new`, each naming
 * the object (`column orders.status`). Empty when the schemas are the same.
 * @example diffSnapshots(before, after) // ['+ column orders.note: text null']
 */
export function diffSnapshots(a: SchemaSnapshot, b: SchemaSnapshot): string[] {
  return diffSnapshotEntries(snapshotEntries(a), snapshotEntries(b));
}

function describe(entry: SnapshotEntry): string {
  const key = entryKey(entry);
  return entry.value === '' ? key : `${key}: ${entry.value}`;
}

function firstBodyDifference(a: readonly string[], b: readonly string[]): string {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return `body differs at line ${i + 1}: ${JSON.stringify(a[i] ?? '')} → ${JSON.stringify(b[i] ?? '')}`;
  }
  return 'body differs';
}

/** Like {@link diffSnapshots}, on entries (e.g. parsed from a committed text file). */
export function diffSnapshotEntries(a: readonly SnapshotEntry[], b: readonly SnapshotEntry[]): string[] {
  const before = new Map(a.map((e) => [entryKey(e), e]));
  const after = new Map(b.map((e) => [entryKey(e), e]));
  const isTable = (e: SnapshotEntry) => e.table === undefined && e.kind.endsWith('table');
  const removedTables = new Set(a.filter((e) => isTable(e) && !after.has(entryKey(e))).map((e) => e.name));
  const addedTables = new Set(b.filter((e) => isTable(e) && !before.has(entryKey(e))).map((e) => e.name));
  const lines: { order: string; text: string }[] = [];
  const push = (entry: SnapshotEntry, text: string) =>
    lines.push({ order: entry.table === undefined ? `${entry.name}\u0000${entry.kind}` : `${entry.table}\u0000${entry.kind}\u0001${entry.name}`, text });

  for (const [key, entry] of before) {
    const other = after.get(key);
    if (!other) {
      if (entry.table === undefined || !removedTables.has(entry.table)) push(entry, `- ${describe(entry)}`);
      continue;
    }
    if (entry.value !== other.value) push(entry, `~ ${key}: ${entry.value || '(nothing)'} → ${other.value || '(nothing)'}`);
    if ((entry.body ?? []).join('\n') !== (other.body ?? []).join('\n')) push(entry, `~ ${key}: ${firstBodyDifference(entry.body ?? [], other.body ?? [])}`);
    if (isTable(entry)) {
      const order = (entries: readonly SnapshotEntry[], keep: (name: string) => boolean) =>
        entries.filter((e) => e.kind === 'column' && e.table === entry.name && keep(e.name)).map((e) => e.name);
      const inBoth = (name: string) => before.has(`column ${entry.name}.${name}`) && after.has(`column ${entry.name}.${name}`);
      const oldOrder = order(a, inBoth);
      const newOrder = order(b, inBoth);
      if (oldOrder.join(',') !== newOrder.join(',')) push(entry, `~ ${key}: column order ${oldOrder.join(', ')} → ${newOrder.join(', ')}`);
    }
  }
  for (const [key, entry] of after) {
    if (before.has(key)) continue;
    if (entry.table === undefined || !addedTables.has(entry.table)) push(entry, `+ ${describe(entry)}`);
  }
  return lines.sort((x, y) => compareText(x.order, y.order) || compareText(x.text, y.text)).map((l) => l.text);
}

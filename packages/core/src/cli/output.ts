import type { MigrationStatus } from '../migrations/status';
import { MigrationState } from '../migrations/status';

/** A column-aligned text table. */
export function table(rows: ReadonlyArray<readonly string[]>, indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

/** Counts per state, for the last line of status. */
export function summarise(statuses: readonly MigrationStatus[]): Record<MigrationState, number> {
  const counts = Object.fromEntries(Object.values(MigrationState).map((state) => [state, 0])) as Record<MigrationState, number>;
  for (const status of statuses) counts[status.state] += 1;
  return counts;
}

/** Local date-time to the minute, for humans. */
export function when(date: Date | undefined): string {
  return date ? date.toISOString().replace('T', ' ').slice(0, 16) : '';
}

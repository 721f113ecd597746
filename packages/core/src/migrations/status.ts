import type { Queryable } from '../db/sql';
import { readHistory, type AppliedMigration } from './history';
import { checksumOf, listScripts, type ScriptFile } from './source';

/** Where one migration stands. */
export const MigrationState = {
  /** Applied and its file is unchanged. */
  applied: 'applied',
  /** Not applied yet. */
  pending: 'pending',
  /** Applied, but the file changed since. */
  edited: 'edited',
  /** Applied, but its file is gone. */
  missing: 'missing',
  /** Not applied, and its name sorts before an applied one (a branch merge). */
  outOfOrder: 'out-of-order',
} as const;
export type MigrationState = (typeof MigrationState)[keyof typeof MigrationState];

/** One line of `strata migrate status`. */
export interface MigrationStatus {
  readonly name: string;
  readonly state: MigrationState;
  /** Absolute path, unless missing. */
  readonly file?: string;
  readonly batch?: number;
  readonly appliedAt?: Date;
  /** Checksum of the file now. */
  readonly checksum?: string;
  /** Checksum recorded when applied; undefined when applied by stock Knex. */
  readonly recordedChecksum?: string;
}

/** Files and history side by side: applied in history order, then pending in name order. */
export function computeStatus(files: readonly ScriptFile[], history: readonly AppliedMigration[]): MigrationStatus[] {
  const byName = new Map(files.map((script) => [script.name, script]));
  const appliedNames = new Set(history.map((entry) => entry.name));
  const lastApplied = history.reduce<string | undefined>((max, entry) => (max === undefined || entry.name > max ? entry.name : max), undefined);
  const applied = history.map((entry): MigrationStatus => {
    const script = byName.get(entry.name);
    if (!script) return { name: entry.name, state: MigrationState.missing, batch: entry.batch, appliedAt: entry.appliedAt, recordedChecksum: entry.checksum };
    const checksum = checksumOf(script.file);
    const edited = entry.checksum !== undefined && entry.checksum !== checksum;
    return {
      name: entry.name,
      state: edited ? MigrationState.edited : MigrationState.applied,
      file: script.file,
      batch: entry.batch,
      appliedAt: entry.appliedAt,
      checksum,
      recordedChecksum: entry.checksum,
    };
  });
  const pending = files
    .filter((script) => !appliedNames.has(script.name))
    .map((script): MigrationStatus => ({
      name: script.name,
      state: lastApplied !== undefined && script.name < lastApplied ? MigrationState.outOfOrder : MigrationState.pending,
      file: script.file,
      checksum: checksumOf(script.file),
    }));
  return [...applied, ...pending];
}

/** True for states that count as applied on the database. */
export function isApplied(status: MigrationStatus): boolean {
  return status.state === MigrationState.applied || status.state === MigrationState.edited || status.state === MigrationState.missing;
}

/** True for states that wait to be applied. */
export function isPending(status: MigrationStatus): boolean {
  return status.state === MigrationState.pending || status.state === MigrationState.outOfOrder;
}

/**
 * Reads where every migration stands without changing anything (no tables are created), on
 * Knex or a bare pg client.
 */
export async function readStatus(db: Queryable, migrationsDir: string): Promise<MigrationStatus[]> {
  return computeStatus(listScripts(migrationsDir), await readHistory(db));
}

import { createHash } from 'node:crypto';
import { HistoryError } from '../errors';

/**
 * `migrations.sum`: the committed checksum of every migration, like Atlas's `atlas.sum`.
 *
 *     # strata migrations.sum — …
 *     total 5d41402abc4b2a76b9719d911017c592…
 *     20241001000001_create_users.ts 9f86d081884c7d659a2feaa0c55ad015…
 *
 * A migration edited after it was committed no longer matches its line. The `total` line hashes
 * all the others, so two branches that each add a migration both change it and git reports a
 * merge conflict instead of silently interleaving two histories.
 * @see https://atlasgo.io/concepts/migration-directory-integrity
 */
export interface SumFile {
  /** Checksum per migration name, in file order. */
  readonly entries: ReadonlyArray<{ readonly name: string; readonly checksum: string }>;
  /** The total line as written (undefined when missing). */
  readonly total: string | undefined;
}

const HEADER = '# strata migrations.sum: sha256 of each committed migration. Verified by `strata check`; `strata check --update` adds new migrations. Do not edit.';
const SHA256 = /^[0-9a-f]{64}$/;

/** Hash over the entry lines, in order: what the `total` line must say. */
export function totalOf(entries: SumFile['entries']): string {
  return createHash('sha256').update(entries.map((e) => `${e.name} ${e.checksum}\n`).join('')).digest('hex');
}

/**
 * Parses the text of a sum file; a malformed line fails naming its number.
 * @example parseSumFile('total …\n20240101000000_a.ts …\n').entries[0].name // '20240101000000_a.ts'
 */
export function parseSumFile(text: string, file = 'migrations.sum'): SumFile {
  const entries: Array<{ name: string; checksum: string }> = [];
  let total: string | undefined;
  for (const [index, raw] of text.replace(/\r\n/g, '\n').split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    const [key, hash] = at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1)];
    if (!SHA256.test(hash)) throw new HistoryError(`${file} line ${index + 1} is not '<migration> <sha256>': ${line.slice(0, 80)} — fix the merge, or rebuild the file with strata check --update`);
    if (key === 'total') total = hash;
    else entries.push({ name: key, checksum: hash });
  }
  return { entries, total };
}

/** The text of a sum file for these entries (total first, then one line per migration). */
export function renderSumFile(entries: SumFile['entries']): string {
  return [HEADER, `total ${totalOf(entries)}`, ...entries.map((e) => `${e.name} ${e.checksum}`), ''].join('\n');
}

/** How the files on disk compare with the committed sum file. */
export interface SumComparison {
  /** Committed migrations whose file changed since. */
  readonly edited: ReadonlyArray<{ readonly name: string; readonly committed: string; readonly now: string }>;
  /** Committed migrations whose file is gone. */
  readonly removed: readonly string[];
  /** Migrations not committed yet and sorting after the last committed one: --update adds them. */
  readonly added: ReadonlyArray<{ readonly name: string; readonly checksum: string }>;
  /** Not committed yet but sorting before a committed migration (a branch merge). */
  readonly outOfOrder: readonly string[];
  /** The total line does not hash the lines (hand edit or a merge). */
  readonly totalMismatch: boolean;
}

/** Compares the files (name → checksum, in name order) with a parsed sum file. */
export function compareSum(files: ReadonlyArray<{ readonly name: string; readonly checksum: string }>, sum: SumFile): SumComparison {
  const now = new Map(files.map((f) => [f.name, f.checksum]));
  const committed = new Map(sum.entries.map((e) => [e.name, e.checksum]));
  const lastCommitted = sum.entries.reduce<string | undefined>((max, e) => (max === undefined || e.name > max ? e.name : max), undefined);
  const fresh = files.filter((f) => !committed.has(f.name));
  return {
    edited: sum.entries.filter((e) => now.has(e.name) && now.get(e.name) !== e.checksum).map((e) => ({ name: e.name, committed: e.checksum, now: now.get(e.name)! })),
    removed: sum.entries.filter((e) => !now.has(e.name)).map((e) => e.name),
    added: fresh.filter((f) => lastCommitted === undefined || f.name > lastCommitted),
    outOfOrder: fresh.filter((f) => lastCommitted !== undefined && f.name < lastCommitted).map((f) => f.name),
    totalMismatch: sum.total !== totalOf(sum.entries),
  };
}

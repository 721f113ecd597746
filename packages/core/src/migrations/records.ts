/**
 * The runner's contract with everything that wants to know what it did (`check`, `lint`,
 * `demo`, `--dry-run`): typed records, returned and emitted step by step. Nobody reads SQL
 * text or display strings to learn what the runner did.
 */
import type { CapturedStatement } from './capture';

/** A bookkeeping row the runner wrote (or removed) for a step. */
export interface HistoryWrite {
  /** The history table, e.g. `knex_migrations`, `strata_seeds`. */
  readonly table: string;
  readonly action: 'insert' | 'update' | 'delete';
  /** The migration or seed the row is about. */
  readonly name: string;
  /** The statement as sent, bindings inlined (what `--dry-run` prints). */
  readonly sql: string;
}

/** What the runner did for one migration or seed. */
export interface StepRecord {
  readonly kind: 'migration' | 'seed';
  /** File name: the key stored in history. */
  readonly name: string;
  /** Absolute path. */
  readonly file: string;
  readonly direction: 'up' | 'down';
  /** False when it ran outside a transaction (`config = { transaction: false }`). */
  readonly transactional: boolean;
  /** What the migration's or seed's own code sent, in order, bindings inlined. */
  readonly statements: readonly CapturedStatement[];
  /** The history rows the runner wrote for it, in order. */
  readonly history: readonly HistoryWrite[];
  readonly ms: number;
  /** Dry runs only: why the statements shown may differ from what a real run sends. */
  readonly caveats: readonly string[];
}

/** What a migrate run did. */
export interface MigrateResult {
  /** Every step, in the order it ran. */
  readonly steps: readonly StepRecord[];
  /** The batch recorded for the ups of this run; undefined when nothing went up. */
  readonly batch: number | undefined;
  /** Statements that created the history tables, when this run created them. */
  readonly setup: readonly CapturedStatement[];
  /** True for `--dry-run`: everything ran in a transaction that was rolled back. */
  readonly dryRun: boolean;
}

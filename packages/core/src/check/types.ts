/** Shapes shared by the steps of `strata check`. */

/** The steps of `strata check`, in the order they run. */
export const CheckStep = {
  /** Names unique and sortable, no object created twice, `migrations.sum` matches the files. */
  history: 'history',
  /** Empty → latest in one run succeeds. */
  upgrade: 'upgrade',
  /** The schema at latest equals the committed `schema.snapshot`. */
  drift: 'drift',
  /** Each migration: up, down gives back the schema before it, up again. */
  stairway: 'stairway',
  /** Rolling everything back returns to the empty database. */
  noTrace: 'no-trace',
  /** Seeds apply, a rerun adds nothing, undo removes every seeded row. */
  seeds: 'seeds',
  /** Migration lint and schema lint pass. */
  lint: 'lint',
  /** The committed `docs/SCHEMA.md` is what `strata docs` writes now. */
  docs: 'docs',
} as const;
export type CheckStep = (typeof CheckStep)[keyof typeof CheckStep];

/**
 * Said once (by the history step) for a folder that does not follow Strata's conventions
 * (`PackageInfo.conventions`): what `strata check` does not ask of it, and how to opt in.
 */
export const FOREIGN_FOLDER_NOTE =
  `not a Strata package (no "strata" field in its package.json): checked for safety only — the schema lint (Strata's naming and design conventions) skipped, migrations.sum and schema.snapshot checked only when present (add "strata": {} to its package.json to adopt the conventions)`;

/** One thing a step found wrong, named so a reader can go straight to it. */
export interface CheckFailure {
  /** One line naming the migration (or seed) and the object, and the way out. */
  readonly message: string;
  /** Migration or seed file name, when one is to blame. */
  readonly migration?: string;
  /** Database object concerned, e.g. `type subscription_status`. */
  readonly object?: string;
  /** Absolute path of the file to look at (for GitHub annotations). */
  readonly file?: string;
  /** Extra lines shown under the message, e.g. a schema diff. */
  readonly details?: readonly string[];
}

/** What one step of one package came to. */
export interface StepResult {
  readonly step: CheckStep;
  /** False when the step found a failure. A skipped step is ok. */
  readonly ok: boolean;
  readonly ms: number;
  readonly failures: readonly CheckFailure[];
  /** Why the step did not run, e.g. "no seeds". */
  readonly skipped?: string;
  /** Things worth saying that are not failures, e.g. "wrote schema.snapshot". */
  readonly notes: readonly string[];
}

/** What a step returns before it is timed. */
export interface StepOutcome {
  readonly failures: readonly CheckFailure[];
  readonly skipped?: string;
  readonly notes?: readonly string[];
}

/** How a check runs. */
export interface CheckOptions {
  /** URL of any database on the server the scratch databases are created on. */
  readonly serverUrl: string;
  /** `--update`: write new lines of migrations.sum, a fresh schema.snapshot and docs/SCHEMA.md. */
  readonly update: boolean;
  /** The steps to run; all by default. */
  readonly steps?: readonly CheckStep[];
  /** `--setup FILE`: SQL run on every scratch database first, instead of the one the package declares. */
  readonly setupFile?: string;
}

/** The shape of a lint finding, shared by `strata lint` (migrations) and `strata lint --schema`. */

/** How bad a finding is: only unacknowledged errors fail the command. */
export const Severity = {
  /** Loses data, takes a long blocking lock, or breaks running code: fails the lint. */
  error: 'error',
  /** Worth a look; does not fail the lint. */
  warning: 'warning',
  /** Context, e.g. what a rollback would destroy. */
  info: 'info',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

/** One thing a lint rule found. */
export interface Finding {
  /** Rule id, e.g. `drop-column`. */
  readonly rule: string;
  readonly severity: Severity;
  /** Migration file name (migration lint only). */
  readonly migration?: string;
  /** Which function issued the statement (migration lint only). */
  readonly direction?: 'up' | 'down';
  /** The statement, as sent to the server (migration lint only). */
  readonly statement?: string;
  /** Database object concerned, e.g. `orders.note` (schema lint always sets it). */
  readonly object?: string;
  readonly message: string;
  /** The safe way to do it. */
  readonly fix?: string;
  /** True when the migration or package acknowledged it with a written reason. */
  readonly acknowledged: boolean;
  /** The written reason, when acknowledged. */
  readonly reason?: string;
  /**
   * Migration lint: the first earlier migration whose up() could not be applied as written.
   * The finding was made against a state that may differ from production's.
   */
  readonly afterFailure?: string;
}

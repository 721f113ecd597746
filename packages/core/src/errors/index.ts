/**
 * One error type per failure family. Each carries the exit code the CLI returns
 * and a one-line message that names the object and the way out.
 */

/** Exit codes of the `strata` CLI. */
export const ExitCode = {
  /** Everything asked for was done. */
  ok: 0,
  /** The command ran and failed (a migration threw, a check failed, a lint error). */
  failure: 1,
  /** The command line itself was wrong: unknown command, flag or argument. */
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base class: a failure whose message is fit to show a user as is. */
export class StrataError extends Error {
  readonly exitCode: ExitCode = ExitCode.failure;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The command line is wrong. */
export class UsageError extends StrataError {
  override readonly exitCode = ExitCode.usage;
}

/** Configuration or connection settings are wrong (bad URL, unreachable server). */
export class ConfigError extends StrataError {}

/** A migration or seed failed while running; carries where it happened. */
export class MigrationError extends StrataError {
  constructor(
    readonly migration: string,
    readonly direction: 'up' | 'down',
    readonly file: string,
    cause: unknown,
    aftermath = 'its transaction was rolled back, nothing of it is applied',
  ) {
    super(`${migration} (${direction}) failed: ${messageOf(cause)} — ${aftermath}`, { cause });
  }
}

/** History on the database disagrees with the files (edited, missing, out of order). */
export class HistoryError extends StrataError {}

/** A safety rule refused the operation (production, data loss, pending migrations). */
export class SafetyError extends StrataError {}

/** A migration or seed file cannot be compiled or imported. */
export class ModuleLoadError extends StrataError {}

/** Another runner held the lock for longer than --lock-timeout. */
export class LockTimeoutError extends StrataError {}

/** SQL does not parse; carries PostgreSQL's parser message. */
export class ParseError extends StrataError {}

/** The first line of an error's message, without a stack. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? String(error);
  return String(error);
}

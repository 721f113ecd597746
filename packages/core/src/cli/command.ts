/** The contract every `strata <command>` module fulfils. */

/** Kinds of flag value a command accepts. */
export const FlagKind = {
  /** Present or absent: `--json`. */
  boolean: 'boolean',
  /** Takes one value: `--url URL` or `--url=URL`. */
  string: 'string',
  /** May be repeated: `--accept-checksum a --accept-checksum b`. */
  list: 'list',
} as const;
export type FlagKind = (typeof FlagKind)[keyof typeof FlagKind];

/** Parsed command line of one command. */
export interface ParsedArgs {
  /** Words after the command name, e.g. `['latest']` for `strata migrate latest`. */
  readonly positionals: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
}

/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** A top-level command: `strata <name> …`. */
export interface Command {
  readonly name: string;
  /** One line per form, shown by `strata help` and on usage errors. */
  readonly usage: readonly string[];
  /** Flags this command accepts besides the global ones; anything else is a usage error. */
  readonly flags: Readonly<Record<string, FlagKind>>;
  /** Returns the exit code (0 ok, 1 failure); throw UsageError for bad arguments. */
  run(args: ParsedArgs, io: Io): Promise<number>;
}

/** Reads a string flag. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a boolean flag. */
export function booleanFlag(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true;
}

/** Reads a repeatable flag. */
export function listFlag(args: ParsedArgs, name: string): readonly string[] {
  const value = args.flags[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

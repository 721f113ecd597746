import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors';
import { FlagKind, type ParsedArgs } from './command';
import { didYouMean, parenthesised } from './suggest';

/** Flags every command understands: where it acts and how long it waits. */
export const GLOBAL_FLAGS = {
  help: FlagKind.boolean,
  /** At the repo root: act on every schema package. */
  all: FlagKind.boolean,
  /** Any folder of Knex migrations (with --url). */
  migrations: FlagKind.string,
  seeds: FlagKind.string,
  /** Names the database exactly. */
  url: FlagKind.string,
  /** Use the embedded server of this PostgreSQL major. */
  pg: FlagKind.string,
  /** Seconds to wait for another runner's lock. */
  'lock-timeout': FlagKind.string,
} as const;

/**
 * Parses `--flag`, `--flag value`, `--flag=value` and positionals against the flags a command
 * declares; anything else is a usage error naming the flag.
 */
export function parseArgs(argv: readonly string[], flags: Readonly<Record<string, FlagKind>>, command: string): ParsedArgs {
  const positionals: string[] = [];
  const values: Record<string, string | boolean | string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('--') || word === '--') {
      positionals.push(word);
      continue;
    }
    const [rawName, inline] = splitOnce(word.slice(2), '=');
    const kind = flags[rawName];
    if (!kind) throw new UsageError(`unknown flag --${rawName} for 'strata ${command}'${parenthesised(didYouMean(rawName, Object.keys(flags), '--'))}: run strata ${command} --help`);
    if (kind === FlagKind.boolean) {
      if (inline !== undefined) throw new UsageError(`--${rawName} takes no value`);
      values[rawName] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${rawName} needs a value`);
    if (kind === FlagKind.list) values[rawName] = [...((values[rawName] as string[] | undefined) ?? []), value];
    else values[rawName] = value;
  }
  return { positionals, flags: values };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** Reads a positive number of seconds from a flag, in ms. */
export function secondsFlag(args: ParsedArgs, name: string, fallbackSeconds: number): number {
  const raw = args.flags[name];
  if (raw === undefined) return fallbackSeconds * 1000;
  const seconds = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--${name} must be a number of seconds (got ${String(raw)})`);
  return seconds * 1000;
}

/** Why `--setup FILE` takes one folder: each package declares its own setup. */
export const SETUP_ONE_FOLDER =
  '--setup FILE applies to one folder of migrations: run it inside the package or with --migrations DIR (a package declares its own in package.json "strata": { "lint": { "setup": … } })';

/**
 * `--setup FILE` (lint, check, docs): the SQL file run on every scratch database first, for one
 * folder of migrations (`targets` is how many the command acts on).
 */
export function setupFlag(args: ParsedArgs, targets: number): string | undefined {
  const raw = args.flags.setup;
  if (typeof raw !== 'string') return undefined;
  if (targets > 1) throw new UsageError(SETUP_ONE_FOLDER);
  return path.resolve(raw);
}

/** {@link setupFlag}, checked before any server is asked (check, docs), so a typo costs nothing. */
export function existingSetupFlag(args: ParsedArgs, targets: number): string | undefined {
  const file = setupFlag(args, targets);
  if (file !== undefined && (!existsSync(file) || !statSync(file).isFile())) {
    throw new UsageError(`--setup ${String(args.flags.setup)}: no such file; give the SQL file to run on every scratch database before the first migration`);
  }
  return file;
}

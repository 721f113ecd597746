import { existsSync } from 'node:fs';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { validateEnvironment } from '../db/environment';
import { installInterruptHandlers, interruption } from '../runtime/interrupt';
import { maskSecrets } from '../db/url';
import { ExitCode, messageOf, StrataError, UsageError } from '../errors';
import { findRepoRoot } from '../workspace/packages';
import { GLOBAL_FLAGS, parseArgs, secondsFlag } from './args';
import { didYouMean, parenthesised } from './suggest';
import type { Io } from './command';
import { COMMANDS } from './commands';

// Once interrupted, what the command still prints (failures of steps whose databases the
// cleanup dropped) is noise: only the interrupt handler speaks.
const processIo: Io = {
  out: (line) => void (interruption() || process.stdout.write(`${line}\n`)),
  err: (line) => void (interruption() || process.stderr.write(`${line}\n`)),
};

/** The exit code, unless an interruption is cleaning up: then the interrupt handler exits (130/143). */
async function settle(code: number): Promise<number> {
  return interruption() ? new Promise<number>(() => undefined) : code;
}

/** Runs `strata <argv…>` and returns its exit code: 0 ok, 1 failure, 2 usage error. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  if (io === processIo) installInterruptHandlers((line) => process.stderr.write(`${line}\n`));
  return settle(await run(argv, io));
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    loadEnvFiles(process.cwd());
    const [name, ...rest] = argv;
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      for (const line of usage()) io.out(line);
      return name === undefined ? ExitCode.usage : ExitCode.ok;
    }
    const command = COMMANDS.find((candidate) => candidate.name === name)?.load();
    if (!command) throw new UsageError(`unknown command '${name}'${parenthesised(didYouMean(name, COMMANDS.map((c) => c.name)))}: run strata help`);
    const args = parseArgs(rest, { ...GLOBAL_FLAGS, ...command.flags }, name);
    if (args.flags.help === true) {
      for (const line of command.usage) io.out(line);
      return ExitCode.ok;
    }
    validateEnvironment();
    secondsFlag(args, 'lock-timeout', 60); // a bad value fails before any server starts
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof StrataError) {
      io.err(`strata: ${maskSecrets(error.message)}`);
      return error.exitCode;
    }
    io.err(`strata: unexpected error: ${maskSecrets(messageOf(error))}`);
    if (process.env.STRATA_DEBUG) io.err(String((error as Error).stack));
    return ExitCode.failure;
  }
}

/** `.env` of the current folder, then of the repo root; real environment variables win. */
function loadEnvFiles(cwd: string): void {
  const root = findRepoRoot(cwd);
  for (const dir of [cwd, root]) {
    const file = dir ? path.join(dir, '.env') : undefined;
    if (file && existsSync(file)) loadDotenv({ path: file, quiet: true });
  }
}

function usage(): string[] {
  return [
    'strata — Knex migrations and seeds for PostgreSQL, safe by default',
    '',
    ...COMMANDS.flatMap((entry) => entry.usage.map((line) => `  ${line}`)),
    '',
    'Where: inside packages/<name> acts on that package; --all on every package;',
    '       --migrations DIR [--seeds DIR] --url URL on any folder of Knex migrations.',
    'Database: --url, else <PACKAGE>_DATABASE_URL, else DATABASE_URL (server; one database per',
    '          package), else the embedded PostgreSQL (--pg 14..18, default 18).',
    'Flags: --lock-timeout SECONDS (wait for another runner, default 60).',
  ];
}

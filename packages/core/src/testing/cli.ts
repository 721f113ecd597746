import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** What a CLI run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A CLI run still going: its process, what it printed so far, and its end. */
export interface RunningCli {
  readonly child: ChildProcess;
  /** Resolves once stdout or stderr contains `text` (rejects if the process ends first). */
  waitFor(text: string): Promise<void>;
  readonly done: Promise<CliResult>;
}

/** Path of the `strata` executable of this checkout. */
export const STRATA_BIN = path.resolve(__dirname, '../../bin/strata.js');

/**
 * Starts the real `strata` binary in a child process, as a user would, without waiting for it.
 * The parent's DATABASE_URL, STRATA_ENV and NODE_ENV are not inherited unless passed in `env`.
 * @example const run = startCli(['migrate', 'latest']); await run.waitFor('↑'); run.child.kill('SIGINT');
 */
export function startCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): RunningCli {
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: undefined, STRATA_ENV: undefined, NODE_ENV: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, [STRATA_BIN, ...args], { cwd: options.cwd ?? process.cwd(), env: env as NodeJS.ProcessEnv });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  const check = (): void => {
    for (const waiter of [...waiters]) {
      if ((stdout + stderr).includes(waiter.text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout!.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), check()));
  child.stderr!.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), check()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
  });
  return {
    child,
    done,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ text, resolve });
        check();
        void done.then((result) => reject(new Error(`strata ended (exit ${result.code}) before printing '${text}':\n${result.stderr}${result.stdout}`)));
      }),
  };
}

/** Runs the real `strata` binary in a child process, as a user would, and waits for it. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

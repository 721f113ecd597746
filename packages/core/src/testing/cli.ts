import { spawn } from 'node:child_process';
import path from 'node:path';

/** What a CLI run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Path of the `strata` executable of this checkout. */
export const STRATA_BIN = path.resolve(__dirname, '../../bin/strata.js');

/**
 * Runs the real `strata` binary in a child process, as a user would.
 * The parent's DATABASE_URL and STRATA_ENV are not inherited unless passed in `env`.
 */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: undefined, STRATA_ENV: undefined, NODE_ENV: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [STRATA_BIN, ...args], { cwd: options.cwd ?? process.cwd(), env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

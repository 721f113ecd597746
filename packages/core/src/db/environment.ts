/**
 * What the process environment says: production or not, session timeouts, the embedded port.
 * Every STRATA_* value is validated where it is read, and a bad one is refused with one line
 * naming the variable — never pasted into SQL, never silently ignored.
 */
import { ConfigError } from '../errors';

/**
 * True when any production marker says so — STRATA_ENV or NODE_ENV is `production` (or `prod`),
 * in any case: demo data and silent data loss are refused there. A marker wins over any other
 * value (`STRATA_ENV=staging NODE_ENV=production` is production).
 */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return [env.STRATA_ENV, env.NODE_ENV].some((value) => value !== undefined && /^\s*prod(uction)?\s*$/i.test(value));
}

/** Session settings every migration connection gets, so DDL never queues behind traffic for long. */
export interface SessionTimeouts {
  /** How long a statement may wait for a table lock (PostgreSQL `lock_timeout`), e.g. `10s`. */
  readonly lockTimeout: string;
  /** How long one statement may run (PostgreSQL `statement_timeout`), e.g. `1h`. */
  readonly statementTimeout: string;
}

/**
 * Defaults follow strong_migrations: a 10 s lock wait fails fast instead of freezing
 * production traffic queued behind the migration's lock; an hour bounds a runaway statement.
 */
export const DEFAULT_TIMEOUTS: SessionTimeouts = { lockTimeout: '10s', statementTimeout: '1h' };

/** A PostgreSQL duration: a number with an optional unit (ms, s, min, h, d); 0 means no limit. */
const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)?\s*$/;

/** The timeouts of STRATA_LOCK_TIMEOUT and STRATA_STATEMENT_TIMEOUT, validated. */
export function timeoutsFrom(env: NodeJS.ProcessEnv = process.env): SessionTimeouts {
  return {
    lockTimeout: duration(env, 'STRATA_LOCK_TIMEOUT', DEFAULT_TIMEOUTS.lockTimeout),
    statementTimeout: duration(env, 'STRATA_STATEMENT_TIMEOUT', DEFAULT_TIMEOUTS.statementTimeout),
  };
}

function duration(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = DURATION.exec(raw);
  if (!match) throw new ConfigError(`${name}=${raw} is not a duration: use a number with an optional unit ms, s, min, h or d (e.g. ${fallback})`);
  return `${match[1]}${match[2] ?? 'ms'}`;
}

/** How long to wait for a server to accept a connection, in ms (STRATA_CONNECT_TIMEOUT, seconds, default 5). */
export function connectTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STRATA_CONNECT_TIMEOUT;
  if (raw === undefined || raw === '') return 5000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new ConfigError(`STRATA_CONNECT_TIMEOUT=${raw} is not a number of seconds above 0 (e.g. 5)`);
  return seconds * 1000;
}

/** STRATA_EMBEDDED_PORT: the embedded server's port instead of the one derived from the checkout. */
export function embeddedPortOverride(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.STRATA_EMBEDDED_PORT;
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new ConfigError(`STRATA_EMBEDDED_PORT=${raw} is not a TCP port: use a whole number from 1024 to 65535`);
  return port;
}

/** Reads every STRATA_* setting once, so a bad value fails before anything starts. */
export function validateEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  timeoutsFrom(env);
  connectTimeoutMs(env);
  embeddedPortOverride(env);
}

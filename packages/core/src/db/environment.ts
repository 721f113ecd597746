/** What the process environment says about the target: production or not, and timeouts. */

/** True when STRATA_ENV or NODE_ENV says production: demo data and data loss are refused there. */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.STRATA_ENV === 'production' || (env.STRATA_ENV === undefined && env.NODE_ENV === 'production');
}

/** Session settings every migration connection gets, so DDL never queues behind traffic for long. */
export interface SessionTimeouts {
  /** How long a statement may wait for a table lock (PostgreSQL `lock_timeout`). */
  readonly lockTimeout: string;
  /** How long one statement may run (PostgreSQL `statement_timeout`). */
  readonly statementTimeout: string;
}

/**
 * Defaults follow strong_migrations: a 10 s lock wait fails fast instead of freezing
 * production traffic queued behind the migration's lock; an hour bounds a runaway statement.
 */
export const DEFAULT_TIMEOUTS: SessionTimeouts = { lockTimeout: '10s', statementTimeout: '1h' };

export function timeoutsFrom(env: NodeJS.ProcessEnv = process.env): SessionTimeouts {
  return {
    lockTimeout: env.STRATA_LOCK_TIMEOUT ?? DEFAULT_TIMEOUTS.lockTimeout,
    statementTimeout: env.STRATA_STATEMENT_TIMEOUT ?? DEFAULT_TIMEOUTS.statementTimeout,
  };
}

/** How long to wait for a server to accept a connection, in ms (STRATA_CONNECT_TIMEOUT, seconds). */
export function connectTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.STRATA_CONNECT_TIMEOUT ?? 5) * 1000;
}

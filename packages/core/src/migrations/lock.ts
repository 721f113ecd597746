import { Client } from 'pg';
import { LockTimeoutError } from '../errors';
import { connectTimeoutMs } from '../db/environment';
import { maskUrl } from '../db/url';


/**
 * The advisory lock key of Strata runners ('Strata' in ASCII, then 1). Advisory locks are per
 * database, so runners on different databases never wait for each other.
 */
const LOCK_KEY: readonly [number, number] = [0x53747261, 1];

/**
 * Runs `action` holding a session-level advisory lock on its own connection. The lock dies
 * with the connection, so a runner killed with `kill -9` never leaves it behind — unlike
 * Knex's lock table (knex#1217, knex#5086).
 * @see https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
 */
export async function withRunnerLock<T>(url: string, timeoutMs: number, action: () => Promise<T>, onWait?: () => void): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs(), application_name: 'strata-lock' });
  // A session ended by the server (shutdown, pg_terminate_backend) must fail the run, not crash it.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    let waited = false;
    for (;;) {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [...LOCK_KEY]);
      if (rows[0]?.locked) break;
      if (!waited) onWait?.();
      waited = true;
      if (Date.now() >= deadline) {
        throw new LockTimeoutError(
          `another strata runner has held the lock on ${maskUrl(url)} for over ${Math.round(timeoutMs / 1000)}s: wait for it, or raise --lock-timeout`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      return await action();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [...LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

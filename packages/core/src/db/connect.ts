import knexFactory, { type Knex } from 'knex';
import { connectTimeoutMs, timeoutsFrom, type SessionTimeouts } from './environment';

/**
 * A Knex instance for a database URL. Every pooled connection gets `lock_timeout` and
 * `statement_timeout` as soon as it is created, so every statement of a migration —
 * transactional or not — is bounded.
 */
export function connect(url: string, timeouts: SessionTimeouts = timeoutsFrom(), options: { connections?: number } = {}): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString: url, connectionTimeoutMillis: connectTimeoutMs(), application_name: 'strata' },
    pool: {
      min: 0,
      max: options.connections ?? 4,
      afterCreate(connection: { query(sql: string, done: (error: Error | null) => void): void }, done: (error: Error | null, conn: unknown) => void) {
        // client_connection_check_interval (PG 14+) ends a long statement of a runner killed with -9
        // within a second, so its transaction rolls back at once instead of when the statement ends.
        const sql = [
          `SET lock_timeout = '${timeouts.lockTimeout}'`,
          `SET statement_timeout = '${timeouts.statementTimeout}'`,
          `SET client_connection_check_interval = '1s'`,
        ].join('; ');
        connection.query(sql, (error) => done(error, connection));
      },
    },
    acquireConnectionTimeout: connectTimeoutMs() + 5000,
    // Knex would print connection errors with stack traces on stdout; Strata reports every
    // failure itself, once, as one masked line.
    log: { warn: ignore, error: ignore, deprecate: ignore, debug: ignore },
  });
}

function ignore(): void {}

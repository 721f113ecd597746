import knexFactory, { type Knex } from 'knex';
import { connectTimeoutMs, timeoutsFrom, type SessionTimeouts } from './environment';

/**
 * A Knex instance for a database URL. Every pooled connection gets `lock_timeout` and
 * `statement_timeout` as soon as it is created, so every statement of a migration —
 * transactional or not — is bounded.
 */
export function connect(url: string, timeouts: SessionTimeouts = timeoutsFrom()): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString: url, connectionTimeoutMillis: connectTimeoutMs(), application_name: 'strata' },
    pool: {
      min: 0,
      max: 4,
      afterCreate(connection: { query(sql: string, done: (error: Error | null) => void): void }, done: (error: Error | null, conn: unknown) => void) {
        const sql = `SET lock_timeout = '${timeouts.lockTimeout}'; SET statement_timeout = '${timeouts.statementTimeout}'`;
        connection.query(sql, (error) => done(error, connection));
      },
    },
    acquireConnectionTimeout: connectTimeoutMs() + 5000,
  });
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from '../db/url';
import type { TestServer } from './servers';

/** A throwaway database on a test server, dropped by `drop()`. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database with a unique name (`strata_test_<prefix>_<random>`).
 * @example const db = await createTestDatabase(server); try { … } finally { await db.drop(); }
 */
export async function createTestDatabase(server: TestServer, prefix = 't'): Promise<TestDatabase> {
  const name = `strata_test_${prefix}_${randomBytes(5).toString('hex')}`.toLowerCase();
  await adminQuery(server.url, `CREATE DATABASE "${name}"`);
  return {
    name,
    url: withDatabase(server.url, name),
    drop: () => adminQuery(server.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Rows of one query on a database, on a connection of its own. */
export async function queryRows<T = Record<string, unknown>>(url: string, sql: string, values: readonly unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values as unknown[])).rows as T[];
  } finally {
    await client.end();
  }
}

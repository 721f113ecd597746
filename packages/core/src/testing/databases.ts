import { Client } from 'pg';
import { createScratchDatabase, type ScratchDatabase } from '../db/scratch';
import type { TestServer } from './servers';

/** A throwaway database on a test server, dropped by `drop()`. */
export type TestDatabase = ScratchDatabase;

/**
 * Creates an empty database with a unique name (`strata_test_<prefix>_<random>`), with the same
 * maker as lint's and check's scratch databases.
 * @example const db = await createTestDatabase(server); try { … } finally { await db.drop(); }
 */
export function createTestDatabase(server: TestServer, prefix = 't'): Promise<TestDatabase> {
  return createScratchDatabase(server.url, prefix, { prefix: 'strata_test_' });
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

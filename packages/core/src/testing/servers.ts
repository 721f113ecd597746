import { Client } from 'pg';
import { maskSecrets, maskUrl, withDatabase } from '../db/url';

/** A PostgreSQL server the tests run against. */
export interface TestServer {
  /** Short label for test titles, e.g. `embedded-18` or `local-15`. */
  readonly label: string;
  /** URL of the server's maintenance database. */
  readonly url: string;
}

/** Environment variable through which jest's global setup hands the servers to the workers. */
export const TEST_SERVERS_ENV = 'STRATA_TEST_SERVERS';

/**
 * The servers started or found by the jest global setup: always an embedded server,
 * plus the server of DATABASE_URL (or 127.0.0.1:5432) when it is reachable.
 * Use with `describe.each(testServers())`.
 */
export function testServers(): TestServer[] {
  const raw = process.env[TEST_SERVERS_ENV];
  if (!raw) throw new Error(`${TEST_SERVERS_ENV} is not set: run tests through the root jest config (pnpm test)`);
  return JSON.parse(raw) as TestServer[];
}

/** Error codes that mean "no server there", as opposed to a server that refused us. */
const NOTHING_LISTENING = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/**
 * The major version of the server a URL names; undefined only when nothing answers there
 * (connection refused, no such host, or no answer within 2 s). A server that answers but
 * refuses us — a wrong password, an unknown role or database — is an error, never "no server".
 */
export async function probeServer(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    return rows[0]?.v.slice(0, 2);
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if ((code && NOTHING_LISTENING.has(code)) || /timeout/i.test(message ?? '')) return undefined;
    throw new Error(`${maskUrl(url)} answered but refused the connection: ${maskSecrets(message ?? String(error))} — check the user and password of the URL`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL of the local server: DATABASE_URL if set, else the machine's 127.0.0.1:5432. */
export function localServerUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export { maskUrl, withDatabase };

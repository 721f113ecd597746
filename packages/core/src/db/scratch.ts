import os from 'node:os';
import { quoteIdentifier, quoteLiteral } from '../naming/identifier';
import { isAlive } from '../runtime/alive';
import { onInterrupt } from '../runtime/interrupt';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ConfigError, messageOf } from '../errors';
import { connectTimeoutMs } from './environment';
import { maskUrl, withDatabase } from './url';

/** A throwaway database: created empty, dropped by `drop()` even while sessions are open. */
export interface ScratchDatabase {
  readonly name: string;
  /** Exact URL of the scratch database. */
  readonly url: string;
  drop(): Promise<void>;
}

/** Every scratch database name starts with this, so a leftover one is recognisable. */
export const SCRATCH_PREFIX = 'strata_scratch_';

const MAX_IDENTIFIER_BYTES = 63;

/** Scratch databases of this process not dropped yet: an interrupted run drops them on its way out. */
const LIVE = new Set<ScratchDatabase>();
/** Scratch databases being created right now. */
let creating = 0;
let closing = false;

/**
 * Creates a uniquely named, empty database on the server of `serverUrl` (any database of that
 * server; only host, port and credentials are used). It is made from `template0`, so whatever
 * was installed into `template1` on that server never shows up in a snapshot.
 * @see https://www.postgresql.org/docs/current/manage-ag-templatedbs.html
 * `template` copies another database instead (it must have no other session); `prefix`
 * replaces {@link SCRATCH_PREFIX} (tests use `strata_test_`).
 * @example
 *   const db = await createScratchDatabase(process.env.DATABASE_URL!, 'billing_stairway');
 *   try { … connect(db.url) … } finally { await db.drop(); }
 */
export async function createScratchDatabase(serverUrl: string, label: string, options: { template?: string; prefix?: string } = {}): Promise<ScratchDatabase> {
  if (closing) throw new ConfigError('interrupted: no new scratch database is created');
  // Counted while under way: an interruption waits for a CREATE DATABASE in flight (which the
  // server finishes even if this process dies) and drops what it made.
  creating++;
  try {
    return await create(serverUrl, label, options);
  } finally {
    creating--;
  }
}

async function create(serverUrl: string, label: string, options: { template?: string; prefix?: string }): Promise<ScratchDatabase> {
  const name = scratchName(label, options.prefix);
  const maintenance = await maintenanceUrl(serverUrl);
  const db: ScratchDatabase = {
    name,
    url: withDatabase(serverUrl, name),
    // FORCE ends sessions a failed step left open (PostgreSQL 13+).
    // https://www.postgresql.org/docs/current/sql-dropdatabase.html
    drop: async () => {
      await adminQuery(maintenance, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      LIVE.delete(db);
    },
  };
  await sweepStaleScratchDatabases(maintenance);
  if (closing) throw new ConfigError('interrupted: no new scratch database is created');
  // Known before it exists, so an interruption during CREATE DATABASE still drops it.
  LIVE.add(db);
  try {
    await adminQuery(maintenance, `CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(options.template ?? 'template0')}`);
    // Who made it: a process killed before it could drop it (kill -9, process.exit() in a
    // migration) leaves it to the next run's sweep.
    await adminQuery(maintenance, `COMMENT ON DATABASE ${quoteIdentifier(name)} IS ${quoteLiteral(ownerNote())}`);
  } catch (error) {
    LIVE.delete(db);
    throw new ConfigError(`cannot create scratch database ${name} on ${serverOf(serverUrl)}: ${messageOf(error)} — the role needs CREATEDB`);
  }
  if (closing) {
    await db.drop().catch(() => undefined);
    throw new ConfigError('interrupted: no new scratch database is created');
  }
  return db;
}

/** Prefixes of throwaway databases: the sweep looks only at these. */
const THROWAWAY = /^strata_(scratch|test)_/;
const OWNER = /^strata throwaway: host=(\S+) pid=(\d+) at=(\S+)$/;
/** A throwaway database older than this is swept whoever made it. */
const ABANDONED_MS = 24 * 60 * 60 * 1000;
const swept = new Set<string>();

function ownerNote(): string {
  return `strata throwaway: host=${os.hostname()} pid=${process.pid} at=${new Date().toISOString()}`;
}

/**
 * Drops the throwaway databases of processes that are gone: made on this machine by a pid that no
 * longer runs, or made more than a day ago anywhere. Once per server and process.
 */
async function sweepStaleScratchDatabases(maintenanceUrl: string): Promise<void> {
  if (swept.has(maintenanceUrl)) return;
  swept.add(maintenanceUrl);
  const client = new Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: connectTimeoutMs(), application_name: 'strata' });
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string; note: string | null }>(
      `SELECT datname AS name, shobj_description(oid, 'pg_database') AS note FROM pg_catalog.pg_database WHERE datname LIKE 'strata\\_%'`,
    );
    for (const { name, note } of rows) {
      const owner = THROWAWAY.test(name) && note ? OWNER.exec(note) : null;
      if (!owner) continue;
      const [, host, pid, at] = owner;
      const dead = host === os.hostname() && !isAlive(Number(pid));
      const abandoned = Date.now() - Date.parse(at!) > ABANDONED_MS;
      if (dead || abandoned) await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`).catch(() => undefined);
    }
  } catch {
    // Sweeping is housekeeping: a failure here must not stop the command (it reports its own).
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Stops creating scratch databases and drops every one this process created and has not
 * dropped yet, e.g. when Ctrl-C interrupts `strata check`. Waits (at most `timeoutMs`) for
 * those being created at that moment.
 * @example process.once('SIGINT', () => void dropLiveScratchDatabases().finally(() => process.exit(130)));
 */
export async function dropLiveScratchDatabases(timeoutMs = 10_000): Promise<void> {
  closing = true;
  const deadline = Date.now() + timeoutMs;
  while ((LIVE.size > 0 || creating > 0) && Date.now() < deadline) {
    await Promise.all([...LIVE].map((db) => db.drop().catch(() => undefined)));
    // A real wait, not a microtask: the creations in flight need the event loop to finish.
    if (LIVE.size > 0 || creating > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs `action` on a fresh scratch database and drops it afterwards, whatever happens.
 * @example await withScratchDatabase(serverUrl, 'billing_upgrade', async (db) => check(db.url));
 */
export async function withScratchDatabase<T>(serverUrl: string, label: string, action: (db: ScratchDatabase) => Promise<T>): Promise<T> {
  const db = await createScratchDatabase(serverUrl, label);
  try {
    return await action(db);
  } finally {
    await db.drop().catch(() => undefined);
  }
}

/** `strata_scratch_<label>_<random>`, at most 63 bytes, lower-case letters, digits and `_`. */
export function scratchName(label: string, prefix = SCRATCH_PREFIX): string {
  const suffix = `_${randomBytes(4).toString('hex')}`;
  const clean = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `${prefix}${clean}`.slice(0, MAX_IDENTIFIER_BYTES - suffix.length) + suffix;
}

/** A database to run CREATE/DROP DATABASE from: `postgres`, else `template1`. */
async function maintenanceUrl(serverUrl: string): Promise<string> {
  const failures: string[] = [];
  for (const name of ['postgres', 'template1']) {
    const candidate = withDatabase(serverUrl, name);
    const client = new Client({ connectionString: candidate, connectionTimeoutMillis: connectTimeoutMs(), application_name: 'strata' });
    try {
      await client.connect();
      return candidate;
    } catch (error) {
      failures.push(messageOf(error));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const hint = /ECONNREFUSED|timeout|ENOTFOUND|EHOSTUNREACH/i.test(failures[0] ?? '') ? 'is the server running and reachable?' : 'check the user and password of the URL';
  throw new ConfigError(`cannot reach ${serverOf(serverUrl)} to create a scratch database: ${failures[0]} — ${hint}`);
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs(), application_name: 'strata' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The server of a URL, password masked, without its database. */
function serverOf(url: string): string {
  return maskUrl(withDatabase(url, ''));
}

// An interrupted command drops its scratch databases on the way out.
onInterrupt(() => dropLiveScratchDatabases());

import { quoteIdentifier } from '../naming/identifier';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { ConfigError, messageOf } from '../errors';
import type { PackageInfo } from '../workspace/packages';
import { EmbeddedServer, serverCanReach } from './embedded';
import { DEFAULT_PG_MAJOR } from './embedded-binaries';
import { connectTimeoutMs, embeddedPortOverride, isProduction } from './environment';
import { maskSecrets, maskUrl, parseUrl, withDatabase } from './url';

/** How the database of a command was chosen, most explicit first. */
export const TargetSource = {
  /** `--url` on the command line. */
  flag: 'flag',
  /** `<PACKAGE>_DATABASE_URL`. */
  packageUrl: 'package-url',
  /** `DATABASE_URL` names the server; the package gets its own database there. */
  serverUrl: 'server-url',
  /** No server configured: the embedded PostgreSQL of this checkout. */
  embedded: 'embedded',
} as const;
export type TargetSource = (typeof TargetSource)[keyof typeof TargetSource];

/** The database a command acts on. */
export interface DatabaseTarget {
  /** Exact connection URL of the database. */
  readonly url: string;
  readonly database: string;
  readonly source: TargetSource;
  /** True when STRATA_ENV/NODE_ENV is production: no demo data, no silent data loss. */
  readonly production: boolean;
  /** Set when the embedded server serves it (start on demand, release after). */
  readonly embedded?: EmbeddedServer;
  /** Whether the database may be created when it does not exist. */
  readonly createIfMissing: boolean;
}

export interface ResolveDatabaseProps {
  /** The package acted on; absent for `--migrations DIR --url URL`. */
  readonly pkg?: PackageInfo;
  /** `--url`: names the database exactly. */
  readonly url?: string;
  /** `--pg <major>`: use the embedded server of that major even when DATABASE_URL is set. */
  readonly pgMajor?: number;
  /** Repository root, where the embedded server keeps its data (`.strata/`). */
  readonly root: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Chooses the database: `--url`, then `<PACKAGE>_DATABASE_URL`, then a per-package database
 * on the `DATABASE_URL` server, then the embedded server. The five products share table and
 * enum names, so packages never share a database by accident.
 */
export function resolveDatabase(props: ResolveDatabaseProps): DatabaseTarget {
  const env = props.env ?? process.env;
  const production = isProduction(env);
  const exact = (raw: string, source: TargetSource, origin: string): DatabaseTarget => {
    const { database } = parseUrl(raw, origin);
    if (!database) throw new ConfigError(`${origin} names no database (${maskUrl(raw)}): add /<database> to the URL`);
    return { url: raw, database, source, production, createIfMissing: false };
  };
  if (props.url) return exact(props.url, TargetSource.flag, '--url');
  if (!props.pkg) throw new ConfigError('no database: pass --url postgres://… together with --migrations');
  const pkgUrl = env[props.pkg.databaseEnvVar];
  if (pkgUrl && props.pgMajor === undefined) return exact(pkgUrl, TargetSource.packageUrl, props.pkg.databaseEnvVar);
  const database = props.pkg.databaseName;
  const serverUrl = env.DATABASE_URL;
  if (serverUrl && props.pgMajor === undefined) {
    parseUrl(serverUrl, 'DATABASE_URL');
    return { url: withDatabase(serverUrl, database), database, source: TargetSource.serverUrl, production, createIfMissing: !production };
  }
  const embedded = embeddedServer(props.root, props.pgMajor, env);
  return { url: withDatabase(embedded.url, database), database, source: TargetSource.embedded, production, embedded, createIfMissing: true };
}

/**
 * The embedded server of this checkout for a major. Its data lives in `<root>/.strata/pg<major>`
 * (git-ignored) — or, when running as root in a checkout the `postgres` user cannot enter,
 * in /var/tmp/strata-<hash of the checkout path>/pg<major>. Its port comes from the checkout
 * path too (see {@link embeddedPort}), so two clones on one machine never fight over a port.
 */
export function embeddedServer(root: string, major = DEFAULT_PG_MAJOR, env: NodeJS.ProcessEnv = process.env): EmbeddedServer {
  const port = embeddedPortOverride(env) ?? embeddedPort(root, major);
  const base = serverCanReach(root) ? path.join(root, '.strata') : path.join('/var/tmp', `strata-${checkoutHash(root)}`);
  return new EmbeddedServer({ major, home: path.join(base, `pg${major}`), port });
}

/**
 * A port in 22000–31999 fixed by the checkout path, one per major (14…18 → +0…+4): below
 * Linux's ephemeral range (32768–60999), so an outgoing connection never holds it by chance.
 */
export function embeddedPort(root: string, major: number): number {
  const slot = parseInt(checkoutHash(root).slice(0, 8), 16) % 2000;
  return 22000 + slot * 5 + ((major - 14) % 5);
}

function checkoutHash(root: string): string {
  return createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 12);
}

/** One line naming a target without its password, for logs. */
export function describeDatabase(target: DatabaseTarget): string {
  return `${maskUrl(target.url)} (${target.source}${target.production ? ', production' : ''})`;
}

/** Whether the target's database exists (its server must answer; a refusal is an error). */
export async function databaseExists(target: DatabaseTarget): Promise<boolean> {
  const probe = await tryConnect(target.url);
  if (probe === 'ok') return true;
  if (probe === 'missing-database') return false;
  throw new ConfigError(`cannot connect to ${maskUrl(target.url)}: ${probe}`);
}

/**
 * Makes sure the target's server answers and its database exists, creating it when allowed.
 * Fails with one line naming the masked URL and the way out.
 */
export async function ensureDatabase(target: DatabaseTarget): Promise<void> {
  const probe = await tryConnect(target.url);
  if (probe === 'ok') return;
  if (probe !== 'missing-database') throw new ConfigError(`cannot connect to ${maskUrl(target.url)}: ${probe}`);
  if (!target.createIfMissing) {
    const hint = target.production ? 'create it first (Strata does not create production databases)' : 'create it first';
    throw new ConfigError(`database ${target.database} does not exist on ${maskUrl(target.url)}: ${hint}`);
  }
  const maintenance = await maintenanceUrl(target.url);
  const client = new Client({ connectionString: maintenance, connectionTimeoutMillis: connectTimeoutMs(), application_name: 'strata' });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${quoteIdentifier(target.database)}`);
  } catch (error) {
    // Another runner created it at the same moment: that is what we wanted.
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw new ConfigError(`cannot create database ${target.database}: ${messageOf(error)}`);
  } finally {
    await client.end();
  }
}

async function tryConnect(url: string): Promise<'ok' | 'missing-database' | string> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs(), application_name: 'strata' });
  try {
    await client.connect();
    return 'ok';
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '3D000') return 'missing-database';
    // The server answered and refused: a wrong password or role, not a server that is down.
    if (code === '28P01' || code === '28000') return `${maskSecrets(messageOf(error))} — check the user and password of the URL`;
    const message = messageOf(error) || (error as { code?: string }).code || 'connection failed';
    return `${maskSecrets(message)} — is the server running and reachable? (timeout ${connectTimeoutMs() / 1000}s, STRATA_CONNECT_TIMEOUT)`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A database on the same server to run CREATE DATABASE from: `postgres`, else `template1`. */
async function maintenanceUrl(url: string): Promise<string> {
  for (const name of ['postgres', 'template1']) {
    const candidate = withDatabase(url, name);
    if ((await tryConnect(candidate)) === 'ok') return candidate;
  }
  throw new ConfigError(`cannot reach a maintenance database (postgres or template1) on ${maskUrl(url)} to create the database`);
}

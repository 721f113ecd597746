/**
 * A private FreeRADIUS 3 for the tests: the Debian packages' configuration copied from
 * /etc/freeradius/3.0 into a temporary folder, with rlm_sql enabled on the PostgreSQL dialect
 * against a test database (clients read from its nas table, Simultaneous-Use checked with its
 * session queries), listening on free ports of 127.0.0.1 only, run in the foreground with
 * `freeradius -X` and stopped after. Nothing of the machine's own FreeRADIUS is used or changed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import os from 'node:os';
import path from 'node:path';

/** Where the Debian packages install the configuration. */
export const FREERADIUS_CONFIG = '/etc/freeradius/3.0';

/** The three programs the test runs. */
const PROGRAMS = ['freeradius', 'radtest', 'radclient'] as const;

/** Finds a program on PATH (and in /usr/sbin, where Debian puts the daemon). */
function which(program: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin'];
  return dirs.map((dir) => path.join(dir, program)).find((file) => existsSync(file));
}

/** Why FreeRADIUS cannot run here, or undefined when it can. */
export function whyNoFreeRadius(): string | undefined {
  const missing = PROGRAMS.filter((program) => !which(program));
  if (missing.length > 0 || !existsSync(path.join(FREERADIUS_CONFIG, 'mods-available', 'sql'))) {
    const what = missing.length > 0 ? `${missing.join(', ')} not found` : `${FREERADIUS_CONFIG}/mods-available/sql not found`;
    return `${what}: install the Debian packages (apt-get install -y freeradius freeradius-postgresql freeradius-utils), as .ci/run does`;
  }
  if (!existsSync('/usr/lib/freeradius/rlm_sql_postgresql.so')) {
    return 'rlm_sql_postgresql is not installed: apt-get install -y freeradius-postgresql';
  }
  return undefined;
}

/** A free UDP port on 127.0.0.1 (the OS picks it; it is released for FreeRADIUS to bind). */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** Edits a copied file: each [pattern, replacement] must match, so a changed package fails loudly. */
function edit(file: string, edits: readonly (readonly [RegExp | string, string])[]): void {
  let text = readFileSync(file, 'utf8');
  for (const [pattern, replacement] of edits) {
    const next = text.replace(pattern, replacement);
    if (next === text) throw new Error(`${file}: expected to find ${String(pattern)} (has the FreeRADIUS package changed?)`);
    text = next;
  }
  writeFileSync(file, text);
}

/** libpq connection string of a postgres:// URL, for rlm_sql_postgresql's radius_db. */
function conninfo(url: string): string {
  const u = new URL(url);
  const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const parts = [`host=${u.hostname}`, `port=${u.port || '5432'}`, `dbname=${quote(decodeURIComponent(u.pathname.slice(1)))}`, `user=${quote(decodeURIComponent(u.username))}`];
  if (u.password) parts.push(`password=${quote(decodeURIComponent(u.password))}`);
  return parts.join(' ');
}

/** A running private FreeRADIUS. */
export interface RadiusServer {
  readonly authPort: number;
  readonly acctPort: number;
  /** What FreeRADIUS printed so far (its -X debug output). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Builds the configuration and starts `freeradius -X`; resolves once it is "Ready to process
 * requests" (or rejects with the tail of its output).
 * @example const radius = await startFreeRadius(db.url); try { … } finally { await radius.stop(); }
 */
export async function startFreeRadius(databaseUrl: string): Promise<RadiusServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'isp-freeradius-'));
  const raddb = path.join(dir, 'raddb');
  // Dereference the package's symlinks (mods-enabled, sites-enabled, certs) into real files.
  cpSync(FREERADIUS_CONFIG, raddb, { recursive: true, dereference: true });
  for (const sub of ['log', 'run']) mkdirSync(path.join(dir, sub));
  const [authPort, acctPort, innerPort] = [await freeUdpPort(), await freeUdpPort(), await freeUdpPort()];

  edit(path.join(raddb, 'radiusd.conf'), [
    [/^logdir = .*$/m, `logdir = ${dir}/log`],
    [/^run_dir = .*$/m, `run_dir = ${dir}/run`],
    // Stay the user running the test (the package's freerad user may not read the temporary folder).
    [/^(\s*)user = freerad$/m, '$1#user = freerad'],
    [/^(\s*)group = freerad$/m, '$1#group = freerad'],
    // The 1 s delay of every Access-Reject (a brake on password guessing) would only slow the test.
    [/^(\s*)reject_delay = 1$/m, '$1reject_delay = 0'],
  ]);
  // The default virtual server, unchanged but for where it listens: 127.0.0.1 on free ports
  // instead of *:1812/1813 (which the machine's own FreeRADIUS may hold).
  const site = path.join(raddb, 'sites-enabled', 'default');
  const text = readFileSync(site, 'utf8');
  const start = text.indexOf('server default {') + 'server default {'.length;
  const end = text.indexOf('\nauthorize {');
  if (start < 'server default {'.length || end < 0) throw new Error(`${site}: no 'server default {' … 'authorize {' (has the FreeRADIUS package changed?)`);
  const listen = (type: string, port: number) => `\nlisten {\n\ttype = ${type}\n\tipaddr = 127.0.0.1\n\tport = ${port}\n}\n`;
  writeFileSync(site, text.slice(0, start) + listen('auth', authPort) + listen('acct', acctPort) + text.slice(end));
  // Simultaneous-Use (radgroupcheck) is checked with rlm_sql's session queries (radacct, nasreload).
  edit(site, [[/^#\tsql\n\}/m, '\tsql\n}']]);
  edit(path.join(raddb, 'sites-enabled', 'inner-tunnel'), [['port = 18120', `port = ${innerPort}`]]);
  // The only RADIUS clients are the database's nas rows.
  writeFileSync(path.join(raddb, 'clients.conf'), '# clients are read from the nas table (sql: read_clients = yes)\n');
  const sql = path.join(raddb, 'mods-enabled', 'sql');
  cpSync(path.join(raddb, 'mods-available', 'sql'), sql);
  edit(sql, [
    ['dialect = "sqlite"', 'dialect = "postgresql"'],
    ['driver = "rlm_sql_null"', 'driver = "rlm_sql_${dialect}"'],
    [/^\s*radius_db = "radius"$/m, `\tradius_db = "${conninfo(databaseUrl).replace(/"/g, '\\"')}"`],
    [/^\s*#\s*read_clients = yes$/m, '\tread_clients = yes'],
  ]);

  let output = '';
  const child: ChildProcess = spawn(which('freeradius')!, ['-X', '-d', raddb], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  while (!output.includes('Ready to process requests')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`FreeRADIUS did not start (${child.exitCode !== null ? `exit ${child.exitCode}` : 'timeout'}):\n${output.split('\n').slice(-40).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { authPort, acctPort, output: () => output, stop };
}

/** What radtest or radclient printed and returned. */
export interface RadiusReply {
  readonly code: number;
  readonly output: string;
  /** 'Access-Accept', 'Access-Reject', 'Accounting-Response', or undefined when nothing came back. */
  readonly packet?: string;
  /** Attributes of the reply, by name. */
  readonly attributes: Readonly<Record<string, string>>;
}

function run(program: string, args: readonly string[], input?: string): Promise<RadiusReply> {
  return new Promise((resolve, reject) => {
    const child = spawn(which(program)!, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const received = output.slice(output.indexOf('Received '));
      const packet = /Received (\S+) Id/.exec(output)?.[1];
      const attributes = packet
        ? Object.fromEntries([...received.matchAll(/^\s+([A-Za-z0-9-]+) = "?(.*?)"?$/gm)].map((m) => [m[1]!, m[2]!]))
        : {};
      resolve({ code: code ?? -1, output, ...(packet ? { packet } : {}), attributes });
    });
    child.stdin.end(input ?? '');
  });
}

/** `radtest user password 127.0.0.1:port 0 secret`: a PAP Access-Request, as an operator would send it. */
export function radtest(server: RadiusServer, user: string, password: string, secret: string): Promise<RadiusReply> {
  return run('radtest', [user, password, `127.0.0.1:${server.authPort}`, '0', secret]);
}

/** `radclient 127.0.0.1:port acct secret` with the attributes on its standard input. */
export function accounting(server: RadiusServer, attributes: Readonly<Record<string, string | number>>, secret: string): Promise<RadiusReply> {
  // Names of values (Start, User-Request), numbers and addresses bare; other strings quoted.
  const text = (value: string | number) => (/^[A-Za-z0-9.-]+$/.test(String(value)) ? String(value) : `"${value}"`);
  const input = Object.entries(attributes).map(([name, value]) => `${name} = ${text(value)}`).join('\n');
  return run('radclient', ['-x', '-r', '2', '-t', '3', `127.0.0.1:${server.acctPort}`, 'acct', secret], `${input}\n`);
}

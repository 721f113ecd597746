import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';
import { isAlive } from '../runtime/alive';
import { binariesDir, DEFAULT_PG_MAJOR } from './embedded-binaries';

/** Where an embedded server keeps its data and how it is reached. */
export interface EmbeddedServerProps {
  /** PostgreSQL major; default {@link DEFAULT_PG_MAJOR}. */
  readonly major?: number;
  /** Folder holding `data/`, the log and the leases; default `<repo>/.strata/pg<major>`. */
  readonly home: string;
  /** TCP port on 127.0.0.1 (the CLI derives one per checkout and major: db/target.ts). */
  readonly port: number;
}

/**
 * A real PostgreSQL server run from the npm-installed binaries, with no system install.
 *
 * Lifecycle: `acquire()` starts it on demand and records a lease for this process;
 * `release()` drops the lease and stops the server when no other live process holds one
 * and `strata db start` did not pin it. A process killed with -9 leaves a lease whose pid
 * is dead: it is ignored, so the server never stays pinned by a crash.
 */
export class EmbeddedServer {
  readonly major: number;
  readonly home: string;
  readonly port: number;
  readonly #bin: string;

  constructor(props: EmbeddedServerProps) {
    this.major = props.major ?? DEFAULT_PG_MAJOR;
    this.home = props.home;
    this.port = props.port;
    this.#bin = binariesForServiceUser(binariesDir(this.major));
  }

  get dataDir(): string {
    return path.join(this.home, 'data');
  }

  get logFile(): string {
    return path.join(this.home, 'server.log');
  }

  /** Server URL (database `postgres`); trust auth on 127.0.0.1 only. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** True when a postmaster is running on this data directory. */
  isRunning(): boolean {
    // What pg_ctl status does, without starting it: the postmaster.pid file names a live process
    // (negative while initdb's single-user server runs). Every command asks, so it must be cheap.
    const first = readFileSafe(path.join(this.dataDir, 'postmaster.pid')).split('\n')[0] ?? '';
    const pid = Math.abs(Number(first));
    return first !== '' && Number.isInteger(pid) && pid > 0 && isAlive(pid);
  }

  /** Creates the cluster once (initdb), then starts the server if it is not running. */
  start(): void {
    this.#withStartLock(() => this.#startUnlocked());
  }

  #startUnlocked(): void {
    if (!existsSync(path.join(this.dataDir, 'PG_VERSION'))) this.#initdb();
    if (this.isRunning()) return;
    const options = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      "-c unix_socket_directories=''",
      '-c fsync=off',
      '-c max_connections=200',
    ].join(' ');
    // A server that has just stopped may hold its port for a moment: try a few times.
    for (let attempt = 1; ; attempt++) {
      const result = this.#pgCtl(['start', '-w', '-t', '30', '-D', this.dataDir, '-l', this.logFile, '-o', options], { allowFailure: true });
      if (result.status === 0 || this.isRunning()) return;
      if (attempt === 3) {
        throw new ConfigError(
          `embedded PostgreSQL ${this.major} did not start on port ${this.port} (see ${this.logFile}); ` +
            `is the port taken? set STRATA_EMBEDDED_PORT`,
        );
      }
      sleepSync(500 * attempt);
    }
  }

  /** Stops the server (fast: open sessions are disconnected). */
  stop(): void {
    if (!this.isRunning()) return;
    const result = this.#pgCtl(['stop', '-w', '-m', 'fast', '-D', this.dataDir], { allowFailure: true });
    if (result.status !== 0 && this.isRunning()) {
      throw new ConfigError(`embedded PostgreSQL ${this.major} did not stop: ${String(result.stderr).trim().split('\n')[0]} (see ${this.logFile})`);
    }
  }

  /** Pins the server so that commands leave it running (`strata db start`). */
  hold(): void {
    this.start();
    writeFileSync(this.#heldFile, `${process.pid}\n`);
  }

  /** Unpins and stops it (`strata db stop`). */
  unhold(): void {
    rmSync(this.#heldFile, { force: true });
    this.stop();
  }

  get held(): boolean {
    return existsSync(this.#heldFile);
  }

  /** Starts the server if needed and records that this process uses it. */
  acquire(): void {
    // Lease and start under the start lock, so a releasing process never stops the server
    // between our lease and our first connection.
    this.#withStartLock(() => {
      mkdirSync(this.#leaseDir, { recursive: true });
      writeFileSync(path.join(this.#leaseDir, String(process.pid)), '');
      this.#startUnlocked();
    });
  }

  /** Drops this process's lease; stops the server when nobody else holds it. */
  release(): void {
    this.#withStartLock(() => {
      rmSync(path.join(this.#leaseDir, String(process.pid)), { force: true });
      if (this.held || this.liveLeases().length > 0) return;
      this.stop();
    });
  }

  /** Deletes the cluster (the server must be stopped). */
  destroy(): void {
    this.stop();
    rmSync(this.home, { recursive: true, force: true });
  }

  get #heldFile(): string {
    return path.join(this.home, 'held');
  }

  get #leaseDir(): string {
    return path.join(this.home, 'leases');
  }

  /** Pids of the live processes using the server (other than this one); dead leases are swept. */
  liveLeases(): number[] {
    if (!existsSync(this.#leaseDir)) return [];
    const live: number[] = [];
    for (const entry of readdirSync(this.#leaseDir)) {
      const pid = Number(entry);
      if (Number.isInteger(pid) && isAlive(pid)) {
        if (pid !== process.pid) live.push(pid);
      } else rmSync(path.join(this.#leaseDir, entry), { force: true });
    }
    return live;
  }

  #initdb(): void {
    mkdirSync(this.home, { recursive: true });
    rmSync(this.dataDir, { recursive: true, force: true });
    handToServiceUser(this.home);
    const result = this.#run('initdb', ['-D', this.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale'], {
      allowFailure: true,
    });
    if (result.status !== 0) {
      throw new ConfigError(`initdb for embedded PostgreSQL ${this.major} failed in ${this.dataDir}: ${String(result.stderr).trim().split('\n')[0]}`);
    }
  }

  /** Serialises start/initdb between processes with an exclusive lock file. */
  #withStartLock(action: () => void): void {
    mkdirSync(this.home, { recursive: true });
    const lockFile = path.join(this.home, 'start.lock');
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        closeSync(openSync(lockFile, 'wx'));
        writeFileSync(lockFile, String(process.pid));
        break;
      } catch {
        const owner = Number(readFileSafe(lockFile));
        if (owner && !isAlive(owner)) rmSync(lockFile, { force: true });
        else if (Date.now() > deadline) throw new ConfigError(`timed out waiting for ${lockFile}; remove it if no strata process runs`);
        else sleepSync(50);
      }
    }
    try {
      action();
    } finally {
      rmSync(lockFile, { force: true });
    }
  }

  #pgCtl(args: string[], options: { allowFailure?: boolean } = {}) {
    return this.#run('pg_ctl', args, options);
  }

  #run(tool: string, args: string[], options: { allowFailure?: boolean }) {
    const spawnOptions: SpawnSyncOptions = { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, ...serviceUserIds() };
    const result = spawnSync(path.join(this.#bin, tool), args, spawnOptions);
    if (result.error) throw new ConfigError(`cannot run ${tool} of embedded PostgreSQL ${this.major}: ${result.error.message}`);
    if (result.status !== 0 && !options.allowFailure) {
      throw new ConfigError(`${tool} failed: ${String(result.stderr).trim().split('\n')[0]}`);
    }
    return result;
  }
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user. */
const SERVICE_USER = 'postgres';

export function serviceUserIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const ids = lookupUser(SERVICE_USER) ?? createServiceUser();
  return ids;
}

/**
 * True when the server's user can reach `dir`. As root, the server runs as `postgres`, which
 * cannot enter a checkout under a private folder such as /root (mode 0700).
 */
export function serverCanReach(dir: string): boolean {
  if (process.getuid?.() !== 0) return true;
  const { uid, gid } = serviceUserIds();
  const groups = new Set([gid, ...supplementaryGroups(SERVICE_USER)]);
  // Every folder on the way must let that user search it (x for owner, group or others), as
  // the kernel decides; read from the mode bits, so no process has to be started to ask.
  let folder = path.resolve(dir);
  for (;;) {
    let mode: number;
    let owner: number;
    let group: number;
    try {
      ({ mode, uid: owner, gid: group } = statSync(folder));
    } catch {
      return false;
    }
    const bit = owner === uid ? 0o100 : groups.has(group) ? 0o010 : 0o001;
    if ((mode & bit) === 0) return false;
    const parent = path.dirname(folder);
    if (parent === folder) return true;
    folder = parent;
  }
}

/** The groups /etc/group lists a user in, besides its primary one. */
function supplementaryGroups(name: string): number[] {
  return readFileSafe('/etc/group')
    .split('\n')
    .map((line) => line.split(':'))
    .filter((fields) => (fields[3] ?? '').split(',').includes(name))
    .map((fields) => Number(fields[2]));
}

/**
 * The binaries as the server's user can run them. As root, PostgreSQL runs as `postgres`, which
 * cannot enter a checkout under a private folder (mode 0700, e.g. /root/app): there the
 * binaries (bin, lib, share: ~60 MB a major) are copied once to /var/tmp/strata-pg/, keyed by
 * their installed path's hash, and shared by every later run.
 */
export function binariesForServiceUser(bin: string): string {
  if (serverCanReach(bin)) return bin;
  const native = path.dirname(bin);
  const key = createHash('sha256').update(realpathSync(native)).digest('hex').slice(0, 12);
  const home = '/var/tmp/strata-pg';
  const target = path.join(home, key);
  if (!existsSync(path.join(target, 'bin', 'pg_ctl'))) {
    mkdirSync(home, { recursive: true, mode: 0o755 });
    chmodSync(home, 0o755);
    const partial = `${target}.${process.pid}`;
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(partial, target); // atomic: a concurrent copy either wins or finds it done
    } catch {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  const copied = path.join(target, 'bin');
  if (!serverCanReach(copied)) throw new ConfigError(`the '${SERVICE_USER}' user cannot run the embedded PostgreSQL binaries, not even from ${copied}: make that folder readable by it`);
  return copied;
}

function handToServiceUser(dir: string): void {
  if (process.getuid?.() !== 0) return;
  const { uid, gid } = serviceUserIds();
  if (uid !== undefined && gid !== undefined) chownSync(dir, uid, gid);
}

function lookupUser(name: string): { uid: number; gid: number } | undefined {
  const line = readFileSafe('/etc/passwd')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function createServiceUser(): { uid: number; gid: number } {
  spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVICE_USER]);
  const ids = lookupUser(SERVICE_USER);
  if (!ids) throw new ConfigError(`running as root needs a '${SERVICE_USER}' system user to run PostgreSQL; create it with useradd`);
  return ids;
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}


function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { embeddedServer } from '../../db/target';
import { DEFAULT_PG_MAJOR } from '../../db/embedded-binaries';
import { UsageError } from '../../errors';
import { findRepoRoot, packageAt } from '../../workspace/packages';
import { withDatabase as urlWithDatabase } from '../../db/url';
import type { Command } from '../command';
import { pgMajorFlag } from '../scope';

const ACTIONS = ['start', 'stop', 'status', 'url', 'psql'] as const;

/** `strata db …`: the embedded PostgreSQL of this checkout (data in `.strata/pg<major>`). */
export const dbCommand: Command = {
  name: 'db',
  usage: ['strata db start|stop|status|url|psql [--pg <major>]'],
  flags: {},
  async run(args, io) {
    const [action, ...extra] = args.positionals;
    if (!action || !(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`strata db needs one of ${ACTIONS.join(', ')}${action ? ` (got '${action}')` : ''}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' for strata db ${action}`);
    const root = findRepoRoot(process.cwd()) ?? process.cwd();
    const server = embeddedServer(root, pgMajorFlag(args) ?? DEFAULT_PG_MAJOR);
    const pkg = packageAt(process.cwd());
    const url = pkg ? urlWithDatabase(server.url, pkg.databaseName) : server.url;
    switch (action) {
      case 'start':
        server.hold();
        io.out(`embedded PostgreSQL ${server.major} is running at ${server.url} and stays up until strata db stop`);
        return 0;
      case 'stop':
        server.unhold();
        io.out(`embedded PostgreSQL ${server.major} stopped`);
        return 0;
      case 'status': {
        const running = server.isRunning();
        io.out(`embedded PostgreSQL ${server.major}: ${running ? `running at ${server.url}${server.held ? ' (held by strata db start)' : ''}` : 'stopped'} — data in ${path.relative(process.cwd(), server.dataDir) || server.dataDir}`);
        return running ? 0 : 1;
      }
      case 'url':
        io.out(url);
        return 0;
      default: {
        if (!server.isRunning()) throw new UsageError('the embedded server is not running: strata db start first');
        const psql = ['/usr/bin/psql', '/usr/local/bin/psql'].find((candidate) => existsSync(candidate)) ?? 'psql';
        const result = spawnSync(psql, [url], { stdio: 'inherit' });
        return result.status ?? 1;
      }
    }
  },
};

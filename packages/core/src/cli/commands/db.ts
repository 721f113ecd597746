import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseTarget } from '../../db/target';
import { maskUrl } from '../../db/url';
import { SafetyError, UsageError } from '../../errors';
import { booleanFlag, FlagKind, type Command, type ParsedArgs } from '../command';
import { gotHint } from '../suggest';
import { embeddedServerFor, Place, resolveTargets, withServers } from '../targets';
import { USAGE } from './usage';

const ACTIONS = ['start', 'stop', 'status', 'url', 'psql'] as const;

/**
 * `strata db …`: start, stop and inspect the embedded PostgreSQL of this checkout (data in
 * `.strata/pg<major>`); `url` and `psql` name and open the database the other commands would
 * use here — a package's own database (honouring --url, <PACKAGE>_DATABASE_URL and
 * DATABASE_URL), at the root the server.
 */
export const dbCommand: Command = {
  name: 'db',
  usage: USAGE.db,
  flags: { force: FlagKind.boolean },
  async run(args, io) {
    const [action, ...extra] = args.positionals;
    if (!action || !(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`strata db needs one of ${ACTIONS.join(', ')}${action ? ` (got '${action}'${gotHint(action, ACTIONS)})` : ''}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' for strata db ${action}`);
    const server = embeddedServerFor(args, process.cwd());
    switch (action) {
      case 'start':
        server.hold();
        io.out(`embedded PostgreSQL ${server.major} is running at ${server.url} and stays up until strata db stop`);
        return 0;
      case 'stop': {
        const users = server.liveLeases();
        if (users.length > 0 && !booleanFlag(args, 'force')) {
          throw new SafetyError(`refused: strata process(es) ${users.join(', ')} are using embedded PostgreSQL ${server.major} (a migration may be running): wait for them, or pass --force to stop it anyway`);
        }
        server.unhold();
        io.out(`embedded PostgreSQL ${server.major} stopped`);
        return 0;
      }
      case 'status': {
        const running = server.isRunning();
        io.out(`embedded PostgreSQL ${server.major}: ${running ? `running at ${server.url}${server.held ? ' (held by strata db start)' : ''}` : 'stopped'} — data in ${path.relative(process.cwd(), server.dataDir) || server.dataDir}`);
        return running ? 0 : 1;
      }
      case 'url':
        // The URL itself is the answer: it is printed unmasked, on stdout only.
        io.out(databaseHere(args).url);
        return 0;
      default: {
        const database = databaseHere(args);
        const psql = ['/usr/bin/psql', '/usr/local/bin/psql'].find((candidate) => existsSync(candidate)) ?? 'psql';
        io.err(`psql ${maskUrl(database.url)}`);
        return withServers([database], async () => spawnSync(psql, [database.url], { stdio: 'inherit' }).status ?? 1);
      }
    }
  },
};

/** The database `db url`/`db psql` mean here: the one a command would act on, else the server. */
function databaseHere(args: ParsedArgs): DatabaseTarget {
  const atRoot = (): DatabaseTarget => {
    const server = embeddedServerFor(args, process.cwd());
    const serverUrl = args.flags.pg === undefined ? process.env.DATABASE_URL : undefined;
    if (serverUrl) return { url: serverUrl, database: new URL(serverUrl).pathname.slice(1), source: 'server-url', production: false, createIfMissing: false };
    return { url: server.url, database: 'postgres', source: 'embedded', production: false, embedded: server, createIfMissing: false };
  };
  try {
    const resolution = resolveTargets(args, process.cwd(), { urlAlone: true });
    if (resolution.place === Place.database) return resolution.database!;
    if (resolution.place === Place.package || resolution.place === Place.folder) return resolution.targets[0]!.database;
    return atRoot();
  } catch (error) {
    if (error instanceof UsageError && !args.flags.url && !args.flags.migrations) return atRoot();
    throw error;
  }
}

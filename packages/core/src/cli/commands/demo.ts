import { rowCounts } from '../../check/row-counts';
import { describeDatabase } from '../../db/target';
import { SafetyError, UsageError } from '../../errors';
import { policyOf } from '../../migrations/policy';
import { migrateOptions, runMigrations } from '../../migrations/runner';
import { SeedProfile } from '../../seeds/module';
import { runSeeds, seedOptions } from '../../seeds/runner';
import { secondsFlag } from '../args';
import type { Command } from '../command';
import { table } from '../output';
import { resolveTargets, withDatabase, withServers } from '../targets';
import { USAGE } from './usage';

/** `strata demo`: migrate every package to latest, seed its demo data, print what is there. */
export const demoCommand: Command = {
  name: 'demo',
  usage: USAGE.demo,
  flags: {},
  async run(args, io) {
    if (args.positionals.length > 0) throw new UsageError(`strata demo takes no arguments (got '${args.positionals[0]}')`);
    const { targets } = resolveTargets(args, process.cwd(), { rootMeansAll: true });
    const production = targets.find((t) => t.database.production);
    if (production) throw new SafetyError(`refused: strata demo writes demo data, which never goes to a production target (${describeDatabase(production.database)})`);
    const lockTimeoutMs = secondsFlag(args, 'lock-timeout', 60);
    const log = (line: string): void => io.err(`  ${line}`);
    return withServers(targets.map((t) => t.database), async () => {
      for (const { pkg, database } of targets) {
        io.err(`${pkg.label}: ${describeDatabase(database)}`);
        await withDatabase(database, async (knex) => {
          const where = { knex, url: database.url, migrationsDir: pkg.migrationsDir };
          await runMigrations({ action: 'latest' }, migrateOptions(where, { lockTimeoutMs, log, policy: policyOf(pkg.config, `${pkg.label}/package.json "strata"`) }));
          await runSeeds(seedOptions({ ...where, seedsDir: pkg.seedsDir }, { lockTimeoutMs, log }), SeedProfile.demo);
          const counts = [...(await rowCounts(knex))];
          const total = counts.reduce((sum, [, n]) => sum + n, 0);
          io.out(`${pkg.label} (${database.database}): ${counts.length} tables, ${total} rows`);
          for (const line of table(counts.map(([name, n]) => [name, String(n)]))) io.out(line);
        });
      }
      return 0;
    });
  },
};

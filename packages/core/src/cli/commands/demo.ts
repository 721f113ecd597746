import type { Knex } from 'knex';
import { describeTarget } from '../../db/target';
import { SafetyError } from '../../errors';
import { runMigrations } from '../../migrations/runner';
import { SeedProfile } from '../../seeds/module';
import { runSeeds } from '../../seeds/runner';
import { secondsFlag } from '../args';
import type { Command } from '../command';
import { table } from '../output';
import { resolveScopes, withDatabase, withServers } from '../scope';

/** Tables Strata keeps for itself, left out of the summary. */
const BOOKKEEPING = /^(knex_migrations|knex_migrations_lock|strata_.*)$/;

/** `strata demo`: migrate every package to latest, seed its demo data, print what is there. */
export const demoCommand: Command = {
  name: 'demo',
  usage: ['strata demo    (at the root: every package; inside a package: that one)'],
  flags: {},
  async run(args, io) {
    const atRoot = !process.cwd().includes('/packages/');
    const scopes = resolveScopes({ ...args, flags: { ...args.flags, all: args.flags.all ?? atRoot } }, process.cwd());
    if (scopes.some((scope) => scope.target.production)) throw new SafetyError('refused: strata demo writes demo data, which never goes to a production target');
    return withServers(scopes, async () => {
      for (const scope of scopes) {
        io.err(`${scope.label}: ${describeTarget(scope.target)}`);
        await withDatabase(scope, async (knex) => {
          const lockTimeoutMs = secondsFlag(args, 'lock-timeout', 60);
          const log = (line: string): void => io.err(`  ${line}`);
          await runMigrations({ action: 'latest' }, {
            knex, url: scope.target.url, migrationsDir: scope.migrationsDir, production: false, allowDataLoss: false,
            allowOutOfOrder: false, acceptChecksums: [], lockTimeoutMs, log
          });
          await runSeeds({ knex, url: scope.target.url, migrationsDir: scope.migrationsDir, seedsDir: scope.seedsDir, context: { production: false, env: process.env }, lockTimeoutMs, log }, SeedProfile.demo);
          const counts = await rowCounts(knex);
          const total = counts.reduce((sum, [, n]) => sum + n, 0);
          io.out(`${scope.label} (${scope.target.database}): ${counts.length} tables, ${total} rows`);
          for (const line of table(counts.map(([name, n]) => [name, String(n)]))) io.out(line);
        });
      }
      return 0;
    });
  },
};

/** Exact row counts of the package's own tables in `public`, by name. */
async function rowCounts(knex: Knex): Promise<Array<[string, number]>> {
  const tables = (await knex('pg_tables').where({ schemaname: 'public' }).orderBy('tablename').pluck('tablename')) as string[];
  const counts: Array<[string, number]> = [];
  for (const name of tables.filter((t) => !BOOKKEEPING.test(t))) {
    const row = (await knex(name).count({ n: '*' }))[0] as { n: string | number };
    counts.push([name, Number(row.n)]);
  }
  return counts;
}

/**
 * `strata migrate baseline [name]`: an existing database starts its migration history
 * (src/migrations/baseline.ts). Part of `strata migrate`; kept apart so the command's own file
 * stays about running migrations.
 */
import { describeDatabase } from '../../db/target';
import { parseUrl } from '../../db/url';
import { baselineMigrations } from '../../migrations/baseline';
import { scratchSetupOf } from '../../db/setup';
import { secondsFlag } from '../args';
import { booleanFlag, stringFlag, type Io, type ParsedArgs } from '../command';
import { withDatabase, withServers, type Target } from '../targets';

/** The usage line `strata migrate` shows for it. */

/**
 * Baselines each target's database; stops at the first refusal (the error names the database,
 * the first difference, and says nothing was recorded).
 */
export async function baseline(targets: readonly Target[], name: string | undefined, args: ParsedArgs, io: Io): Promise<number> {
  const scratchServerUrl = stringFlag(args, 'scratch-url');
  if (scratchServerUrl) parseUrl(scratchServerUrl, '--scratch-url');
  const dryRun = booleanFlag(args, 'dry-run');
  const lockTimeoutMs = secondsFlag(args, 'lock-timeout', 60);
  return withServers(targets.map((t) => t.database), async () => {
    for (const { pkg, database } of targets) {
      io.err(`${pkg.label}: ${describeDatabase(database)}`);
      const setup = scratchSetupOf(pkg);
      const result = await withDatabase(database, (knex) =>
        baselineMigrations({
          knex,
          url: database.url,
          migrationsDir: pkg.migrationsDir,
          ...(name ? { to: name } : {}),
          ...(scratchServerUrl ? { scratchServerUrl } : {}),
          ...(setup ? { setupFile: setup } : {}),
          dryRun,
          lockTimeoutMs,
          log: (line) => io.err(`  ${line}`),
        }),
      );
      const last = result.recorded[result.recorded.length - 1];
      io.out(
        result.dryRun
          ? `${pkg.label}: the database is the schema of ${result.recorded.length} migration(s) up to ${last}: baseline would record them (dry run, nothing written)`
          : `${pkg.label}: baseline recorded ${result.recorded.length} migration(s) up to ${last} as applied (batch ${result.batch}), with their checksums`,
      );
    }
    return 0;
  });
}

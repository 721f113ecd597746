import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeDatabase } from '../../db/target';
import { UsageError } from '../../errors';
import { listScripts } from '../../migrations/source';
import { SeedProfile } from '../../seeds/module';
import { runSeeds, seedOptions, seedStatus, undoSeeds } from '../../seeds/runner';
import { secondsFlag } from '../args';
import { booleanFlag, FlagKind, stringFlag, type Command, type Io, type ParsedArgs } from '../command';
import { gotHint } from '../suggest';
import { table, when } from '../output';
import { resolveTargets, scriptFolder, withDatabase, withServers, type Target } from '../targets';
import { USAGE } from './usage';

const ACTIONS = ['run', 'undo', 'status', 'make'] as const;

export const seedCommand: Command = {
  name: 'seed',
  usage: USAGE.seed,
  flags: { profile: FlagKind.string, 'dry-run': FlagKind.boolean, json: FlagKind.boolean, rerun: FlagKind.boolean },
  async run(args, io) {
    const [action, name, ...extra] = args.positionals;
    if (!action || !(ACTIONS as readonly string[]).includes(action)) {
      throw new UsageError(`strata seed needs one of ${ACTIONS.join(', ')}${action ? ` (got '${action}'${gotHint(action, ACTIONS)})` : ''}`);
    }
    if (extra.length > 0 || (name && action !== 'make')) throw new UsageError(`unexpected argument '${extra[0] ?? name}' for strata seed ${action}`);
    if (action === 'make') return make(args, name, io);
    const { targets } = resolveTargets(args, process.cwd());
    const profile = profileFlag(args, targets);
    const lockTimeoutMs = secondsFlag(args, 'lock-timeout', 60);
    return withServers(targets.map((t) => t.database), async () => {
      for (const target of targets) {
        const { pkg, database } = target;
        await withDatabase(database, async (knex) => {
          if (action === 'status') return status(target, knex, args, io);
          io.err(`${pkg.label}: ${describeDatabase(database)}`);
          const dryRun = booleanFlag(args, 'dry-run');
          const options = seedOptions(
            { knex, url: database.url, migrationsDir: pkg.migrationsDir, seedsDir: pkg.seedsDir },
            { context: { production: database.production, env: process.env }, lockTimeoutMs, rerun: booleanFlag(args, 'rerun'), dryRun, log: (line) => io.err(`  ${line}`) },
          );
          const records = action === 'run' ? await runSeeds(options, profile) : await undoSeeds(options, args.flags.profile === SeedProfile.demo ? SeedProfile.demo : undefined);
          if (dryRun) {
            io.out(`-- dry run of strata seed ${action} on ${pkg.label}: nothing is changed`);
            io.out('-- ⚠ seeds are code that reads data: the statements shown depend on the rows of this database');
            if (records.length === 0) io.out(`-- nothing to do${action === 'run' ? ' (applied seeds are skipped unless --rerun)' : ''}`);
            for (const record of records) {
              io.out(`-- ${record.name} (${action === 'run' ? 'seed' : 'undo'})`);
              for (const statement of [...record.statements.map((s) => s.sql), ...record.history.map((h) => h.sql)]) io.out(`${statement.trim().replace(/;\s*$/, '')};`);
            }
          } else if (action === 'run') {
            io.out(`${pkg.label}: ${records.length === 0 ? `seeds (${profile}) already applied` : `applied ${records.length} seed(s) (${profile})`}`);
          } else {
            io.out(`${pkg.label}: undid ${records.length} seed(s)`);
          }
        });
      }
      return 0;
    });
  },
};

/** Default profile: demo where demo data is allowed, reference on production targets. */
function profileFlag(args: ParsedArgs, targets: readonly Target[]): SeedProfile {
  const raw = stringFlag(args, 'profile');
  if (raw === undefined) return targets.some((t) => t.database.production) ? SeedProfile.reference : SeedProfile.demo;
  if (raw !== SeedProfile.reference && raw !== SeedProfile.demo) throw new UsageError(`--profile must be reference or demo (got '${raw}')`);
  return raw;
}

async function status({ pkg, database }: Target, knex: Parameters<typeof seedStatus>[0], args: ParsedArgs, io: Io): Promise<void> {
  const seeds = await seedStatus(knex, pkg.seedsDir);
  if (booleanFlag(args, 'json')) {
    io.out(JSON.stringify({ package: pkg.label, seeds: seeds.map((s) => ({ ...s, appliedAt: s.appliedAt?.toISOString() ?? null })) }));
    return;
  }
  io.out(`${pkg.label}  ${describeDatabase(database)}`);
  for (const line of table(seeds.map((s) => [s.state, s.name, s.profile ?? '', when(s.appliedAt)]))) io.out(line);
}

const SEED_TEMPLATE = `import type { Knex } from 'knex';
import { refuseOnProduction, type SeedContext } from '@strata/core';

/** reference: safe everywhere; demo: refused on production targets. */
export const profile = 'demo';

/** Idempotent: rows are found by their natural key (ensureRow, upsertRow), so running it again adds nothing. */
export async function seed(_knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'this demo data');
  // await ensureRow(_knex, 'customers', { number: 'C-1' }, { id: stableId('customers', 'C-1'), number: 'C-1' });
}

/** Removes exactly what seed() wrote (deleteSeeded of the package's seedIds). */
export async function undo(_knex: Knex): Promise<void> {}
`;

function make(args: ParsedArgs, name: string | undefined, io: Io): number {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new UsageError('strata seed make needs a snake_case name, e.g. demo_orders');
  const dir = scriptFolder(args, process.cwd(), 'seeds');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${nextSeedNumber(dir)}_${name}.ts`);
  writeFileSync(file, SEED_TEMPLATE, { flag: 'wx' });
  io.out(path.relative(process.cwd(), file));
  return 0;
}

/**
 * Seeds are numbered `001_…`, `002_…` (what packages use and `strata new` writes): they run in
 * that order, and a number says more than a timestamp about which seed builds on which.
 */
export function nextSeedNumber(dir: string): string {
  const numbers = listScripts(dir).map((script) => Number(/^(\d+)_/.exec(script.name)?.[1] ?? 0));
  return String(Math.max(0, ...numbers) + 1).padStart(3, '0');
}

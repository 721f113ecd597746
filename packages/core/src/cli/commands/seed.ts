import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeTarget } from '../../db/target';
import { UsageError } from '../../errors';
import { captureStatements } from '../../migrations/capture';
import { listScripts } from '../../migrations/source';
import { SeedProfile } from '../../seeds/module';
import { runSeeds, seedStatus, undoSeeds, type SeedProps } from '../../seeds/runner';
import { secondsFlag } from '../args';
import { booleanFlag, FlagKind, stringFlag, type Command, type Io, type ParsedArgs } from '../command';
import { table, when } from '../output';
import { resolveScopes, scriptFolder, withDatabase, withServers, type Scope } from '../scope';
import type { Knex } from 'knex';

const ACTIONS = ['run', 'undo', 'status', 'make'] as const;

export const seedCommand: Command = {
  name: 'seed',
  usage: ['strata seed run [--profile reference|demo] [--rerun] [--dry-run]', 'strata seed undo [--profile demo] [--dry-run]', 'strata seed status [--json]', 'strata seed make <name>'],
  flags: { profile: FlagKind.string, 'dry-run': FlagKind.boolean, json: FlagKind.boolean, rerun: FlagKind.boolean },
  async run(args, io) {
    const [action, name, ...extra] = args.positionals;
    if (!action || !(ACTIONS as readonly string[]).includes(action)) {
      throw new UsageError(`strata seed needs one of ${ACTIONS.join(', ')}${action ? ` (got '${action}')` : ''}`);
    }
    if (extra.length > 0 || (name && action !== 'make')) throw new UsageError(`unexpected argument '${extra[0] ?? name}' for strata seed ${action}`);
    if (action === 'make') return make(args, name, io);
    const scopes = resolveScopes(args, process.cwd());
    const profile = profileFlag(args, scopes);
    return withServers(scopes, async () => {
      for (const scope of scopes) {
        await withDatabase(scope, async (knex) => {
          if (action === 'status') return status(scope, knex, args, io);
          io.err(`${scope.label}: ${describeTarget(scope.target)}`);
          const props = seedProps(scope, knex, args, io);
          if (booleanFlag(args, 'dry-run')) return preview(scope, knex, props, action, profile, io);
          if (action === 'run') {
            const ran = await runSeeds(props, profile, { rerun: booleanFlag(args, 'rerun') });
            io.out(`${scope.label}: ${ran.length === 0 ? `seeds (${profile}) already applied` : `applied ${ran.length} seed(s) (${profile})`}`);
          } else {
            const undone = await undoSeeds(props, args.flags.profile === SeedProfile.demo ? SeedProfile.demo : undefined);
            io.out(`${scope.label}: undid ${undone.length} seed(s)`);
          }
        });
      }
      return 0;
    });
  },
};

/** Default profile: demo where demo data is allowed, reference on production targets. */
function profileFlag(args: ParsedArgs, scopes: readonly Scope[]): SeedProfile {
  const raw = stringFlag(args, 'profile');
  if (raw === undefined) return scopes.some((s) => s.target.production) ? SeedProfile.reference : SeedProfile.demo;
  if (raw !== SeedProfile.reference && raw !== SeedProfile.demo) throw new UsageError(`--profile must be reference or demo (got '${raw}')`);
  return raw;
}

function seedProps(scope: Scope, knex: Knex, args: ParsedArgs, io: Io): SeedProps {
  return {
    knex,
    url: scope.target.url,
    migrationsDir: scope.migrationsDir,
    seedsDir: scope.seedsDir,
    context: { production: scope.target.production, env: process.env },
    lockTimeoutMs: secondsFlag(args, 'lock-timeout', 60),
    log: (line) => io.err(`  ${line}`),
  };
}

class PreviewRollback extends Error {}

/** Runs the seeds inside a transaction that is rolled back, printing what they sent. */
async function preview(scope: Scope, knex: Knex, props: SeedProps, action: string, profile: SeedProfile, io: Io): Promise<void> {
  io.out(`-- dry run of strata seed ${action} on ${scope.label}: nothing is changed`);
  io.out('-- ⚠ seeds are code that reads data: the statements shown depend on the rows of this database');
  const { statements } = await captureStatements(knex, async () => {
    await knex
      .transaction(async (trx) => {
        const inner = { ...props, knex: trx as unknown as Knex, log: () => undefined };
        if (action === 'run') await runSeeds(inner, profile, { rerun: false });
        else await undoSeeds(inner);
        throw new PreviewRollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof PreviewRollback)) throw error;
      });
  });
  for (const statement of statements) io.out(`${statement.sql.trim().replace(/;\s*$/, '')};`);
}

async function status(scope: Scope, knex: Knex, args: ParsedArgs, io: Io): Promise<void> {
  const seeds = await seedStatus(knex, scope.seedsDir);
  if (booleanFlag(args, 'json')) {
    io.out(JSON.stringify({ package: scope.label, seeds: seeds.map((s) => ({ ...s, appliedAt: s.appliedAt?.toISOString() ?? null })) }));
    return;
  }
  io.out(`${scope.label}  ${describeTarget(scope.target)}`);
  for (const line of table(seeds.map((s) => [s.state, s.name, s.profile, when(s.appliedAt)]))) io.out(line);
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

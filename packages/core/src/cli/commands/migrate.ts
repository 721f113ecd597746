import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeDatabase } from '../../db/target';
import { listScripts } from '../../migrations/source';
import { UsageError } from '../../errors';
import type { MigrateRequest } from '../../migrations/plan';
import { policyOf } from '../../migrations/policy';
import { computeStatus, MigrationState, readStatus, type MigrationStatus } from '../../migrations/status';
import { secondsFlag } from '../args';
import { booleanFlag, FlagKind, listFlag, type Command, type Io, type ParsedArgs } from '../command';
import { gotHint } from '../suggest';
import { summarise, table, when } from '../output';
import { resolveTargets, scriptFolder, withClient, withDatabase, withServers, type Target } from '../targets';
import { USAGE } from './usage';

/* eslint-disable @typescript-eslint/no-require-imports */
// Loaded by the actions that need them, so `migrate status` starts without Knex.
const runner = (): typeof import('../../migrations/runner') => require('../../migrations/runner');
const preview = (): typeof import('../../migrations/preview') => require('../../migrations/preview');
const adoption = (): typeof import('./baseline') => require('./baseline');
/* eslint-enable @typescript-eslint/no-require-imports */

const ACTIONS = ['latest', 'up', 'down', 'rollback', 'to', 'status', 'list', 'make', 'baseline'] as const;

export const migrateCommand: Command = {
  name: 'migrate',
  usage: USAGE.migrate,
  flags: {
    'dry-run': FlagKind.boolean,
    json: FlagKind.boolean,
    'every-batch': FlagKind.boolean,
    'allow-out-of-order': FlagKind.boolean,
    'accept-checksum': FlagKind.list,
    'allow-data-loss': FlagKind.boolean,
    'scratch-url': FlagKind.string,
  },
  async run(args, io) {
    const [action, name, ...extra] = args.positionals;
    if (!action || !(ACTIONS as readonly string[]).includes(action)) {
      throw new UsageError(`strata migrate needs one of ${ACTIONS.join(', ')}${action ? ` (got '${action}'${gotHint(action, ACTIONS)})` : ''}`);
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' for strata migrate ${action}`);
    if (action === 'make') return make(args, name, io);
    const resolution = resolveTargets(args, process.cwd(), { allMeansEveryBatch: action === 'rollback' });
    if (action === 'status' || action === 'list') return status(resolution.targets, action, args, io);
    if (action === 'baseline') return adoption().baseline(resolution.targets, name, args, io);
    return migrate(resolution.targets, toRequest(action, name, args, resolution.everyBatch), args, io);
  },
};

function toRequest(action: string, name: string | undefined, args: ParsedArgs, everyBatch: boolean): MigrateRequest {
  switch (action) {
    case 'latest':
      if (name) throw new UsageError(`strata migrate latest takes no name (did you mean: strata migrate to ${name}?)`);
      return { action: 'latest' };
    case 'up':
      return name ? { action: 'up', name } : { action: 'up' };
    case 'down':
      return name ? { action: 'down', name } : { action: 'down' };
    case 'rollback':
      // Inside a package or folder `--all` keeps Knex's meaning (every batch); at the root it picks packages.
      if (name) throw new UsageError(`strata migrate rollback takes no name (did you mean: strata migrate down ${name}?)`);
      return { action: 'rollback', all: everyBatch || booleanFlag(args, 'every-batch') };
    default:
      if (!name) throw new UsageError('strata migrate to needs the name of a migration');
      return { action: 'to', name };
  }
}

async function migrate(targets: readonly Target[], request: MigrateRequest, args: ParsedArgs, io: Io): Promise<number> {
  const dryRun = booleanFlag(args, 'dry-run');
  const lockTimeoutMs = secondsFlag(args, 'lock-timeout', 60);
  return withServers(targets.map((t) => t.database), async () => {
    for (const { pkg, database } of targets) {
      io.err(`${pkg.label}: ${describeDatabase(database)}`);
      await withDatabase(database, async (knex) => {
        const { migrateOptions, runMigrations } = runner();
        const result = await runMigrations(
          request,
          migrateOptions(
            { knex, url: database.url, migrationsDir: pkg.migrationsDir },
            {
              production: database.production,
              allowDataLoss: booleanFlag(args, 'allow-data-loss'),
              allowOutOfOrder: booleanFlag(args, 'allow-out-of-order'),
              acceptChecksums: listFlag(args, 'accept-checksum'),
              lockTimeoutMs,
              dryRun,
              policy: policyOf(pkg.config, `${pkg.label}/package.json "strata"`),
              log: (line) => io.err(`  ${line}`),
            },
          ),
        );
        if (dryRun) {
          io.out(`-- dry run of strata migrate ${request.action} on ${pkg.label}: nothing is changed`);
          if (result.steps.length === 0) io.out('-- nothing to do');
          for (const line of preview().renderPreview(result)) io.out(line);
          return;
        }
        const ups = result.steps.filter((s) => s.direction === 'up').length;
        const downs = result.steps.length - ups;
        if (result.steps.length === 0) io.out(`${pkg.label}: ${request.action === 'down' || request.action === 'rollback' ? 'nothing to roll back' : 'already up to date'}`);
        else if (downs === 0) io.out(`${pkg.label}: batch ${result.batch} applied ${ups} migration(s)`);
        else io.out(`${pkg.label}: rolled back ${downs} migration(s)${ups ? `, applied ${ups}` : ''}`);
      });
    }
    return 0;
  });
}

async function status(targets: readonly Target[], action: 'status' | 'list', args: ParsedArgs, io: Io): Promise<number> {
  const reports: Array<{ target: Target; statuses: MigrationStatus[] }> = [];
  await withServers(targets.map((t) => t.database), async () => {
    for (const target of targets) {
      // Status only reads: a database that does not exist yet is reported, not created.
      const missing = (): MigrationStatus[] => {
        io.err(`${target.pkg.label}: database ${target.database.database} does not exist yet: ${target.database.createIfMissing ? 'strata migrate latest creates it' : 'create it first (strata does not create it here)'}`);
        return computeStatus(listScripts(target.pkg.migrationsDir), []);
      };
      reports.push({ target, statuses: await withClient(target.database, (client) => readStatus(client, target.pkg.migrationsDir), missing) });
    }
  });
  const problems = reports.flatMap(({ target, statuses }) => statuses.filter(isProblem).map((s) => ({ target, status: s })));
  if (booleanFlag(args, 'json')) {
    io.out(JSON.stringify({ packages: reports.map(({ target, statuses }) => statusJson(target, statuses)) }, null, 2));
  } else {
    for (const { target, statuses } of reports) {
      io.out(`${target.pkg.label}  ${describeDatabase(target.database)}`);
      const shown = action === 'list' ? statuses : statuses.filter((s) => s.state !== MigrationState.applied);
      for (const line of table(shown.map((s) => [s.state, s.name, s.batch ? `batch ${s.batch}` : '', when(s.appliedAt)]))) io.out(line);
      const counts = summarise(statuses);
      io.out(`  ${Object.entries(counts).filter(([, n]) => n > 0).map(([state, n]) => `${n} ${state}`).join(', ') || 'no migrations'}`);
    }
    for (const { target, status: s } of problems) io.err(`${target.pkg.label}: ${problemMessage(s)}`);
  }
  return problems.length > 0 ? 1 : 0;
}

function isProblem(status: MigrationStatus): boolean {
  return status.state === MigrationState.edited || status.state === MigrationState.missing || status.state === MigrationState.outOfOrder;
}

function problemMessage(status: MigrationStatus): string {
  switch (status.state) {
    case MigrationState.edited:
      return `${status.name} was edited after it was applied: revert it, or accept with strata migrate latest --accept-checksum ${status.name}`;
    case MigrationState.missing:
      return `${status.name} is applied but its file is missing: restore it`;
    default:
      return `${status.name} is pending but sorts before an applied migration: rename it, or pass --allow-out-of-order`;
  }
}

function statusJson({ pkg, database }: Target, statuses: readonly MigrationStatus[]) {
  return {
    package: pkg.label,
    database: database.database,
    source: database.source,
    migrations: statuses.map((s) => ({
      name: s.name,
      state: s.state,
      batch: s.batch ?? null,
      appliedAt: s.appliedAt?.toISOString() ?? null,
      checksum: s.checksum ?? null,
      recordedChecksum: s.recordedChecksum ?? null,
    })),
    summary: summarise(statuses),
  };
}

const MIGRATION_TEMPLATE = `import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // await knex.schema.createTable('examples', (t) => { … });
}

export async function down(knex: Knex): Promise<void> {
  // Undo exactly what up() did: strata check compares the schema before and after.
}
`;

function make(args: ParsedArgs, name: string | undefined, io: Io): number {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new UsageError('strata migrate make needs a snake_case name, e.g. add_orders_note');
  const dir = scriptFolder(args, process.cwd(), 'migrations');
  mkdirSync(dir, { recursive: true });
  // Two makes in one second would collide: the later one takes the next free second.
  for (let at = Date.now(); ; at += 1000) {
    const file = path.join(dir, `${timestamp(new Date(at))}_${name}.ts`);
    try {
      writeFileSync(file, MIGRATION_TEMPLATE, { flag: 'wx' });
      io.out(path.relative(process.cwd(), file));
      return 0;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Knex's migration name prefix: UTC YYYYMMDDHHMMSS. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

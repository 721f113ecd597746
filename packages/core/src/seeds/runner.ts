import type { Knex } from 'knex';
import { MigrationError, SafetyError } from '../errors';
import { captureStatements } from '../migrations/capture';
import { withRunnerLock } from '../migrations/lock';
import type { HistoryWrite, StepRecord } from '../migrations/records';
import { readStatus } from '../migrations/runner';
import { isPending } from '../migrations/status';
import { checksumOf, listScripts, type ScriptFile } from '../migrations/source';
import { ensureSeedTable, forgetSeed, readSeedHistory, recordSeed, writesSoFar } from './history';
import { loadSeed, SeedProfile, type SeedContext, type SeedModule } from './module';

/** Everything a seed run needs to know; build it with {@link seedOptions}. */
export interface SeedOptions {
  readonly knex: Knex;
  /** URL of the same database, for the lock connection. */
  readonly url: string;
  readonly migrationsDir: string;
  readonly seedsDir: string;
  readonly context: SeedContext;
  readonly lockTimeoutMs: number;
  /** Run the seeds again even when applied and unchanged (they are idempotent). */
  readonly rerun: boolean;
  /** Run in a transaction that is always rolled back, and report what was sent. */
  readonly dryRun: boolean;
  readonly log: (line: string) => void;
  /** Called with each seed's record as soon as it is done. */
  readonly onStep?: (record: StepRecord) => void;
}

/** The defaults of a seed run. */
export const SEED_DEFAULTS = { lockTimeoutMs: 60_000, rerun: false, dryRun: false, log: (): void => undefined } as const;

/**
 * Builds the options of a seed run; `context` defaults to "not production" with this process's
 * environment.
 * @example runSeeds(seedOptions({ knex, url, migrationsDir, seedsDir }), SeedProfile.demo)
 */
export function seedOptions(
  where: Pick<SeedOptions, 'knex' | 'url' | 'migrationsDir' | 'seedsDir'>,
  choices: Partial<Omit<SeedOptions, 'knex' | 'url' | 'migrationsDir' | 'seedsDir'>> = {},
): SeedOptions {
  return { ...SEED_DEFAULTS, context: { production: false, env: process.env }, ...where, ...choices };
}

/** One seed as `strata seed status` shows it. */
export interface SeedStatus {
  readonly name: string;
  /** Unknown only for a missing file. */
  readonly profile: SeedProfile | undefined;
  /** missing: applied, but its file is gone. */
  readonly state: 'applied' | 'pending' | 'edited' | 'missing';
  readonly appliedAt?: Date;
}

/** The profiles a run includes: demo data builds on reference data. */
export function profilesFor(profile: SeedProfile): SeedProfile[] {
  return profile === SeedProfile.demo ? [SeedProfile.reference, SeedProfile.demo] : [SeedProfile.reference];
}

class DryRunRollback extends Error {}

/**
 * Applies the seeds of a profile in file-name order, recording name, checksum and profile.
 * The whole run is one transaction. Applied, unchanged seeds are skipped unless `rerun`
 * (seeds are idempotent, so a rerun adds nothing). Refused before anything is written when
 * the target is production and demo data is asked for, or when migrations are pending.
 */
export async function runSeeds(options: SeedOptions, profile: SeedProfile): Promise<StepRecord[]> {
  if (options.context.production && profile === SeedProfile.demo) {
    throw new SafetyError('refused: demo seeds never run on a production target (STRATA_ENV/NODE_ENV=production); use --profile reference');
  }
  return withRunnerLock(options.url, options.lockTimeoutMs, async () => {
    const pending = (await readStatus(options.knex, options.migrationsDir)).filter(isPending);
    if (pending.length > 0) {
      throw new SafetyError(`refused: ${pending.length} migration(s) pending (first: ${pending[0]!.name}): run strata migrate latest before seeding`);
    }
    const wanted = profilesFor(profile);
    const seeds = listScripts(options.seedsDir).map((script) => ({ script, module: loadSeed(script) })).filter((s) => wanted.includes(s.module.profile));
    if (!options.dryRun) await ensureSeedTable(options.knex);
    const applied = new Map((await readSeedHistory(options.knex)).map((seed) => [seed.name, seed]));
    return inSeedTransaction(options, async (trx) => {
      if (options.dryRun) await ensureSeedTable(trx);
      const records: StepRecord[] = [];
      for (const { script, module } of seeds) {
        const checksum = checksumOf(script.file);
        const previous = applied.get(script.name);
        if (previous && previous.checksum === checksum && !options.rerun) continue;
        const before = await writesSoFar(trx);
        const done = await seedStep(script, 'up', options, trx, () => module.seed(trx, options.context), async (db) => {
          const after = await writesSoFar(db);
          const wrote = [...after].filter(([table, n]) => n > (before.get(table) ?? 0)).map(([table]) => table);
          // A rerun that finds its rows in place writes nothing: keep the tables of the first run.
          return recordSeed(db, script.name, checksum, module.profile, [...new Set([...(previous?.tables ?? []), ...wrote])].sort());
        });
        records.push(done);
        options.onStep?.(done);
        options.log(`seeded ${script.name} (${module.profile}${previous && previous.checksum !== checksum ? ', file changed since last run' : ''})`);
      }
      return records;
    });
  });
}

/** Undoes applied seeds in reverse order (only those of `only`, when given). */
export async function undoSeeds(options: SeedOptions, only?: SeedProfile): Promise<StepRecord[]> {
  return withRunnerLock(options.url, options.lockTimeoutMs, async () => {
    const applied = new Set((await readSeedHistory(options.knex)).map((seed) => seed.name));
    const seeds = listScripts(options.seedsDir)
      .filter((script) => applied.has(script.name))
      .map((script) => ({ script, module: loadSeed(script) }))
      .filter((s) => only === undefined || s.module.profile === only)
      .reverse();
    for (const { script, module } of seeds) {
      if (!module.undo) throw new SafetyError(`${script.name} has no undo(): its rows cannot be removed safely; add an undo(knex, context)`);
    }
    return inSeedTransaction(options, async (trx) => {
      const records: StepRecord[] = [];
      for (const { script, module } of seeds) {
        const undo = (module as Required<SeedModule>).undo;
        const done = await seedStep(script, 'down', options, trx, () => undo.call(module, trx, options.context), (db) => forgetSeed(db, script.name));
        records.push(done);
        options.onStep?.(done);
        options.log(`undid ${script.name}`);
      }
      return records;
    });
  });
}

/** A whole seed run is one transaction — rolled back at the end of a dry run. */
async function inSeedTransaction(options: SeedOptions, work: (trx: Knex.Transaction) => Promise<StepRecord[]>): Promise<StepRecord[]> {
  let records: StepRecord[] = [];
  await options.knex
    .transaction(async (trx) => {
      records = await work(trx);
      if (options.dryRun) throw new DryRunRollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof DryRunRollback)) throw error;
    });
  return records;
}

/** Runs one seed's function and its bookkeeping, recording both; a failure names the seed. */
async function seedStep(
  script: ScriptFile,
  direction: 'up' | 'down',
  options: SeedOptions,
  trx: Knex.Transaction,
  action: () => unknown,
  bookkeeping: (db: Knex) => Promise<HistoryWrite>,
): Promise<StepRecord> {
  const started = Date.now();
  try {
    const { statements } = await captureStatements(options.knex, async () => action());
    const history = [await bookkeeping(trx as unknown as Knex)];
    const caveats = options.dryRun && statements.some((s) => s.reads) ? ['reads data: the statements after a read depend on the rows of this database'] : [];
    return { kind: 'seed', name: script.name, file: script.file, direction, transactional: true, statements, history, ms: Date.now() - started, caveats };
  } catch (error) {
    if (error instanceof SafetyError) throw error;
    throw new MigrationError(script.name, direction, script.file, error, 'the whole seed run was rolled back, nothing was written');
  }
}

/** Where each seed stands on this database; applied seeds whose file is gone are `missing`. */
export async function seedStatus(knex: Knex, seedsDir: string): Promise<SeedStatus[]> {
  const history = await readSeedHistory(knex);
  const applied = new Map(history.map((seed) => [seed.name, seed]));
  const scripts = listScripts(seedsDir);
  const onDisk = new Set(scripts.map((script) => script.name));
  const present = scripts.map((script): SeedStatus => {
    const module = loadSeed(script);
    const previous = applied.get(script.name);
    const state = !previous ? 'pending' : previous.checksum === checksumOf(script.file) ? 'applied' : 'edited';
    return { name: script.name, profile: module.profile, state, ...(previous ? { appliedAt: previous.appliedAt } : {}) };
  });
  const missing = history
    .filter((seed) => !onDisk.has(seed.name))
    .map((seed): SeedStatus => ({ name: seed.name, profile: seed.profile as SeedProfile, state: 'missing', appliedAt: seed.appliedAt }));
  return [...present, ...missing].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

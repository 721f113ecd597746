import type { Knex } from 'knex';
import { MigrationError, SafetyError } from '../errors';
import { withRunnerLock } from '../migrations/lock';
import { readStatus } from '../migrations/runner';
import { isPending } from '../migrations/status';
import { checksumOf, listScripts, type ScriptFile } from '../migrations/source';
import { ensureSeedTable, forgetSeed, readSeedHistory, recordSeed } from './history';
import { loadSeed, SeedProfile, type SeedContext } from './module';

export interface SeedProps {
  readonly knex: Knex;
  readonly url: string;
  readonly migrationsDir: string;
  readonly seedsDir: string;
  readonly context: SeedContext;
  readonly lockTimeoutMs: number;
  readonly log: (line: string) => void;
}

/** One seed as `strata seed status` shows it. */
export interface SeedStatus {
  readonly name: string;
  readonly profile: SeedProfile;
  readonly state: 'applied' | 'pending' | 'edited';
  readonly appliedAt?: Date;
}

/** The profiles a run includes: demo data builds on reference data. */
export function profilesFor(profile: SeedProfile): SeedProfile[] {
  return profile === SeedProfile.demo ? [SeedProfile.reference, SeedProfile.demo] : [SeedProfile.reference];
}

/**
 * Applies the seeds of a profile in file-name order, recording
 * name, checksum and profile. The whole run is one transaction. Applied, unchanged seeds are skipped unless `rerun` (seeds are
 * idempotent, so a rerun adds nothing). Refused before anything is written when the target is
 * production and demo data is asked for, or when migrations are pending.
 */
export async function runSeeds(props: SeedProps, profile: SeedProfile, options: { rerun?: boolean } = {}): Promise<string[]> {
  if (props.context.production && profile === SeedProfile.demo) {
    throw new SafetyError('refused: demo seeds never run on a production target (STRATA_ENV/NODE_ENV=production); use --profile reference');
  }
  return withRunnerLock(props.url, props.lockTimeoutMs, async () => {
    const pending = (await readStatus(props.knex, props.migrationsDir)).filter(isPending);
    if (pending.length > 0) {
      throw new SafetyError(`refused: ${pending.length} migration(s) pending (first: ${pending[0]!.name}): run strata migrate latest before seeding`);
    }
    const wanted = profilesFor(profile);
    const seeds = listScripts(props.seedsDir).map((script) => ({ script, module: loadSeed(script) })).filter((s) => wanted.includes(s.module.profile));
    await ensureSeedTable(props.knex);
    const applied = new Map((await readSeedHistory(props.knex)).map((seed) => [seed.name, seed]));
    const ran: string[] = [];
    await props.knex.transaction(async (trx) => {
      for (const { script, module } of seeds) {
        const checksum = checksumOf(script.file);
        const previous = applied.get(script.name);
        if (previous && previous.checksum === checksum && !options.rerun) continue;
        await guarded(script, 'up', async () => {
          await module.seed(trx, props.context);
          await recordSeed(trx, script.name, checksum, module.profile);
        });
        ran.push(`${script.name} (${module.profile}${previous && previous.checksum !== checksum ? ', file changed since last run' : ''})`);
      }
    });
    for (const line of ran) props.log(`seeded ${line}`);
    return ran;
  });
}

/** Undoes applied seeds in reverse order (only demo ones with profile demo-only). */
export async function undoSeeds(props: SeedProps, only?: SeedProfile): Promise<string[]> {
  return withRunnerLock(props.url, props.lockTimeoutMs, async () => {
    const applied = new Set((await readSeedHistory(props.knex)).map((seed) => seed.name));
    const seeds = listScripts(props.seedsDir)
      .filter((script) => applied.has(script.name))
      .map((script) => ({ script, module: loadSeed(script) }))
      .filter((s) => only === undefined || s.module.profile === only)
      .reverse();
    const undone: string[] = [];
    await props.knex.transaction(async (trx) => {
      for (const { script, module } of seeds) {
        if (!module.undo) throw new SafetyError(`${script.name} has no undo(): its rows cannot be removed safely; add an undo(knex, context)`);
        await guarded(script, 'down', async () => {
          await module.undo!(trx, props.context);
          await forgetSeed(trx, script.name);
        });
        undone.push(script.name);
      }
    });
    for (const name of undone) props.log(`undid ${name}`);
    return undone;
  });
}

/** Where each seed stands on this database. */
export async function seedStatus(knex: Knex, seedsDir: string): Promise<SeedStatus[]> {
  const applied = new Map((await readSeedHistory(knex)).map((seed) => [seed.name, seed]));
  return listScripts(seedsDir).map((script) => {
    const module = loadSeed(script);
    const previous = applied.get(script.name);
    const state = !previous ? 'pending' : previous.checksum === checksumOf(script.file) ? 'applied' : 'edited';
    return { name: script.name, profile: module.profile, state, ...(previous ? { appliedAt: previous.appliedAt } : {}) };
  });
}

/** A whole seed run is one transaction: a failing seed leaves nothing of the run behind. */
async function guarded(script: ScriptFile, direction: 'up' | 'down', action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof SafetyError) throw error;
    throw new MigrationError(script.name, direction, script.file, error, 'the whole seed run was rolled back, nothing was written');
  }
}

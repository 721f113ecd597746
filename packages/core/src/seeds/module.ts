import type { Knex } from 'knex';
import { HistoryError } from '../errors';
import { loadModule } from '../loader/typescript';
import type { ScriptFile } from '../migrations/source';

/** Seed profiles: which data a seed writes, and so where it may run. */
export const SeedProfile = {
  /** Data the product needs everywhere (plans, system users): safe in production. */
  reference: 'reference',
  /** Sample data for developers: refused on production targets. */
  demo: 'demo',
} as const;
export type SeedProfile = (typeof SeedProfile)[keyof typeof SeedProfile];

/** What a seed is told about where it runs. */
export interface SeedContext {
  /** STRATA_ENV/NODE_ENV is production: no default passwords, no demo data. */
  readonly production: boolean;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * What a seed file exports. A seed is idempotent (running it again adds nothing) and its
 * undo() removes exactly what seed() wrote. A file without `profile` counts as demo, so an
 * unclassified Knex seed never runs in production.
 */
export interface SeedModule {
  readonly profile?: SeedProfile;
  seed(knex: Knex, context: SeedContext): Promise<unknown> | unknown;
  undo?(knex: Knex, context: SeedContext): Promise<unknown> | unknown;
}

export function loadSeed(script: ScriptFile): SeedModule & { profile: SeedProfile } {
  const module = loadModule<Partial<SeedModule>>(script.file);
  if (typeof module.seed !== 'function') throw new HistoryError(`${script.file} exports no seed() function: a seed exports async seed(knex, context) and undo(knex, context)`);
  const profile = module.profile ?? SeedProfile.demo;
  if (!Object.values(SeedProfile).includes(profile)) {
    throw new HistoryError(`${script.file} exports profile '${String(profile)}': use 'reference' or 'demo'`);
  }
  return { ...(module as SeedModule), profile };
}

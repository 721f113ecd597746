import type { Knex } from 'knex';

/** Seeds applied to a database: name, checksum, profile and when. */
export const SEEDS_TABLE = 'strata_seeds';

export interface AppliedSeed {
  readonly name: string;
  readonly checksum: string;
  readonly profile: string;
  readonly appliedAt: Date;
}

export async function ensureSeedTable(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable(SEEDS_TABLE)) return;
  await knex.schema.createTable(SEEDS_TABLE, (t) => {
    t.text('name').primary();
    t.text('checksum').notNullable();
    t.text('profile').notNullable();
    t.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function readSeedHistory(knex: Knex): Promise<AppliedSeed[]> {
  if (!(await knex.schema.hasTable(SEEDS_TABLE))) return [];
  const rows = (await knex(SEEDS_TABLE).select('*').orderBy('name')) as Array<{ name: string; checksum: string; profile: string; applied_at: Date }>;
  return rows.map((row) => ({ name: row.name, checksum: row.checksum, profile: row.profile, appliedAt: row.applied_at }));
}

export async function recordSeed(knex: Knex, name: string, checksum: string, profile: string): Promise<void> {
  await knex(SEEDS_TABLE).insert({ name, checksum, profile }).onConflict('name').merge({ checksum, profile, applied_at: knex.fn.now() });
}

export async function forgetSeed(knex: Knex, name: string): Promise<void> {
  await knex(SEEDS_TABLE).where({ name }).delete();
}

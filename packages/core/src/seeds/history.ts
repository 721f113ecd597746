import type { Knex } from 'knex';
import { BookkeepingTable } from '../bookkeeping';
import { writeHistory } from '../migrations/history';
import type { HistoryWrite } from '../migrations/records';

/** Seeds applied to a database: name, checksum, profile and when. */
export const SEEDS_TABLE = BookkeepingTable.seeds;

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

export async function recordSeed(knex: Knex, name: string, checksum: string, profile: string): Promise<HistoryWrite> {
  return writeHistory(knex(SEEDS_TABLE).insert({ name, checksum, profile }).onConflict('name').merge({ checksum, profile, applied_at: knex.fn.now() }), SEEDS_TABLE, 'insert', name);
}

export async function forgetSeed(knex: Knex, name: string): Promise<HistoryWrite> {
  return writeHistory(knex(SEEDS_TABLE).where({ name }).delete(), SEEDS_TABLE, 'delete', name);
}

/**
 * Demo data for developers (`pnpm demo`): refused on production targets, by the runner and by
 * the seed itself. Builds on the reference seeds, which run first.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { deleteSeeded, stableId } from '../src';

export const profile = SeedProfile.demo;

/** Natural keys of the demo rows, e.g. customer numbers. */
const ROWS: ReadonlyArray<{ readonly number: string }> = [];

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'demo data');
  // Example, once a table exists: inserted once, left alone on a rerun.
  for (const row of ROWS) await ensureRow(knex, 'customers', { number: row.number }, { id: stableId('customers', row.number), ...row });
}

export async function undo(knex: Knex): Promise<void> {
  if (ROWS.length > 0) await deleteSeeded(knex, 'customers', ROWS.map((row) => row.number));
}

/**
 * Reference data: rows the product needs in every environment, production included
 * (plans, roles, categories). Idempotent: rows are found by their natural key.
 */
import type { Knex } from 'knex';
import { SeedProfile, upsertRow } from '@strata/core';
import { deleteSeeded, stableId } from '../src';

export const profile = SeedProfile.reference;

/** Natural keys of the rows this seed owns, e.g. plan codes. */
const ROWS: ReadonlyArray<{ readonly code: string; readonly name: string }> = [];

export async function seed(knex: Knex): Promise<void> {
  // Example, once a table exists: the seeded values win on every run.
  for (const row of ROWS) await upsertRow(knex, 'plans', ['code'], { id: stableId('plans', row.code), ...row });
}

/** Removes exactly what seed() wrote: the rows with the seeded ids. */
export async function undo(knex: Knex): Promise<void> {
  if (ROWS.length > 0) await deleteSeeded(knex, 'plans', ROWS.map((row) => row.code));
}

/**
 * Reference seed: the three rate plans of seed 002 (Starter, Professional, Call Center).
 * A plan whose code already exists is left as it is, so a price changed by an operator is
 * never reverted by re-running the seed.
 */
import type { Knex } from 'knex';
import { ensureRow, SeedProfile } from '@strata/core';
import { deleteSeeded, stableId } from '../src/ids';
import { RATE_PLANS } from '../src/plans';
import { DEFAULT_CURRENCY, Table } from '../src/tables';

export const profile = SeedProfile.reference;

export async function seed(knex: Knex): Promise<void> {
  for (const plan of RATE_PLANS) {
    await ensureRow(knex, Table.ratePlans, { code: plan.code }, {
      id: stableId(Table.ratePlans, plan.code),
      code: plan.code,
      name: plan.name,
      description: plan.description,
      monthly_price: plan.monthlyPrice,
      annual_price: plan.annualPrice,
      currency: DEFAULT_CURRENCY,
      included_minutes: plan.includedMinutes,
      max_dids: plan.maxDids,
      max_concurrent_calls: plan.maxConcurrentCalls,
      features: JSON.stringify(plan.features),
      is_active: true,
      sort_order: plan.sortOrder,
    });
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.ratePlans, RATE_PLANS.map((plan) => plan.code));
}

/**
 * Reference seed: the four home-visit fee bands (under 5 km, 5–15, 15–30, 30 and more).
 * A band whose name exists is left as it is (the lab tunes its fees in the admin).
 */
import type { Knex } from 'knex';
import { ensureRow, SeedProfile } from '@strata/core';
import { deleteSeeded, stableId, Table } from '../src';
import { DISTANCE_BANDS } from '../src/pricing';

export const profile = SeedProfile.reference;

export async function seed(knex: Knex): Promise<void> {
  for (const band of DISTANCE_BANDS) {
    await ensureRow(knex, Table.distancePricingConfigs, { name: band.name }, {
      id: stableId(Table.distancePricingConfigs, band.name),
      name: band.name,
      min_distance_km: band.minKm,
      max_distance_km: band.maxKm,
      base_fee: band.baseFee,
      per_km_fee: band.perKmFee,
      is_active: true,
    });
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.distancePricingConfigs, DISTANCE_BANDS.map((band) => band.name));
}

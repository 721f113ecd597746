/**
 * Reference seed: the German VAT rates, 19 % standard and 7 % reduced, valid from 2021-01-01.
 * Owned by this package (the law is the source): a corrected rate reaches every database on the
 * next seed run; an unchanged one is not touched.
 */
import type { Knex } from 'knex';
import { SeedProfile } from '@strata/core';
import { deleteSeeded, stableId } from '../src/ids';
import { VAT_RATES, vatRateKey } from '../src/reference-data';
import { upsertOwned } from '../src/seeding';
import { Table } from '../src/tables';

export const profile = SeedProfile.reference;

export async function seed(knex: Knex): Promise<void> {
  for (const rate of VAT_RATES) {
    await upsertOwned(knex, Table.vatRates, ['country_code', 'category', 'valid_from'], {
      id: stableId(Table.vatRates, vatRateKey(rate)),
      country_code: rate.countryCode,
      category: rate.category,
      valid_from: rate.validFrom,
      rate: rate.rate,
      valid_until: rate.validUntil,
      description: rate.description,
    });
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.vatRates, VAT_RATES.map(vatRateKey));
}

/**
 * Reference seed: the coupons every environment has (WELCOME10, GROWTH20, PRO50). Plan tiers
 * need no seed: they are the values of the plan_tier enum, created by migration 0011.
 * A coupon whose code exists is left exactly as it is: used_count counts real redemptions and an
 * operator may have deactivated or extended it, so a rerun must not reset it.
 */
import type { Knex } from 'knex';
import { ensureRow, SeedProfile } from '@strata/core';
import { applicablePlansText, COUPONS } from '../src/coupons';
import { deleteSeeded, stableId } from '../src';
import { utcNow } from '../src/seeding';
import { Table } from '../src/tables';

export const profile = SeedProfile.reference;

export async function seed(knex: Knex): Promise<void> {
  for (const coupon of COUPONS) {
    await ensureRow(knex, Table.coupons, { code: coupon.code }, {
      id: stableId(Table.coupons, coupon.code),
      code: coupon.code,
      name: coupon.name,
      description: coupon.description,
      discount_type: coupon.discountType,
      discount_value: coupon.discountValue,
      valid_from: coupon.validFrom,
      valid_until: coupon.validUntil,
      max_uses: coupon.maxUses,
      used_count: 0,
      applicable_plans: applicablePlansText(coupon.applicablePlans),
      min_amount_cents: coupon.minAmountCents,
      is_active: true,
      created_at: utcNow(knex),
      updated_at: utcNow(knex),
    });
  }
}

/** Removes the seeded coupons (by their seeded ids); a coupon created by hand with the same code stays. */
export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.coupons, COUPONS.map((coupon) => coupon.code));
}

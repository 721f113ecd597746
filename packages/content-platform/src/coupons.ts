/**
 * The coupons every environment gets (reference data, production included): the codes the
 * pricing page and the sales team hand out. Amounts are in cents (the seed's integer cents).
 */
import type { PlanTier } from './enums';

/** How a coupon discounts: `percent` of the amount, or a `fixed` amount in cents. */
export const DiscountType = {
  /** discount_value is a percentage, 1–100. */
  percent: 'percent',
  /** discount_value is an amount in cents. */
  fixed: 'fixed',
} as const;
export type DiscountType = (typeof DiscountType)[keyof typeof DiscountType];

/** One reference coupon. */
export interface Coupon {
  /** Natural key: what a customer types in; unique (ix_coupons_code). */
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly discountType: DiscountType;
  readonly discountValue: number;
  /** Naive UTC, like every timestamp of this schema. */
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly maxUses: number | null;
  /** Plans it applies to; null for every plan (stored comma-separated in applicable_plans). */
  readonly applicablePlans: readonly PlanTier[] | null;
  readonly minAmountCents: number | null;
}

export const COUPONS: readonly Coupon[] = [
  {
    code: 'WELCOME10',
    name: 'Welcome 10%',
    description: '10% off the first payment of any plan',
    discountType: DiscountType.percent,
    discountValue: 10,
    validFrom: '2025-01-01 00:00:00',
    validUntil: null,
    maxUses: null,
    applicablePlans: null,
    minAmountCents: null,
  },
  {
    code: 'GROWTH20',
    name: 'Growth 20%',
    description: '20% off the Growth plan for teams moving up from Starter',
    discountType: DiscountType.percent,
    discountValue: 20,
    validFrom: '2025-01-01 00:00:00',
    validUntil: '2026-12-31 23:59:59',
    maxUses: 500,
    applicablePlans: ['growth'],
    minAmountCents: null,
  },
  {
    code: 'PRO50',
    name: 'Pro $50 off',
    description: '$50 off a Pro payment of at least $100',
    discountType: DiscountType.fixed,
    discountValue: 5000,
    validFrom: '2025-01-01 00:00:00',
    validUntil: null,
    maxUses: 100,
    applicablePlans: ['pro'],
    minAmountCents: 10000,
  },
];

/** `['growth', 'pro']` → `'growth,pro'`; null (every plan) stays null. */
export function applicablePlansText(plans: readonly PlanTier[] | null): string | null {
  return plans === null ? null : plans.join(',');
}

/** Billing periods as calendar dates (YYYY-MM-DD, UTC), for seeded subscriptions. */

/** A subscription's current period and the day it is billed next. */
export interface BillingPeriod {
  readonly start: string;
  readonly end: string;
  readonly nextBillingDate: string;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The period that contains `today`: starting on the 1st of this month and lasting one month
 * or one year; billed again the day after it ends.
 * @example billingPeriod('monthly', new Date('2024-10-15')) // { start: '2024-10-01', end: '2024-10-31', nextBillingDate: '2024-11-01' }
 */
export function billingPeriod(cycle: 'monthly' | 'annual', today: Date = new Date()): BillingPeriod {
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const next = new Date(Date.UTC(today.getUTCFullYear() + (cycle === 'annual' ? 1 : 0), today.getUTCMonth() + (cycle === 'monthly' ? 1 : 0), 1));
  const end = new Date(next.getTime() - 24 * 60 * 60 * 1000);
  return { start: isoDate(start), end: isoDate(end), nextBillingDate: isoDate(next) };
}

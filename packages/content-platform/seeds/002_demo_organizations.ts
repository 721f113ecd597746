/**
 * Demo seed: Acme Studio (Growth, active, GROWTH20 coupon, three payments one of which failed)
 * and Northwind Media (Starter, trialing), with their users, billing record, payment history,
 * AI budget and content items. Development only: refused in production.
 *
 * Rows are found by their natural key (slug, email, the organisation for its billing record) or
 * by their seeded id, and left as they are when present: a rerun writes nothing.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { DEMO_ORGANIZATIONS, type DemoOrganization } from '../src/demo';
import { deleteSeeded, stableId } from '../src';
import { idOf, utcNow } from '../src/seeding';
import { Table } from '../src/tables';

export const profile = SeedProfile.demo;

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  // The runner already refuses demo seeds in production; this keeps the file safe on its own.
  refuseOnProduction(context, 'demo organisations, users and billing');
  for (const org of DEMO_ORGANIZATIONS) await seedOrganization(knex, org);
}

async function seedOrganization(knex: Knex, org: DemoOrganization): Promise<void> {
  const orgId = await ensureRow(knex, Table.organizations, { slug: org.slug }, {
    id: stableId(Table.organizations, org.slug),
    name: org.name,
    slug: org.slug,
    is_active: true,
    created_at: org.createdAt,
    updated_at: org.createdAt,
  });
  const userIds = new Map<string, string>();
  for (const user of org.users) {
    userIds.set(user.email, await ensureRow(knex, Table.users, { email: user.email }, {
      id: stableId(Table.users, user.email),
      org_id: orgId,
      email: user.email,
      full_name: user.fullName,
      role: user.role,
      is_active: true,
      created_at: org.createdAt,
      updated_at: org.createdAt,
    }));
  }

  const { billing } = org;
  const lastPayment = [...org.payments].reverse().find((p) => p.status === 'succeeded');
  await ensureRow(knex, Table.organizationBilling, { org_id: orgId }, {
    id: stableId(Table.organizationBilling, org.slug),
    org_id: orgId,
    stripe_customer_id: billing.stripeCustomerId,
    stripe_subscription_id: billing.stripeSubscriptionId,
    plan: billing.plan,
    status: billing.status,
    current_period_start: billing.periodStart,
    current_period_end: billing.periodEnd,
    created_at: org.createdAt,
    updated_at: org.createdAt,
    trial_start: billing.trial?.start ?? null,
    trial_end: billing.trial?.end ?? null,
    trial_used: billing.trial !== undefined,
    coupon_code: billing.coupon?.code ?? null,
    coupon_discount_percent: billing.coupon?.percent ?? null,
    coupon_expires_at: billing.coupon?.expiresAt ?? null,
    last_payment_date: lastPayment?.processedAt ?? null,
    last_payment_amount_cents: lastPayment?.amountCents ?? null,
    next_payment_date: billing.periodEnd,
    notes: null,
  });
  for (const payment of org.payments) {
    await ensureRow(knex, Table.billingHistory, { id: stableId(Table.billingHistory, payment.paymentIntent) }, {
      id: stableId(Table.billingHistory, payment.paymentIntent),
      org_id: orgId,
      stripe_payment_intent_id: payment.paymentIntent,
      amount_cents: payment.amountCents,
      currency: 'usd',
      description: payment.description,
      plan: payment.plan,
      status: payment.status,
      coupon_code: payment.couponCode ?? null,
      discount_amount_cents: payment.discountAmountCents ?? null,
      created_at: payment.createdAt,
      processed_at: payment.processedAt,
    });
  }

  // current_date takes its default (today): the counters are today's.
  await ensureRow(knex, Table.aiBudgets, { id: stableId(Table.aiBudgets, org.slug) }, {
    id: stableId(Table.aiBudgets, org.slug),
    org_id: orgId,
    daily_token_limit: org.aiBudget.dailyTokenLimit,
    daily_cost_limit_gbp: org.aiBudget.dailyCostLimitGbp,
    tokens_used_today: org.aiBudget.tokensUsedToday,
    cost_gbp_today: org.aiBudget.costGbpToday,
    is_active: true,
    // Naive UTC like every timestamp here (the column default now() follows the session's TimeZone).
    created_at: utcNow(knex),
    updated_at: utcNow(knex),
  });

  for (const item of org.content) {
    const key = `${org.slug}/${item.key}`;
    await ensureRow(knex, Table.contentItems, { id: stableId(Table.contentItems, key) }, {
      id: stableId(Table.contentItems, key),
      org_id: orgId,
      created_by: userIds.get(item.createdBy) ?? (await idOf(knex, Table.users, { email: item.createdBy }, 'demo content items')),
      title: item.title,
      kind: item.kind,
      status: item.status,
      prompt: item.prompt,
      body: item.body ?? null,
      media_url: item.mediaUrl ?? null,
      metadata: JSON.stringify({ demo: true }),
      published_at: item.publishedAt ?? null,
      created_at: item.createdAt,
      updated_at: item.publishedAt ?? item.createdAt,
    });
  }
}

/**
 * Removes the seeded rows (by their seeded ids), children first. Deleting a demo organisation
 * CASCADEs (the seed's ON DELETE): rows a developer added inside a demo organisation go with it.
 */
export async function undo(knex: Knex): Promise<void> {
  const orgs = DEMO_ORGANIZATIONS;
  await deleteSeeded(knex, Table.contentItems, orgs.flatMap((org) => org.content.map((item) => `${org.slug}/${item.key}`)));
  await deleteSeeded(knex, Table.aiBudgets, orgs.map((org) => org.slug));
  await deleteSeeded(knex, Table.billingHistory, orgs.flatMap((org) => org.payments.map((payment) => payment.paymentIntent)));
  await deleteSeeded(knex, Table.organizationBilling, orgs.map((org) => org.slug));
  await deleteSeeded(knex, Table.users, orgs.flatMap((org) => org.users.map((user) => user.email)));
  await deleteSeeded(knex, Table.organizations, orgs.map((org) => org.slug));
}

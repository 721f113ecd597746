/**
 * 0011 safe billing models — supersedes 0004_billing_models and 0010_enhanced_billing, whose
 * downgrades dropped these tables, columns and types. Ensures, without data loss:
 * plan_tier and billing_status; organization_billing with the 0010 trial, coupon and payment
 * columns (added if missing); coupons; billing_history.
 *
 * Columns, defaults, keys and index names are the seed's and those of existing databases
 * (varchar(36) ids, naive `timestamp`s, integer cents, constraints named by PostgreSQL).
 * down() changes nothing (additive-only).
 */
import type { Knex } from 'knex';
import { column, ensureTable, type TableShape } from '../src/ddl';
import { BillingStatus, PlanTier } from '../src/enums';
import { Table } from '../src/tables';

const ORGANIZATION_BILLING: TableShape = {
  name: Table.organizationBilling,
  primaryKey: { name: 'organization_billing_pkey', columns: ['id'] },
  columns: [
    column('id', 'varchar(36) NOT NULL'),
    column('org_id', 'varchar(36) NOT NULL'),
    column('stripe_customer_id', 'varchar(255)'),
    column('stripe_subscription_id', 'varchar(255)'),
    column('plan', "plan_tier NOT NULL DEFAULT 'starter'"),
    column('status', "billing_status NOT NULL DEFAULT 'active'"),
    column('current_period_start', 'timestamp'),
    column('current_period_end', 'timestamp'),
    column('created_at', 'timestamp NOT NULL'),
    column('updated_at', 'timestamp NOT NULL'),
    // Added by 0010 to a table with rows, hence nullable or defaulted; appended here in 0010's order.
    column('trial_start', 'timestamp'),
    column('trial_end', 'timestamp'),
    column('trial_used', 'boolean NOT NULL DEFAULT false'),
    column('coupon_code', 'varchar(100)'),
    column('coupon_discount_percent', 'integer'),
    column('coupon_discount_amount_cents', 'integer'),
    column('coupon_expires_at', 'timestamp'),
    column('last_payment_date', 'timestamp'),
    column('last_payment_amount_cents', 'integer'),
    column('next_payment_date', 'timestamp'),
    column('next_payment_amount_cents', 'integer'),
    column('notes', 'text'),
  ],
  constraints: [
    // One billing record per organisation.
    { name: 'organization_billing_org_id_key', definition: 'UNIQUE (org_id)' },
    // CASCADE (seed): the record is the organisation's Stripe link and goes with it; Stripe keeps the customer.
    { name: 'organization_billing_org_id_fkey', definition: 'FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE' },
  ],
  indexes: [
    // Redundant beside organization_billing_org_id_key's index, but every existing database has it
    // and the additive-only policy never drops: kept so all databases have one schema.
    { name: 'ix_organization_billing_org_id', columns: ['org_id'] },
    // Stripe webhooks find the organisation by customer or subscription id.
    { name: 'ix_organization_billing_stripe_customer_id', columns: ['stripe_customer_id'] },
    { name: 'ix_organization_billing_stripe_subscription_id', columns: ['stripe_subscription_id'] },
    { name: 'ix_organization_billing_coupon_code', columns: ['coupon_code'] },
  ],
};

const COUPONS: TableShape = {
  name: Table.coupons,
  primaryKey: { name: 'coupons_pkey', columns: ['id'] },
  columns: [
    column('id', 'varchar(36) NOT NULL'),
    column('code', 'varchar(100) NOT NULL'),
    column('name', 'varchar(255) NOT NULL'),
    column('description', 'text'),
    // 'percent' (discount_value is a percentage) or 'fixed' (discount_value is in cents).
    column('discount_type', 'varchar(20) NOT NULL'),
    column('discount_value', 'integer NOT NULL'),
    column('valid_from', 'timestamp NOT NULL'),
    column('valid_until', 'timestamp'),
    column('max_uses', 'integer'),
    column('used_count', 'integer NOT NULL DEFAULT 0'),
    // Comma-separated plan_tier values (e.g. 'growth,pro'); NULL means every plan.
    column('applicable_plans', 'text'),
    column('min_amount_cents', 'integer'),
    column('is_active', 'boolean NOT NULL DEFAULT true'),
    column('created_at', 'timestamp NOT NULL'),
    column('updated_at', 'timestamp NOT NULL'),
  ],
  indexes: [
    // The code customers type in: one coupon per code (SQLAlchemy named the unique index ix_).
    { name: 'ix_coupons_code', columns: ['code'], unique: true },
    { name: 'ix_coupons_is_active', columns: ['is_active'] },
  ],
};

const BILLING_HISTORY: TableShape = {
  name: Table.billingHistory,
  primaryKey: { name: 'billing_history_pkey', columns: ['id'] },
  columns: [
    column('id', 'varchar(36) NOT NULL'),
    column('org_id', 'varchar(36) NOT NULL'),
    column('stripe_payment_intent_id', 'varchar(255)'),
    column('amount_cents', 'integer NOT NULL'),
    column('currency', "varchar(3) NOT NULL DEFAULT 'usd'"),
    column('description', 'varchar(500) NOT NULL'),
    column('plan', 'plan_tier NOT NULL'),
    // Stripe's payment status: 'succeeded' | 'failed' | 'refunded' | 'pending'.
    column('status', 'varchar(20) NOT NULL'),
    column('coupon_code', 'varchar(100)'),
    column('discount_amount_cents', 'integer'),
    column('created_at', 'timestamp NOT NULL'),
    column('processed_at', 'timestamp'),
  ],
  constraints: [
    // CASCADE (seed): the history is the organisation's; Stripe keeps the authoritative payment record.
    { name: 'billing_history_org_id_fkey', definition: 'FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE' },
  ],
  indexes: [
    { name: 'ix_billing_history_org_id', columns: ['org_id'] },
    { name: 'ix_billing_history_stripe_payment_intent_id', columns: ['stripe_payment_intent_id'] },
  ],
};

/**
 * Legacy types on purpose (README, "Design decisions"): existing databases have these columns so,
 * and the additive-only policy forbids the type change that would rewrite them.
 */
export const lint = {
  allow: {
    'prefer-timestamptz': 'naive UTC timestamps, as existing databases have them; timestamptz would rewrite their tables, which the additive-only policy forbids',
  },
};

export async function up(knex: Knex): Promise<void> {
  // The values of their time, pinned: later additions come with their own migration.
  await PlanTier.create(knex, { values: ['starter', 'growth', 'pro'] });
  await BillingStatus.create(knex, { values: ['active', 'canceled', 'past_due', 'unpaid', 'incomplete', 'trialing'] });
  await ensureTable(knex, ORGANIZATION_BILLING);
  await ensureTable(knex, COUPONS);
  await ensureTable(knex, BILLING_HISTORY);
}

/** Additive-only: rolling back keeps the tables, columns, types and rows; up() converges again. */
export async function down(): Promise<void> {}

/**
 * The native enum types of the schema, defined once for migrations, seeds and tests.
 *
 * Their values are the seed's, and the values existing databases have (0004 and 0005 created the
 * types). A migration creates a type with core's idempotent `create` (PostgreSQL has no
 * `CREATE TYPE IF NOT EXISTS`): it does nothing when the type exists with these values and fails,
 * naming the type, when it exists with others. Never edit a list in place: add a value with a new
 * migration (`X.addValue(knex, 'value')`) and append it here in the same change. Removing a value
 * is a type rewrite, which this package's additive-only policy forbids.
 */
import { defineEnum, type EnumValue } from '@strata/core';

/** The subscription plan of an organisation, cheapest first. Plan tiers are reference data as enum values, not rows. */
export const PlanTier = defineEnum('plan_tier', ['starter', 'growth', 'pro'] as const);
export type PlanTier = EnumValue<typeof PlanTier>;

/** Stripe's subscription status, as the webhook reports it. */
export const BillingStatus = defineEnum('billing_status', ['active', 'canceled', 'past_due', 'unpaid', 'incomplete', 'trialing'] as const);
export type BillingStatus = EnumValue<typeof BillingStatus>;

/** What an asset template generates. */
export const TemplateType = defineEnum('template_type', ['image', 'video'] as const);
export type TemplateType = EnumValue<typeof TemplateType>;

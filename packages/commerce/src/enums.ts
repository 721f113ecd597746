/**
 * The native PostgreSQL enum types of the commerce schema, defined once for migrations, seeds
 * and the schema lint (`enum-drift`).
 *
 * Each type belongs to the migration that introduces it; that migration pins the values it
 * created (`X.create(knex, { values: [...] })`), so it means the same thing when it runs years
 * later. Never edit a list in place: add a value with a new migration (`X.addValue(knex, 'v')`)
 * and append it here in the same change.
 */
import { defineEnum, type EnumValue } from '@strata/core';

// ── auth/…_01_initial_user_table ─────────────────────────────────────────────────────────────

/**
 * What a login may do. The closed set the application's authorisation switches on; the `roles`
 * reference table describes each value (name, permissions).
 */
export const UserRole = defineEnum('user_role', ['customer', 'support', 'fulfillment', 'admin'] as const);
export type UserRole = EnumValue<typeof UserRole>;

/** Lifecycle of a login; `erased` is final (GDPR erasure anonymised it, see compliance/). */
export const UserStatus = defineEnum('user_status', ['pending_verification', 'active', 'suspended', 'erased'] as const);
export type UserStatus = EnumValue<typeof UserStatus>;

// ── customers/…_02_customer_profile_notifications ────────────────────────────────────────────

/**
 * The shared currency of every amount (ISO 4217). Every listed currency has two minor-unit
 * digits, which the whole-cent checks and the Stripe conversion rely on (see src/money.ts).
 */
export const CurrencyCode = defineEnum('currency_code', ['EUR', 'USD', 'GBP', 'CHF'] as const);
export type CurrencyCode = EnumValue<typeof CurrencyCode>;

/** How a notification reaches its user. */
export const NotificationChannel = defineEnum('notification_channel', ['email', 'in_app', 'sms'] as const);

/** Delivery state of a notification. */
export const NotificationStatus = defineEnum('notification_status', ['pending', 'sent', 'failed', 'read'] as const);

// ── orders/…_03_commerce_core ────────────────────────────────────────────────────────────────

/** German VAT has a standard and a reduced rate (§ 12 UStG); `vat_rates` holds the percentages. */
export const VatCategory = defineEnum('vat_category', ['standard', 'reduced'] as const);
export type VatCategory = EnumValue<typeof VatCategory>;

/** What is sold: a service delivered by the team, a digital download, or a recurring plan. */
export const ProductType = defineEnum('product_type', ['service', 'digital', 'subscription'] as const);

/** Whether a product is offered. */
export const ProductStatus = defineEnum('product_status', ['draft', 'active', 'archived'] as const);

/** Lifecycle of an order. */
export const OrderStatus = defineEnum('order_status', ['pending', 'paid', 'in_fulfillment', 'completed', 'canceled', 'refunded'] as const);
export type OrderStatus = EnumValue<typeof OrderStatus>;

/** Lifecycle of a payment (Stripe's PaymentIntent outcomes, plus refunds). */
export const PaymentStatus = defineEnum('payment_status', ['pending', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded'] as const);

/** Who moved the money: Stripe, or a bank transfer against a Lexoffice invoice (B2B). */
export const PaymentProvider = defineEnum('payment_provider', ['stripe', 'bank_transfer'] as const);

// ── fulfillment/…_04_fulfillment_tables ──────────────────────────────────────────────────────

/** Work state of a fulfillment task. */
export const FulfillmentTaskStatus = defineEnum('fulfillment_task_status', ['pending', 'in_progress', 'blocked', 'done', 'canceled'] as const);

/** Lifecycle of a service campaign run for a customer's Instagram account. */
export const CampaignStatus = defineEnum('campaign_status', ['draft', 'scheduled', 'active', 'paused', 'completed', 'canceled'] as const);

/** What the team did in a campaign. */
export const CampaignActivityType = defineEnum(
  'campaign_activity_type',
  ['post_published', 'story_published', 'engagement_session', 'report_sent', 'note'] as const,
);

// ── catalog/…_05_product_configuration ───────────────────────────────────────────────────────

/** How a customer chooses from an option group: exactly one, several, or a count of each. */
export const OptionGroupType = defineEnum('option_group_type', ['single_choice', 'multi_choice', 'quantity'] as const);

/** Input type of a product's custom field (what the customer types in at checkout). */
export const CustomFieldType = defineEnum('custom_field_type', ['text', 'textarea', 'url', 'email', 'number', 'date', 'instagram_handle'] as const);

/** Billing period of a subscription plan (Stripe's recurring.interval). */
export const BillingInterval = defineEnum('billing_interval', ['month', 'year'] as const);

// ── orders/…_order_events ────────────────────────────────────────────────────────────────────

/** What happened to an order. */
export const OrderEventType = defineEnum(
  'order_event_type',
  ['created', 'status_changed', 'payment_received', 'payment_failed', 'refunded', 'note_added'] as const,
);

// ── orders/…_carts ───────────────────────────────────────────────────────────────────────────

/** A cart is shopping (`active`), became an order (`converted`) or was left (`abandoned`). */
export const CartStatus = defineEnum('cart_status', ['active', 'converted', 'abandoned'] as const);

// ── billing/…_subscriptions ──────────────────────────────────────────────────────────────────

/** Stripe's Subscription.status, verbatim, so webhooks map one to one. */
export const SubscriptionStatus = defineEnum(
  'subscription_status',
  ['trialing', 'active', 'past_due', 'unpaid', 'canceled', 'incomplete', 'incomplete_expired', 'paused'] as const,
);

// ── billing/…_lexoffice_invoices ─────────────────────────────────────────────────────────────

/** Lifecycle of an invoice; issued invoices are voided (credit note), never deleted. */
export const InvoiceStatus = defineEnum('invoice_status', ['draft', 'issued', 'paid', 'voided'] as const);

/** A call this schema makes to the Lexoffice public API for an invoice. */
export const LexofficeSyncOperation = defineEnum(
  'lexoffice_sync_operation',
  ['create_invoice', 'finalize_invoice', 'render_document', 'create_credit_note'] as const,
);

/** Outcome of one Lexoffice call. */
export const LexofficeSyncStatus = defineEnum('lexoffice_sync_status', ['pending', 'succeeded', 'failed'] as const);

// ── support/…_support_tickets ────────────────────────────────────────────────────────────────

/** Lifecycle of a support ticket. */
export const SupportTicketStatus = defineEnum('support_ticket_status', ['open', 'pending_customer', 'resolved', 'closed'] as const);

/** How urgent a ticket is. */
export const SupportTicketPriority = defineEnum('support_ticket_priority', ['low', 'normal', 'high', 'urgent'] as const);

// ── integrations/…_integration_credentials_webhooks ──────────────────────────────────────────

/**
 * The external services the platform talks to: the `service` of a stored credential and the
 * `provider` of an incoming webhook (one list, so the two can never disagree on a name).
 */
export const IntegrationService = defineEnum('integration_service', ['stripe', 'lexoffice', 'instagram'] as const);
export type IntegrationService = EnumValue<typeof IntegrationService>;

/** Whose credential it is: the platform's own, a user's, or a customer profile's. */
export const IntegrationOwnerType = defineEnum('integration_owner_type', ['platform', 'user', 'customer_profile'] as const);
export type IntegrationOwnerType = EnumValue<typeof IntegrationOwnerType>;

// ── compliance/…_audit_logs_gdpr_requests ────────────────────────────────────────────────────

/** The data-subject rights of GDPR Art. 15–21. */
export const GdprRequestType = defineEnum(
  'gdpr_request_type',
  ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'] as const,
);

/** Where a data-subject request stands (answer within one month, Art. 12(3)). */
export const GdprRequestStatus = defineEnum('gdpr_request_status', ['received', 'in_progress', 'completed', 'rejected'] as const);

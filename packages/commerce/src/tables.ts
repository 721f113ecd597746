/** The tables of the commerce schema, in the order the migrations create them. */
export const Table = {
  // auth/…_01_initial_user_table
  /** Reference data: one row per `user_role` value, with its name and permissions. */
  roles: 'roles',
  /** Logins: customers and staff. Never hard-deleted once they have orders; erased by anonymisation. */
  users: 'users',
  /** Login sessions (the hash of the session token, never the token). */
  sessions: 'sessions',

  // customers/…_02_customer_profile_notifications
  /** A customer's personal and billing details, one per user. */
  customerProfiles: 'customer_profiles',
  /** Messages to a user: e-mail, in-app, SMS. */
  notifications: 'notifications',

  // orders/…_03_commerce_core
  /** Reference data: VAT percentages by country, category and validity. */
  vatRates: 'vat_rates',
  /** Reference data: the shop's product categories. */
  productCategories: 'product_categories',
  /** What the shop sells (soft-deleted). */
  products: 'products',
  /** Sellable variants of a product, each with its SKU and price (soft-deleted). */
  productVariants: 'product_variants',
  /** Groups of choices of a product, e.g. "target region" (soft-deleted). */
  productOptionGroups: 'product_option_groups',
  /** The choices of an option group, with their price difference (soft-deleted). */
  productOptions: 'product_options',
  /** Orders: what a customer bought, at which prices, in which currency. */
  orders: 'orders',
  /** Lines of an order, with a snapshot of the product as sold. */
  orderItems: 'order_items',
  /** Payments of an order (Stripe PaymentIntents, bank transfers). */
  payments: 'payments',

  // fulfillment/…_04_fulfillment_tables
  /** Work items the team does to deliver an order item. */
  fulfillmentTasks: 'fulfillment_tasks',
  /** Instagram accounts of customer profiles. */
  instagramAccounts: 'instagram_accounts',
  /** Analytics: an Instagram account's numbers at a point in time. */
  instagramAccountSnapshots: 'instagram_account_snapshots',
  /** A growth campaign the team runs for a customer's Instagram account. */
  serviceCampaigns: 'service_campaigns',
  /** What was done in a campaign, when, by whom. */
  campaignActivities: 'campaign_activities',

  // catalog/…_05_product_configuration
  /** Optional priced extras of a product, e.g. "express start" (soft-deleted). */
  productAddOns: 'product_add_ons',
  /** Inputs a customer fills in when buying a product, e.g. the Instagram handle. */
  productCustomFields: 'product_custom_fields',
  /** Recurring plans of a product, each one Stripe Price. */
  subscriptionPlans: 'subscription_plans',

  // orders/…_order_events
  /** The history of an order: status changes, payments, notes. */
  orderEvents: 'order_events',

  // orders/…_carts
  /** Shopping carts of users and of guests (by browser session). */
  carts: 'carts',
  /** Lines of a cart. */
  cartItems: 'cart_items',

  // billing/…_subscriptions
  /** A user's subscription to a plan, mirrored from Stripe. */
  subscriptions: 'subscriptions',

  // billing/…_lexoffice_invoices
  /** Invoices of orders, kept for the statutory retention period; synced to Lexoffice. */
  invoices: 'invoices',
  /** Every call to Lexoffice for an invoice and its outcome. */
  lexofficeSyncLogs: 'lexoffice_sync_logs',

  // support/…_support_tickets
  /** Customer support requests, full-text searchable. */
  supportTickets: 'support_tickets',

  // integrations/…_integration_credentials_webhooks
  /** API tokens of external services, encrypted by the application (AES-256-GCM). */
  integrationCredentials: 'integration_credentials',
  /** Incoming webhooks, one row per provider event: the idempotency key of their processing. */
  webhookEvents: 'webhook_events',

  // compliance/…_audit_logs_gdpr_requests
  /** Who did what to which record, when. */
  auditLogs: 'audit_logs',
  /** Data-subject requests (access, erasure…) and how they were answered. */
  gdprRequests: 'gdpr_requests',
} as const;
export type Table = (typeof Table)[keyof typeof Table];

/** The currency the shop sells in unless told otherwise. */
export const DEFAULT_CURRENCY = 'EUR';

/** The seller's country: VAT rates and invoices are German (Lexoffice). */
export const SELLER_COUNTRY = 'DE';

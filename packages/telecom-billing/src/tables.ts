/** The tables of the schema, in the order the migrations create them. */
export const Table = {
  /** Logins: staff (admin, support) and customers. */
  users: 'users',
  /** Billing customers with KYC and GST details. */
  customers: 'customers',
  /** The plans customers subscribe to: prices, included minutes, limits, features. */
  ratePlans: 'rate_plans',
  /** Prepaid (balance) or postpaid (credit limit) accounts of a customer. */
  accounts: 'accounts',
  /** A customer's subscription to a rate plan, charged to one account. */
  subscriptions: 'subscriptions',
  /** Call detail records from the switch, rated and billed. */
  cdrs: 'cdrs',
  /** Payments and top-ups through a payment gateway. */
  payments: 'payments',
  /** GST invoices for a billing period. */
  invoices: 'invoices',
  /** Telephone number inventory and assignment to subscriptions. */
  dids: 'dids',
  /** Hashed JWT refresh tokens, rotated per family. */
  refreshTokens: 'refresh_tokens',
  /** Saved payment instruments (gateway tokens, never card numbers). */
  paymentMethods: 'payment_methods',
  /** Per-subscription usage counters for each billing period. */
  subscriptionUsage: 'subscription_usage',
} as const;
export type Table = (typeof Table)[keyof typeof Table];

/** Currency of every amount in this schema (ISO 4217). */
export const DEFAULT_CURRENCY = 'INR';

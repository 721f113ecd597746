/** The tables of the schema, in the order the migrations create them. */
export const Table = {
  /** Tenants: every other row belongs to one (baseline). */
  organizations: 'organizations',
  /** People who sign in, each in one organisation (baseline). */
  users: 'users',
  /** What the platform generates for an organisation: images, videos, posts (baseline). */
  contentItems: 'content_items',
  /** One Stripe customer and subscription per organisation, with trial, coupon and payment summary (0011). */
  organizationBilling: 'organization_billing',
  /** Discount codes (0011). */
  coupons: 'coupons',
  /** Every charge, refund or failed payment of an organisation (0011). */
  billingHistory: 'billing_history',
  /** Reusable generation specs, per organisation or public (0012). */
  assetTemplates: 'asset_templates',
  /** Each use of a template, and the content item it produced (0012). */
  templateUsage: 'template_usage',
  /** A thread with one peer on one channel (WhatsApp, Instagram, …) (0012). */
  conversations: 'conversations',
  /** The messages of a conversation, both directions (0012). */
  messages: 'messages',
  /** Daily AI token and cost limits of an organisation, and today's usage (0013). */
  aiBudgets: 'ai_budgets',
} as const;
export type Table = (typeof Table)[keyof typeof Table];

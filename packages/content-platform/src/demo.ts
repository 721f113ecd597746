/**
 * Demo data for developers: two organisations with their people, content, billing, AI budget,
 * templates and conversations. Development only: the runner refuses the demo profile in
 * production and the demo seeds refuse it too. Times are naive UTC, like every timestamp of
 * this schema; amounts are cents (USD) and AI costs pounds, as in the schema.
 */
import type { BillingStatus, PlanTier, TemplateType } from './enums';

export interface DemoUser {
  /** Natural key (unique, ix_users_email). */
  readonly email: string;
  readonly fullName: string;
  readonly role: 'owner' | 'admin' | 'member';
}

export interface DemoContentItem {
  /** Natural key of the seeded row, unique in its organisation. */
  readonly key: string;
  readonly title: string;
  readonly kind: 'image' | 'video' | 'text';
  readonly status: 'draft' | 'generating' | 'ready' | 'failed' | 'published';
  readonly createdBy: string;
  readonly prompt: string;
  readonly body?: string;
  readonly mediaUrl?: string;
  readonly createdAt: string;
  readonly publishedAt?: string;
}

export interface DemoPayment {
  /** Natural key of the billing_history row (Stripe's payment intent id). */
  readonly paymentIntent: string;
  readonly amountCents: number;
  readonly description: string;
  readonly plan: PlanTier;
  readonly status: 'succeeded' | 'failed' | 'refunded';
  readonly couponCode?: string;
  readonly discountAmountCents?: number;
  readonly createdAt: string;
  readonly processedAt: string | null;
}

export interface DemoOrganization {
  /** Natural key (unique, ix_organizations_slug). */
  readonly slug: string;
  readonly name: string;
  readonly createdAt: string;
  readonly users: readonly DemoUser[];
  readonly billing: {
    readonly stripeCustomerId: string;
    readonly stripeSubscriptionId: string;
    readonly plan: PlanTier;
    readonly status: BillingStatus;
    readonly periodStart: string;
    readonly periodEnd: string;
    readonly trial?: { readonly start: string; readonly end: string };
    readonly coupon?: { readonly code: string; readonly percent: number; readonly expiresAt: string };
  };
  readonly payments: readonly DemoPayment[];
  readonly aiBudget: { readonly dailyTokenLimit: number; readonly dailyCostLimitGbp: number; readonly tokensUsedToday: number; readonly costGbpToday: number };
  readonly content: readonly DemoContentItem[];
}

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  {
    slug: 'acme-studio',
    name: 'Acme Studio',
    createdAt: '2025-02-03 09:15:00',
    users: [
      { email: 'alice@acme-studio.example', fullName: 'Alice Martin', role: 'owner' },
      { email: 'bob@acme-studio.example', fullName: 'Bob Okafor', role: 'member' },
    ],
    billing: {
      stripeCustomerId: 'cus_demo_acme',
      stripeSubscriptionId: 'sub_demo_acme',
      plan: 'growth',
      status: 'active',
      periodStart: '2025-05-03 09:15:00',
      periodEnd: '2025-06-03 09:15:00',
      coupon: { code: 'GROWTH20', percent: 20, expiresAt: '2025-08-03 09:15:00' },
    },
    payments: [
      { paymentIntent: 'pi_demo_acme_2025_03', amountCents: 3920, description: 'Growth plan, March 2025 (GROWTH20)', plan: 'growth', status: 'succeeded', couponCode: 'GROWTH20', discountAmountCents: 980, createdAt: '2025-03-03 09:15:00', processedAt: '2025-03-03 09:15:04' },
      { paymentIntent: 'pi_demo_acme_2025_04', amountCents: 3920, description: 'Growth plan, April 2025 (GROWTH20)', plan: 'growth', status: 'failed', couponCode: 'GROWTH20', discountAmountCents: 980, createdAt: '2025-04-03 09:15:00', processedAt: null },
      { paymentIntent: 'pi_demo_acme_2025_04_retry', amountCents: 3920, description: 'Growth plan, April 2025, retried (GROWTH20)', plan: 'growth', status: 'succeeded', couponCode: 'GROWTH20', discountAmountCents: 980, createdAt: '2025-04-05 10:00:00', processedAt: '2025-04-05 10:00:03' },
    ],
    aiBudget: { dailyTokenLimit: 250000, dailyCostLimitGbp: 80, tokensUsedToday: 41250, costGbpToday: 6.35 },
    content: [
      { key: 'spring-launch-hero', title: 'Spring launch hero image', kind: 'image', status: 'published', createdBy: 'alice@acme-studio.example', prompt: 'Hero image for the spring launch: pastel studio, product centred', mediaUrl: 'https://cdn.example/acme/spring-hero.png', createdAt: '2025-03-10 14:00:00', publishedAt: '2025-03-11 08:00:00' },
      { key: 'spring-launch-teaser', title: 'Spring launch teaser', kind: 'video', status: 'ready', createdBy: 'alice@acme-studio.example', prompt: '15-second teaser, upbeat, ends on the logo', mediaUrl: 'https://cdn.example/acme/spring-teaser.mp4', createdAt: '2025-03-12 16:30:00' },
      { key: 'newsletter-intro', title: 'Newsletter intro', kind: 'text', status: 'draft', createdBy: 'bob@acme-studio.example', prompt: 'Friendly two-sentence intro for the April newsletter', body: 'Spring is here, and so is our new collection. Here is what our studio has been making.', createdAt: '2025-04-01 11:20:00' },
    ],
  },
  {
    slug: 'northwind-media',
    name: 'Northwind Media',
    createdAt: '2025-04-20 17:45:00',
    users: [{ email: 'nora@northwind-media.example', fullName: 'Nora Lindqvist', role: 'owner' }],
    billing: {
      stripeCustomerId: 'cus_demo_northwind',
      stripeSubscriptionId: 'sub_demo_northwind',
      plan: 'starter',
      status: 'trialing',
      periodStart: '2025-04-20 17:45:00',
      periodEnd: '2025-05-04 17:45:00',
      trial: { start: '2025-04-20 17:45:00', end: '2025-05-04 17:45:00' },
    },
    payments: [],
    aiBudget: { dailyTokenLimit: 100000, dailyCostLimitGbp: 50, tokensUsedToday: 0, costGbpToday: 0 },
    content: [
      { key: 'first-post', title: 'First Instagram post', kind: 'image', status: 'ready', createdBy: 'nora@northwind-media.example', prompt: 'Nordic coastline at dawn, brand colours', mediaUrl: 'https://cdn.example/northwind/first-post.png', createdAt: '2025-04-21 09:00:00' },
    ],
  },
];

export interface DemoTemplate {
  /** Natural key of the seeded row. */
  readonly key: string;
  /** Owning organisation's slug; null for a public template of the platform. */
  readonly org: string | null;
  readonly name: string;
  readonly description: string;
  readonly type: TemplateType;
  readonly spec: Readonly<Record<string, unknown>>;
  readonly isPublic: boolean;
  readonly createdBy: string | null;
  readonly createdAt: string;
}

/**
 * Two public templates and two of Acme Studio by the same author — which the seed sketch's
 * UNIQUE (org_id, created_by) would have refused (see the 0012 migration).
 */
export const DEMO_TEMPLATES: readonly DemoTemplate[] = [
  { key: 'public/product-hero', org: null, name: 'Product hero image', description: 'A product centred on a clean studio background', type: 'image', spec: { prompt: '{product} centred on a {background} studio background, soft light', size: '1536x1024' }, isPublic: true, createdBy: null, createdAt: '2025-01-15 12:00:00' },
  { key: 'public/promo-15s', org: null, name: '15-second promo', description: 'Short vertical promo ending on the logo', type: 'video', spec: { prompt: '{product} promo, {mood} music, logo at the end', duration_seconds: 15, aspect: '9:16' }, isPublic: true, createdBy: null, createdAt: '2025-01-15 12:00:00' },
  { key: 'acme-studio/weekly-post', org: 'acme-studio', name: 'Acme weekly post', description: 'Square post in the Acme palette', type: 'image', spec: { prompt: '{subject} in pastel Acme palette, square', size: '1024x1024' }, isPublic: false, createdBy: 'alice@acme-studio.example', createdAt: '2025-03-01 10:00:00' },
  { key: 'acme-studio/story-teaser', org: 'acme-studio', name: 'Acme story teaser', description: 'Vertical teaser for stories', type: 'video', spec: { prompt: '{subject} teaser, upbeat', duration_seconds: 10, aspect: '9:16' }, isPublic: false, createdBy: 'alice@acme-studio.example', createdAt: '2025-03-02 10:00:00' },
];

export interface DemoTemplateUse {
  /** Natural key of the seeded row. */
  readonly key: string;
  readonly template: string;
  readonly org: string;
  /** `<org slug>/<content key>` of the item it produced. */
  readonly contentItem: string | null;
  readonly usedAt: string;
  readonly inputs: Readonly<Record<string, string>>;
}

export const DEMO_TEMPLATE_USAGE: readonly DemoTemplateUse[] = [
  { key: 'acme-studio/spring-hero', template: 'public/product-hero', org: 'acme-studio', contentItem: 'acme-studio/spring-launch-hero', usedAt: '2025-03-10 14:00:00', inputs: { product: 'spring collection tote', background: 'pastel' } },
  { key: 'acme-studio/spring-teaser', template: 'acme-studio/story-teaser', org: 'acme-studio', contentItem: 'acme-studio/spring-launch-teaser', usedAt: '2025-03-12 16:30:00', inputs: { subject: 'spring collection' } },
  { key: 'northwind-media/first-post', template: 'public/product-hero', org: 'northwind-media', contentItem: 'northwind-media/first-post', usedAt: '2025-04-21 09:00:00', inputs: { product: 'coastline print', background: 'nordic' } },
];

export interface DemoMessage {
  readonly direction: 'inbound' | 'outbound';
  readonly text: string;
  readonly mediaUrl?: string;
  readonly createdAt: string;
}

export interface DemoConversation {
  /** Natural key of the seeded row. */
  readonly key: string;
  readonly org: string;
  readonly channel: 'whatsapp' | 'instagram' | 'messenger' | 'sms' | 'web';
  readonly peerId: string;
  readonly messages: readonly DemoMessage[];
}

export const DEMO_CONVERSATIONS: readonly DemoConversation[] = [
  {
    key: 'acme-studio/whatsapp/+447700900123',
    org: 'acme-studio',
    channel: 'whatsapp',
    peerId: '+447700900123',
    messages: [
      { direction: 'inbound', text: 'Hi! Is the spring tote back in stock?', createdAt: '2025-03-14 10:02:00' },
      { direction: 'outbound', text: 'It is! Here is a preview of the new colours.', mediaUrl: 'https://cdn.example/acme/spring-hero.png', createdAt: '2025-03-14 10:02:30' },
      { direction: 'inbound', text: 'Lovely, ordering now.', createdAt: '2025-03-14 10:05:10' },
    ],
  },
  {
    key: 'northwind-media/instagram/17841400000000001',
    org: 'northwind-media',
    channel: 'instagram',
    peerId: '17841400000000001',
    messages: [{ direction: 'inbound', text: 'Do you sell the coastline print framed?', createdAt: '2025-04-22 19:40:00' }],
  },
];

/** The time of a conversation's last message, or null when it has none. */
export function lastMessageAt(conversation: DemoConversation): string | null {
  return conversation.messages.reduce<string | null>((last, m) => (last === null || m.createdAt > last ? m.createdAt : last), null);
}

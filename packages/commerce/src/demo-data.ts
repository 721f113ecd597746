/**
 * Demo data for developers: two customers and two staff members, three products, orders with
 * payments and invoices, carts, a subscription and support tickets. Development only: the runner
 * refuses the demo profile in production and the demo seeds refuse it too. Names, addresses, VAT
 * ids and Stripe ids are made up. Amounts are gross EUR; the VAT arithmetic is worked out beside
 * each order so the numbers can be checked by hand.
 */
import type { UserRole } from './enums';

/** A demo login, with a customer profile for customers. */
export interface DemoUser {
  readonly email: string;
  readonly role: UserRole;
  readonly profile?: {
    readonly firstName: string;
    readonly lastName: string;
    readonly companyName?: string;
    readonly vatId?: string;
    readonly phone: string;
    readonly billingAddress: Readonly<Record<string, string>>;
    readonly stripeCustomerId: string;
  };
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'anna.schmidt@example.com',
    role: 'customer',
    profile: {
      firstName: 'Anna',
      lastName: 'Schmidt',
      phone: '+4915112345678',
      billingAddress: { line1: 'Kastanienallee 12', postal_code: '10435', city: 'Berlin', country: 'DE' },
      stripeCustomerId: 'cus_demo_anna',
    },
  },
  {
    email: 'max.mueller@example.com',
    role: 'customer',
    profile: {
      firstName: 'Max',
      lastName: 'Müller',
      companyName: 'Müller Media GmbH',
      vatId: 'DE123456789',
      phone: '+4940123456',
      billingAddress: { line1: 'Große Elbstraße 45', postal_code: '22767', city: 'Hamburg', country: 'DE' },
      stripeCustomerId: 'cus_demo_max',
    },
  },
  { email: 'lena.wagner@example.com', role: 'support' },
  { email: 'jonas.becker@example.com', role: 'fulfillment' },
];

/** Anna's Instagram account and three weekly readings of it. */
export const DEMO_INSTAGRAM = {
  ownerEmail: 'anna.schmidt@example.com',
  username: 'anna.bakes',
  instagramUserId: '17841400000000001',
  snapshots: [
    { recordedAt: '2025-10-06T06:00:00Z', followers: 1840, following: 312, media: 204, engagementRate: '4.1200' },
    { recordedAt: '2025-10-13T06:00:00Z', followers: 2015, following: 318, media: 209, engagementRate: '4.3500' },
    { recordedAt: '2025-10-20T06:00:00Z', followers: 2290, following: 321, media: 215, engagementRate: '4.6100' },
  ],
} as const;

/** A demo product with everything configurable about it. */
export interface DemoProduct {
  readonly slug: string;
  readonly categorySlug: string;
  readonly name: string;
  readonly description: string;
  readonly productType: 'service' | 'digital' | 'subscription';
  readonly vatCategory: 'standard' | 'reduced';
  readonly priceGross: string;
  readonly variants: readonly { readonly sku: string; readonly name: string; readonly priceGross: string; readonly isDefault: boolean }[];
  readonly optionGroups: readonly {
    readonly code: string;
    readonly name: string;
    readonly groupType: 'single_choice' | 'multi_choice' | 'quantity';
    readonly isRequired: boolean;
    readonly options: readonly { readonly code: string; readonly name: string; readonly priceDeltaGross: string; readonly isDefault: boolean }[];
  }[];
  readonly addOns: readonly { readonly code: string; readonly name: string; readonly priceGross: string }[];
  readonly customFields: readonly { readonly key: string; readonly label: string; readonly fieldType: 'text' | 'textarea' | 'instagram_handle'; readonly isRequired: boolean }[];
  readonly plan?: { readonly code: string; readonly name: string; readonly stripePriceId: string; readonly priceGross: string };
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    slug: 'instagram-growth-package',
    categorySlug: 'instagram-growth',
    name: 'Instagram Growth Package',
    description: 'A managed campaign that grows your audience with organic engagement.',
    productType: 'service',
    vatCategory: 'standard',
    priceGross: '99.00',
    variants: [
      { sku: 'IG-GROWTH-STARTER', name: 'Starter (1 month)', priceGross: '99.00', isDefault: true },
      { sku: 'IG-GROWTH-PRO', name: 'Pro (3 months)', priceGross: '249.00', isDefault: false },
    ],
    optionGroups: [
      {
        code: 'target_region',
        name: 'Target audience',
        groupType: 'single_choice',
        isRequired: true,
        options: [
          { code: 'dach', name: 'Germany, Austria, Switzerland', priceDeltaGross: '0.00', isDefault: true },
          { code: 'europe', name: 'Europe', priceDeltaGross: '0.00', isDefault: false },
          { code: 'worldwide', name: 'Worldwide', priceDeltaGross: '20.00', isDefault: false },
        ],
      },
    ],
    addOns: [{ code: 'express_start', name: 'Express start within 48 hours', priceGross: '29.00' }],
    customFields: [
      { key: 'instagram_handle', label: 'Your Instagram handle', fieldType: 'instagram_handle', isRequired: true },
      { key: 'briefing', label: 'What is your account about?', fieldType: 'textarea', isRequired: false },
    ],
  },
  {
    slug: 'monthly-content-plan',
    categorySlug: 'content-creation',
    name: 'Monthly Content Plan',
    description: 'Twelve posts and eight stories a month, planned and produced for you.',
    productType: 'subscription',
    vatCategory: 'standard',
    priceGross: '149.00',
    variants: [{ sku: 'CONTENT-MONTHLY', name: 'Monthly', priceGross: '149.00', isDefault: true }],
    optionGroups: [],
    addOns: [],
    customFields: [{ key: 'instagram_handle', label: 'Your Instagram handle', fieldType: 'instagram_handle', isRequired: true }],
    plan: { code: 'content-monthly', name: 'Content Plan, monthly', stripePriceId: 'price_demo_content_monthly', priceGross: '149.00' },
  },
  {
    slug: 'instagram-strategy-guide',
    categorySlug: 'guides',
    name: 'Instagram Strategy Guide (E-Book)',
    description: 'Our playbook as a PDF: 80 pages on content, timing and growth.',
    productType: 'digital',
    vatCategory: 'reduced',
    priceGross: '19.90',
    variants: [{ sku: 'GUIDE-PDF', name: 'PDF', priceGross: '19.90', isDefault: true }],
    optionGroups: [],
    addOns: [],
    customFields: [],
  },
];

/** A demo order line: the product as sold and the price actually charged. */
export interface DemoOrderLine {
  readonly productSlug: string;
  readonly sku: string;
  readonly quantity: number;
  readonly unitPriceGross: string;
  readonly lineTax: string;
  readonly vatRate: string;
  readonly selections: Readonly<Record<string, unknown>>;
}

/** A demo order, with its payment and invoice when it was paid. */
export interface DemoOrder {
  readonly orderNumber: string;
  readonly customerEmail: string;
  readonly status: 'pending' | 'paid' | 'in_fulfillment';
  readonly placedAt: string;
  readonly paidAt: string | null;
  readonly subtotalNet: string;
  readonly taxTotal: string;
  readonly totalGross: string;
  readonly lines: readonly DemoOrderLine[];
  readonly payment?: { readonly stripePaymentIntentId: string; readonly method: string };
  readonly invoice?: { readonly invoiceNumber: string; readonly lexofficeInvoiceId: string };
}

export const DEMO_ORDERS: readonly DemoOrder[] = [
  {
    // Pro 249.00 + worldwide 20.00 + express 29.00 = 298.00 gross at 19 %:
    // net 298.00 / 1.19 = 250.42, VAT 47.58.
    orderNumber: 'ORD-DEMO-0001',
    customerEmail: 'anna.schmidt@example.com',
    status: 'in_fulfillment',
    placedAt: '2025-10-20T09:14:00Z',
    paidAt: '2025-10-20T09:15:12Z',
    subtotalNet: '250.42',
    taxTotal: '47.58',
    totalGross: '298.00',
    lines: [
      {
        productSlug: 'instagram-growth-package',
        sku: 'IG-GROWTH-PRO',
        quantity: 1,
        unitPriceGross: '298.00',
        lineTax: '47.58',
        vatRate: '19.00',
        selections: {
          options: { target_region: 'worldwide' },
          add_ons: ['express_start'],
          fields: { instagram_handle: 'anna.bakes', briefing: 'Baking and sourdough, Berlin audience' },
        },
      },
    ],
    payment: { stripePaymentIntentId: 'pi_demo_0001', method: 'card' },
    invoice: { invoiceNumber: 'RE-2025-00001', lexofficeInvoiceId: '6c3b9d1e-2f4a-4b8c-9d0e-1a2b3c4d5e01' },
  },
  {
    // E-book 19.90 gross at 7 %: net 19.90 / 1.07 = 18.60, VAT 1.30.
    orderNumber: 'ORD-DEMO-0002',
    customerEmail: 'max.mueller@example.com',
    status: 'paid',
    placedAt: '2025-10-21T14:02:00Z',
    paidAt: '2025-10-21T14:02:41Z',
    subtotalNet: '18.60',
    taxTotal: '1.30',
    totalGross: '19.90',
    lines: [{ productSlug: 'instagram-strategy-guide', sku: 'GUIDE-PDF', quantity: 1, unitPriceGross: '19.90', lineTax: '1.30', vatRate: '7.00', selections: {} }],
    payment: { stripePaymentIntentId: 'pi_demo_0002', method: 'sepa_debit' },
    invoice: { invoiceNumber: 'RE-2025-00002', lexofficeInvoiceId: '6c3b9d1e-2f4a-4b8c-9d0e-1a2b3c4d5e02' },
  },
  {
    // Starter 99.00 gross at 19 %: net 99.00 / 1.19 = 83.19, VAT 15.81. Not paid yet.
    orderNumber: 'ORD-DEMO-0003',
    customerEmail: 'anna.schmidt@example.com',
    status: 'pending',
    placedAt: '2025-10-24T18:40:00Z',
    paidAt: null,
    subtotalNet: '83.19',
    taxTotal: '15.81',
    totalGross: '99.00',
    lines: [
      {
        productSlug: 'instagram-growth-package',
        sku: 'IG-GROWTH-STARTER',
        quantity: 1,
        unitPriceGross: '99.00',
        lineTax: '15.81',
        vatRate: '19.00',
        selections: { options: { target_region: 'dach' }, fields: { instagram_handle: 'anna.bakes' } },
      },
    ],
  },
];

/** Work on Anna's paid order: fulfillment tasks, the campaign it bought and what was done. */
export const DEMO_FULFILLMENT = {
  orderNumber: 'ORD-DEMO-0001',
  assigneeEmail: 'jonas.becker@example.com',
  tasks: [
    { title: 'Kick-off call and audience research', status: 'done', completedAt: '2025-10-21T11:00:00Z' },
    { title: 'Set up the engagement campaign', status: 'in_progress', completedAt: null },
  ],
  campaign: { name: 'Pro growth campaign, Q4 2025', status: 'active', startsAt: '2025-10-22T00:00:00Z', endsAt: '2026-01-22T00:00:00Z', goals: { followers_gain: 3000 } },
  activities: [
    { activityType: 'engagement_session', occurredAt: '2025-10-23T10:00:00Z', summary: 'First engagement session with bakery accounts in the target region' },
    { activityType: 'report_sent', occurredAt: '2025-10-27T08:00:00Z', summary: 'Weekly report: +275 followers' },
  ],
} as const;

/** Carts: Anna's (logged in) and a guest's (by browser session). */
export const DEMO_CARTS = [
  { key: 'anna', userEmail: 'anna.schmidt@example.com', sessionId: null, items: [{ sku: 'CONTENT-MONTHLY', productSlug: 'monthly-content-plan', quantity: 1 }] },
  { key: 'guest', userEmail: null, sessionId: '0b6f3d5e-8a41-4c2b-9e7d-3f1a2b4c5d6e', items: [{ sku: 'GUIDE-PDF', productSlug: 'instagram-strategy-guide', quantity: 2 }] },
] as const;

/** Max's content plan subscription. */
export const DEMO_SUBSCRIPTION = {
  userEmail: 'max.mueller@example.com',
  planCode: 'content-monthly',
  stripeSubscriptionId: 'sub_demo_0001',
  currentPeriodStart: '2025-10-01T00:00:00Z',
  currentPeriodEnd: '2025-11-01T00:00:00Z',
} as const;

/** Support tickets, one in English and one in German. */
export const DEMO_TICKETS = [
  {
    ticketNumber: 'TCK-DEMO-0001',
    userEmail: 'anna.schmidt@example.com',
    orderNumber: 'ORD-DEMO-0001',
    subject: 'Refund for the express start?',
    body: 'Hi, my campaign started three days late although I paid for the express start. Could you refund the express fee? Thanks, Anna',
    status: 'open',
    priority: 'normal',
  },
  {
    ticketNumber: 'TCK-DEMO-0002',
    userEmail: 'max.mueller@example.com',
    orderNumber: 'ORD-DEMO-0002',
    subject: 'Rechnungsadresse ändern',
    body: 'Bitte ändern Sie die Rechnungsadresse auf der Rechnung RE-2025-00002: wir sind in die Große Elbstraße 45 umgezogen.',
    status: 'pending_customer',
    priority: 'low',
  },
] as const;

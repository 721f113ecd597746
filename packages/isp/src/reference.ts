/**
 * Reference data: what every installation needs, production included — the RADIUS policy
 * groups, the plan catalogue, SLA policies, message templates, the chart of accounts and the
 * integration catalogues. Natural keys (codes, group names) identify rows; the seeds insert a row
 * once and leave it alone afterwards, so an operator's later edit (a price, a template's wording,
 * a rate limit) is never reverted by a rerun.
 */
import type { EnumValue } from '@strata/core';
import type { MessageChannel, ServiceType, TicketPriority } from './enums';

/** The currency of the seeded catalogue (ISO 4217). */
export const REFERENCE_CURRENCY = 'USD';

/** One row of radgroupcheck or radgroupreply. */
export interface RadiusAttribute {
  readonly attribute: string;
  readonly op: string;
  readonly value: string;
}

/** A RADIUS group with its check and reply items (FreeRADIUS dictionary names). */
export interface RadiusGroup {
  readonly groupname: string;
  readonly description: string;
  readonly check: readonly RadiusAttribute[];
  readonly reply: readonly RadiusAttribute[];
}

/** Sessions report usage every 5 minutes: data caps and the portal see near-live totals. */
const INTERIM = { attribute: 'Acct-Interim-Interval', op: ':=', value: '300' } as const;
/** One session per subscriber (checked by FreeRADIUS's session section against radacct/nasreload). */
const ONE_SESSION = { attribute: 'Simultaneous-Use', op: ':=', value: '1' } as const;

/**
 * The policy groups. Rate limits use the MikroTik attribute (upload/download, as RouterOS reads
 * it); other BNGs take their own vendor attribute in the same group.
 */
export const RADIUS_GROUPS: readonly RadiusGroup[] = [
  {
    groupname: 'plan-fiber-100',
    description: 'Fiber 100: 50 Mbit/s up, 100 Mbit/s down',
    check: [ONE_SESSION],
    reply: [{ attribute: 'Mikrotik-Rate-Limit', op: ':=', value: '50M/100M' }, INTERIM],
  },
  {
    groupname: 'plan-fiber-500',
    description: 'Fiber 500: 250 Mbit/s up, 500 Mbit/s down',
    check: [ONE_SESSION],
    reply: [{ attribute: 'Mikrotik-Rate-Limit', op: ':=', value: '250M/500M' }, INTERIM],
  },
  {
    groupname: 'plan-fiber-1000',
    description: 'Fiber 1 Gig: 500 Mbit/s up, 1 Gbit/s down',
    check: [ONE_SESSION],
    reply: [{ attribute: 'Mikrotik-Rate-Limit', op: ':=', value: '500M/1000M' }, INTERIM],
  },
  {
    groupname: 'suspended',
    description: 'Walled garden for suspended subscribers: addresses from the "suspended" pool, which the BNG routes to the payment portal only',
    check: [ONE_SESSION],
    reply: [
      { attribute: 'Framed-Pool', op: ':=', value: 'suspended' },
      { attribute: 'Mikrotik-Rate-Limit', op: ':=', value: '1M/1M' },
      { attribute: 'Session-Timeout', op: ':=', value: '3600' },
    ],
  },
];

/** A plan of the catalogue. */
export interface ServicePlan {
  readonly code: string;
  readonly name: string;
  readonly serviceType: EnumValue<typeof ServiceType>;
  readonly description: string;
  readonly monthlyPrice: string;
  readonly setupFee: string;
  readonly downloadMbps?: number;
  readonly uploadMbps?: number;
  readonly radiusGroup?: string;
  readonly includedMinutes?: number;
  /** Bundle plans: the codes of the plans inside. */
  readonly components?: readonly string[];
}

export const SERVICE_PLANS: readonly ServicePlan[] = [
  { code: 'fiber_100', name: 'Fiber 100', serviceType: 'internet', description: 'Fibre to the home, 100/50 Mbit/s, unlimited data', monthlyPrice: '39.0000', setupFee: '49.0000', downloadMbps: 100, uploadMbps: 50, radiusGroup: 'plan-fiber-100' },
  { code: 'fiber_500', name: 'Fiber 500', serviceType: 'internet', description: 'Fibre to the home, 500/250 Mbit/s, unlimited data', monthlyPrice: '59.0000', setupFee: '49.0000', downloadMbps: 500, uploadMbps: 250, radiusGroup: 'plan-fiber-500' },
  { code: 'fiber_1000', name: 'Fiber 1 Gig', serviceType: 'internet', description: 'Fibre, 1000/500 Mbit/s, unlimited data', monthlyPrice: '79.0000', setupFee: '0.0000', downloadMbps: 1000, uploadMbps: 500, radiusGroup: 'plan-fiber-1000' },
  { code: 'voice_home', name: 'Home Voice', serviceType: 'voice', description: 'A landline number over the fibre, 1,000 national minutes a month', monthlyPrice: '14.9900', setupFee: '0.0000', includedMinutes: 1000 },
  { code: 'bundle_fiber_500_voice', name: 'Fiber 500 + Voice', serviceType: 'bundle', description: 'Fiber 500 and Home Voice together', monthlyPrice: '69.0000', setupFee: '0.0000', components: ['fiber_500', 'voice_home'] },
];

/** An SLA policy with its targets per priority, in minutes. */
export interface SlaPolicy {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly businessHoursOnly: boolean;
  readonly targets: Readonly<Record<EnumValue<typeof TicketPriority>, readonly [firstResponse: number, resolution: number]>>;
}

const HOUR = 60;

export const SLA_POLICIES: readonly SlaPolicy[] = [
  {
    code: 'residential_standard',
    name: 'Residential standard',
    description: 'Home customers: business hours',
    businessHoursOnly: true,
    targets: { low: [24 * HOUR, 5 * 24 * HOUR], normal: [8 * HOUR, 3 * 24 * HOUR], high: [4 * HOUR, 24 * HOUR], urgent: [HOUR, 8 * HOUR] },
  },
  {
    code: 'business_priority',
    name: 'Business priority',
    description: 'Business customers: round the clock',
    businessHoursOnly: false,
    targets: { low: [8 * HOUR, 2 * 24 * HOUR], normal: [4 * HOUR, 24 * HOUR], high: [HOUR, 8 * HOUR], urgent: [30, 4 * HOUR] },
  },
  {
    code: 'enterprise_premium',
    name: 'Enterprise premium',
    description: 'Enterprise contracts: round the clock, dedicated engineers',
    businessHoursOnly: false,
    targets: { low: [4 * HOUR, 24 * HOUR], normal: [HOUR, 8 * HOUR], high: [30, 4 * HOUR], urgent: [15, 2 * HOUR] },
  },
];

/** A message template; bodies use {{placeholders}}. */
export interface MessageTemplate {
  readonly code: string;
  readonly channel: EnumValue<typeof MessageChannel>;
  readonly locale: string;
  readonly subject?: string;
  readonly bodyText: string;
}

export const MESSAGE_TEMPLATES: readonly MessageTemplate[] = [
  { code: 'invoice_issued', channel: 'email', locale: 'en', subject: 'Your invoice {{invoice_number}}', bodyText: 'Hello {{customer_name}},\n\nyour invoice {{invoice_number}} of {{total}} {{currency}} is due on {{due_date}}. You can view and pay it in the customer portal.\n' },
  { code: 'payment_received', channel: 'email', locale: 'en', subject: 'Payment received, thank you', bodyText: 'Hello {{customer_name}},\n\nwe received your payment of {{amount}} {{currency}} on {{received_at}}. Thank you.\n' },
  { code: 'payment_received', channel: 'sms', locale: 'en', bodyText: 'Payment of {{amount}} {{currency}} received. Thank you! - {{isp_name}}' },
  { code: 'service_suspended', channel: 'email', locale: 'en', subject: 'Your service is suspended', bodyText: 'Hello {{customer_name}},\n\nyour {{service_name}} service is suspended because invoice {{invoice_number}} is overdue. Pay it in the customer portal and the service resumes within minutes.\n' },
  { code: 'service_suspended', channel: 'sms', locale: 'en', bodyText: 'Your {{service_name}} service is suspended (overdue invoice {{invoice_number}}). Pay at {{portal_url}} to resume. - {{isp_name}}' },
  { code: 'ticket_created', channel: 'email', locale: 'en', subject: 'We received your request [{{ticket_number}}]', bodyText: 'Hello {{customer_name}},\n\nwe opened ticket {{ticket_number}} about "{{subject}}". We will reply within {{first_response_target}}.\n' },
  { code: 'outage_notice', channel: 'sms', locale: 'en', bodyText: 'Service interruption in your area since {{started_at}}. Our engineers are on it; next update by {{next_update_at}}. - {{isp_name}}' },
  { code: 'work_order_scheduled', channel: 'sms', locale: 'en', bodyText: 'Your technician visit ({{work_type}}) is booked for {{window}}. Reply CHANGE to reschedule. - {{isp_name}}' },
];

/** The chart of accounts the billing system posts to. */
export const LEDGER_ACCOUNTS = [
  { code: '1000', name: 'Cash at bank', accountType: 'asset' },
  { code: '1100', name: 'Accounts receivable', accountType: 'asset' },
  { code: '2100', name: 'Customer credit balances', accountType: 'liability' },
  { code: '2200', name: 'Sales tax payable', accountType: 'liability' },
  { code: '4000', name: 'Internet service revenue', accountType: 'revenue' },
  { code: '4100', name: 'Voice service revenue', accountType: 'revenue' },
  { code: '4500', name: 'Installation and setup fees', accountType: 'revenue' },
  { code: '4900', name: 'Credit notes and allowances', accountType: 'expense' },
] as const;

/** The ledger account codes the billing code posts to by name. */
export const LedgerCode = {
  bank: '1000',
  receivables: '1100',
  salesTax: '2200',
  internetRevenue: '4000',
  voiceRevenue: '4100',
} as const;

/** API scopes: resource:read / resource:write. */
export const API_SCOPES = [
  { code: 'customers:read', description: 'Read customers, contacts and locations' },
  { code: 'customers:write', description: 'Create and change customers, contacts and locations' },
  { code: 'services:read', description: 'Read services and provisioning jobs' },
  { code: 'services:write', description: 'Order, change, suspend and cancel services' },
  { code: 'billing:read', description: 'Read invoices, payments and credit notes' },
  { code: 'billing:write', description: 'Record payments and issue credit notes' },
  { code: 'radius:read', description: 'Read RADIUS sessions and authentication logs' },
  { code: 'radius:write', description: 'Change RADIUS credentials and groups' },
  { code: 'tickets:read', description: 'Read tickets and work orders' },
  { code: 'tickets:write', description: 'Open and update tickets' },
  { code: 'network:read', description: 'Read sites, devices, IPAM and monitoring' },
] as const;

/** Rate limit policies for API keys. */
export const RATE_LIMIT_POLICIES = [
  { code: 'standard', name: 'Standard', requestsPerMinute: 60, burst: 30, requestsPerDay: 50_000 },
  { code: 'partner', name: 'Partner', requestsPerMinute: 600, burst: 200, requestsPerDay: null },
] as const;

/** Webhook event types. */
export const WEBHOOK_EVENT_TYPES = [
  { code: 'customer.created', description: 'A customer account was created' },
  { code: 'customer.updated', description: 'A customer account changed' },
  { code: 'service.activated', description: 'A service went live' },
  { code: 'service.suspended', description: 'A service was suspended' },
  { code: 'service.cancelled', description: 'A service was cancelled' },
  { code: 'invoice.issued', description: 'An invoice was issued' },
  { code: 'invoice.paid', description: 'An invoice was paid in full' },
  { code: 'payment.received', description: 'A payment was received' },
  { code: 'ticket.created', description: 'A support ticket was opened' },
  { code: 'ticket.resolved', description: 'A support ticket was resolved' },
  { code: 'work_order.completed', description: 'A field work order was completed' },
] as const;

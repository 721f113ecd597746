/**
 * Demo data (development only; the runner and each demo seed refuse production): a customer
 * hierarchy (Acme Holdings with two branch accounts billed to it, and a residential customer),
 * a point of presence with its BNG, IPAM and the NAS entry FreeRADIUS reads, services with
 * RADIUS credentials, and a paid invoice with its journal entries.
 *
 * Addresses come from the documentation ranges (RFC 5737 203.0.113.0/24, RFC 6598 CGNAT space),
 * telephone numbers from the fictional 555 range, domains from .example.
 */

/**
 * The RADIUS password of every demo subscriber, stored as `Cleartext-Password` in radcheck —
 * what FreeRADIUS needs to answer PAP (and CHAP, MS-CHAP) requests. DEMO ONLY: production
 * credentials are written by provisioning, per subscriber; see the README for hashed
 * alternatives (`SSHA2-512-Password`, `Crypt-Password`, `NT-Password`) and what each allows.
 */
export const DEMO_RADIUS_PASSWORD = 'demo-subscriber-password';

/**
 * The demo NAS: your own machine (127.0.0.1), so `radtest` against a FreeRADIUS reading this
 * database is accepted as coming from the demo BNG. DEMO ONLY: a real NAS gets a long random
 * secret, entered by the network team, never seeded.
 */
export const DEMO_NAS = {
  nasname: '127.0.0.1',
  shortname: 'bng1-demo',
  type: 'other',
  secret: 'demo-nas-shared-secret',
  description: 'Demo BNG (your machine): radtest and radclient from localhost',
} as const;

/** Natural keys of the demo locations. */
export const DEMO_LOCATIONS = [
  { key: 'acme-hq', label: 'Acme Holdings HQ', address_line1: '1 Market Street', city: 'Springfield', region: 'IL', postal_code: '62701', country_code: 'US', latitude: '39.801700', longitude: '-89.643600', time_zone: 'America/Chicago' },
  { key: 'acme-north', label: 'Acme North Branch', address_line1: '400 North Grand Avenue', city: 'Springfield', region: 'IL', postal_code: '62702', country_code: 'US', latitude: '39.821300', longitude: '-89.650200', time_zone: 'America/Chicago' },
  { key: 'acme-south', label: 'Acme South Branch', address_line1: '2900 South 6th Street', city: 'Springfield', region: 'IL', postal_code: '62703', country_code: 'US', latitude: '39.770100', longitude: '-89.648800', time_zone: 'America/Chicago' },
  { key: 'jane-home', label: null, address_line1: '12 Elm Street', address_line2: 'Apartment 3', city: 'Springfield', region: 'IL', postal_code: '62704', country_code: 'US', latitude: '39.789400', longitude: '-89.680100', time_zone: 'America/Chicago' },
  { key: 'pop-1', label: 'POP Springfield 1', address_line1: '700 East Adams Street', city: 'Springfield', region: 'IL', postal_code: '62701', country_code: 'US', latitude: '39.800900', longitude: '-89.645300', time_zone: 'America/Chicago' },
] as const;

export type DemoLocationKey = (typeof DEMO_LOCATIONS)[number]['key'];

/** A demo customer; `parent` is another demo customer's number. */
export interface DemoCustomer {
  readonly number: string;
  readonly displayName: string;
  readonly type: 'residential' | 'business' | 'enterprise' | 'reseller';
  readonly parent: string | null;
  readonly portalId: string;
  readonly email: string;
  readonly phone: string;
  readonly legalName: string | null;
  readonly taxId: string | null;
  readonly locations: readonly { readonly key: DemoLocationKey; readonly purpose: 'service' | 'billing' | 'mailing' | 'installation' }[];
  readonly contacts: readonly { readonly role: 'primary' | 'billing' | 'technical' | 'emergency'; readonly fullName: string; readonly email: string; readonly phone: string | null }[];
  readonly billing: { readonly paymentTermsDays: number; readonly billToParent: boolean; readonly autoPay: boolean };
}

/** Parents before children: the hierarchy is written top-down and removed bottom-up. */
export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    number: 'CUST-000100',
    displayName: 'Acme Holdings',
    type: 'enterprise',
    parent: null,
    portalId: 'ACME-HQ',
    email: 'it@acme.example',
    phone: '+12175550100',
    legalName: 'Acme Holdings Inc.',
    taxId: 'US-12-3456789',
    locations: [{ key: 'acme-hq', purpose: 'billing' }],
    contacts: [
      { role: 'billing', fullName: 'Bea Booker', email: 'ap@acme.example', phone: '+12175550101' },
      { role: 'technical', fullName: 'Theo Tech', email: 'noc@acme.example', phone: '+12175550102' },
    ],
    billing: { paymentTermsDays: 30, billToParent: false, autoPay: false },
  },
  {
    number: 'CUST-000101',
    displayName: 'Acme North Branch',
    type: 'business',
    parent: 'CUST-000100',
    portalId: 'ACME-NORTH',
    email: 'north@acme.example',
    phone: '+12175550110',
    legalName: null,
    taxId: null,
    locations: [{ key: 'acme-north', purpose: 'service' }],
    contacts: [{ role: 'primary', fullName: 'Nora North', email: 'north@acme.example', phone: '+12175550110' }],
    billing: { paymentTermsDays: 30, billToParent: true, autoPay: false },
  },
  {
    number: 'CUST-000102',
    displayName: 'Acme South Branch',
    type: 'business',
    parent: 'CUST-000100',
    portalId: 'ACME-SOUTH',
    email: 'south@acme.example',
    phone: '+12175550120',
    legalName: null,
    taxId: null,
    locations: [{ key: 'acme-south', purpose: 'service' }],
    contacts: [{ role: 'primary', fullName: 'Sam South', email: 'south@acme.example', phone: '+12175550120' }],
    billing: { paymentTermsDays: 30, billToParent: true, autoPay: false },
  },
  {
    number: 'CUST-000200',
    displayName: 'Jane Doe',
    type: 'residential',
    parent: null,
    portalId: 'JDOE-0200',
    email: 'jane.doe@mail.example',
    phone: '+12175550123',
    legalName: null,
    taxId: null,
    locations: [
      { key: 'jane-home', purpose: 'service' },
      { key: 'jane-home', purpose: 'billing' },
    ],
    contacts: [{ role: 'primary', fullName: 'Jane Doe', email: 'jane.doe@mail.example', phone: '+12175550123' }],
    billing: { paymentTermsDays: 14, billToParent: false, autoPay: true },
  },
];

/** The demo currency. */
export const DEMO_CURRENCY = 'USD';

/** The POP, its BNG and the IPAM around it. */
export const DEMO_NETWORK = {
  site: { code: 'demo-pop-1', name: 'POP Springfield 1', siteType: 'pop', location: 'pop-1' },
  device: { hostname: 'bng1.demo-pop-1', role: 'bng', vendor: 'MikroTik', model: 'CCR2216-1G-12XS-2XQ', serialNumber: 'DEMO-BNG-0001', managementIp: '10.255.0.1' },
  interfaces: [
    { name: 'sfp28-1', type: 'sfp_plus', parent: null, description: 'Access aggregation uplink' },
    { name: 'sfp28-1.100', type: 'vlan', parent: 'sfp28-1', description: 'Subscriber VLAN 100' },
    { name: 'lo0', type: 'loopback', parent: null, description: 'Management loopback' },
  ],
  vrf: { name: 'mgmt', routeDistinguisher: '65000:100', description: 'Out-of-band management' },
  vlanGroup: { name: 'demo-pop-1-access' },
  vlan: { vid: 100, name: 'subscribers' },
  aggregates: [
    { prefix: '203.0.113.0/24', rir: 'RFC5737', description: 'Documentation range standing in for the ISP\'s public allocation' },
    { prefix: '100.64.0.0/10', rir: 'RFC6598', description: 'Shared address space for CGNAT' },
    { prefix: '10.0.0.0/8', rir: 'RFC1918', description: 'Private space (management)' },
  ],
  prefixes: [
    { key: 'public-static', prefix: '203.0.113.0/24', vrf: null, role: 'customer_static', vlan: true, description: 'Static public addresses for business customers' },
    { key: 'cgnat-pool', prefix: '100.64.0.0/22', vrf: null, role: 'customer_pool', vlan: true, description: 'CGNAT pool of residential subscribers' },
    { key: 'mgmt', prefix: '10.255.0.0/24', vrf: 'mgmt', role: 'management', vlan: false, description: 'Management network of POP 1' },
  ],
  addresses: [
    { key: 'gateway', prefix: 'public-static', address: '203.0.113.1/24', role: 'gateway', interface: 'sfp28-1.100', dnsName: 'gw.demo-pop-1.isp.example' },
    { key: 'acme-north', prefix: 'public-static', address: '203.0.113.10/24', role: null, interface: null, dnsName: 'acme-north.customers.isp.example' },
    { key: 'bng-mgmt', prefix: 'mgmt', address: '10.255.0.1/24', role: 'loopback', interface: 'lo0', dnsName: 'bng1.demo-pop-1.mgmt.isp.example' },
  ],
} as const;

/** A demo service; bundle parts name their bundle. */
export interface DemoService {
  readonly number: string;
  readonly customer: string;
  readonly plan: string;
  readonly location: DemoLocationKey;
  readonly bundle?: string;
  readonly internet?: { readonly username: string; readonly staticAddress?: string };
  readonly voice?: { readonly phoneNumber: string; readonly sipUsername: string; readonly callerIdName: string };
}

/** Bundles before their parts. */
export const DEMO_SERVICES: readonly DemoService[] = [
  { number: 'SVC-000100', customer: 'CUST-000101', plan: 'fiber_1000', location: 'acme-north', internet: { username: 'acme-north@fiber.example', staticAddress: 'acme-north' } },
  { number: 'SVC-000101', customer: 'CUST-000102', plan: 'fiber_100', location: 'acme-south', internet: { username: 'acme-south@fiber.example' } },
  { number: 'SVC-000200', customer: 'CUST-000200', plan: 'bundle_fiber_500_voice', location: 'jane-home' },
  { number: 'SVC-000201', customer: 'CUST-000200', plan: 'fiber_500', location: 'jane-home', bundle: 'SVC-000200', internet: { username: 'jane.doe@fiber.example' } },
  { number: 'SVC-000202', customer: 'CUST-000200', plan: 'voice_home', location: 'jane-home', bundle: 'SVC-000200', voice: { phoneNumber: '+12175550199', sipUsername: 'jane.doe.voice', callerIdName: 'JANE DOE' } },
];

/** When the demo services went live. */
export const DEMO_ACTIVATED_AT = '2025-07-01T09:00:00Z';

/**
 * July 2025 for Acme Holdings: the two branch lines (bill_to_parent), 10 % sales tax, paid by
 * bank transfer. Journal: Dr receivables 129.80 / Cr internet revenue 118.00, Cr sales tax 11.80;
 * then Dr bank 129.80 / Cr receivables 129.80.
 */
export const DEMO_INVOICE = {
  number: 'INV-DEMO-000001',
  customer: 'CUST-000100',
  issueDate: '2025-08-01',
  dueDate: '2025-08-31',
  periodStart: '2025-07-01',
  periodEnd: '2025-07-31',
  taxRate: '10.000',
  lines: [
    { lineNumber: 1, service: 'SVC-000100', description: 'Fiber 1 Gig — Acme North Branch, July 2025', unitPrice: '79.0000', taxAmount: '7.9000' },
    { lineNumber: 2, service: 'SVC-000101', description: 'Fiber 100 — Acme South Branch, July 2025', unitPrice: '39.0000', taxAmount: '3.9000' },
  ],
  subtotal: '118.0000',
  taxTotal: '11.8000',
  total: '129.8000',
  payment: { number: 'PAY-DEMO-000001', method: 'bank_transfer', receivedAt: '2025-08-20T14:30:00Z', provider: 'bank', providerReference: 'DEMO-TRANSFER-0001' },
  entries: [
    {
      number: 'JE-DEMO-000001',
      date: '2025-08-01',
      source: 'invoice',
      description: 'Invoice INV-DEMO-000001',
      lines: [
        { key: 'receivable', account: '1100', debit: '129.8000', credit: '0', customer: true },
        { key: 'revenue', account: '4000', debit: '0', credit: '118.0000', customer: false },
        { key: 'tax', account: '2200', debit: '0', credit: '11.8000', customer: false },
      ],
    },
    {
      number: 'JE-DEMO-000002',
      date: '2025-08-20',
      source: 'payment',
      description: 'Payment PAY-DEMO-000001 for INV-DEMO-000001',
      lines: [
        { key: 'bank', account: '1000', debit: '129.8000', credit: '0', customer: false },
        { key: 'receivable', account: '1100', debit: '0', credit: '129.8000', customer: true },
      ],
    },
  ],
} as const;

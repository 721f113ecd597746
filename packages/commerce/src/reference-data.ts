/**
 * Reference data ("Seed & Fixtures" of seed 003): roles, product categories and VAT rates. Safe
 * in production; every environment gets it.
 */
import type { UserRole, VatCategory } from './enums';

/** What the `roles` table says about each value of `user_role`. */
export interface RoleRow {
  readonly code: UserRole;
  readonly name: string;
  readonly description: string;
  readonly permissions: readonly string[];
}

/** One row per user_role value (a test holds the two lists equal). Owned by this package. */
export const ROLES: readonly RoleRow[] = [
  {
    code: 'customer',
    name: 'Customer',
    description: 'Buys services and manages their own orders, subscriptions and data',
    permissions: ['shop:checkout', 'account:own'],
  },
  {
    code: 'support',
    name: 'Support agent',
    description: 'Answers support tickets and looks up customers and orders',
    permissions: ['tickets:read', 'tickets:reply', 'customers:read', 'orders:read'],
  },
  {
    code: 'fulfillment',
    name: 'Fulfillment specialist',
    description: 'Delivers ordered services: fulfillment tasks and Instagram campaigns',
    permissions: ['orders:read', 'fulfillment:manage', 'campaigns:manage'],
  },
  {
    code: 'admin',
    name: 'Administrator',
    description: 'Runs the shop: catalog, refunds, staff, integrations and GDPR requests',
    permissions: ['*'],
  },
];

/** A product category of the shop. */
export interface CategoryRow {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly sortOrder: number;
}

/** The shop's categories. Staff may rename or reorder them: a rerun leaves their edits alone. */
export const PRODUCT_CATEGORIES: readonly CategoryRow[] = [
  { slug: 'instagram-growth', name: 'Instagram Growth', description: 'Managed campaigns that grow an Instagram audience', sortOrder: 1 },
  { slug: 'content-creation', name: 'Content Creation', description: 'Posts, reels and stories produced for the customer', sortOrder: 2 },
  { slug: 'consulting', name: 'Consulting & Strategy', description: 'Audits, strategy sessions and coaching', sortOrder: 3 },
  { slug: 'guides', name: 'Guides & E-Books', description: 'Digital publications (reduced VAT rate)', sortOrder: 4 },
];

/** A VAT rate with its validity. */
export interface VatRateRow {
  readonly countryCode: string;
  readonly category: VatCategory;
  /** Percent, as numeric(5,2) text. */
  readonly rate: string;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly description: string;
}

/**
 * German VAT (the seller's country; Lexoffice books German rates): 19 % standard and 7 % reduced
 * (§ 12 Abs. 1 and 2 UStG), valid since 2021-01-01, when the temporary 16 %/5 % of the second half
 * of 2020 ended. Owned by this package: the law is the source, so a corrected rate wins on the
 * next seed run.
 */
export const VAT_RATES: readonly VatRateRow[] = [
  { countryCode: 'DE', category: 'standard', rate: '19.00', validFrom: '2021-01-01', validUntil: null, description: 'Regelsteuersatz, § 12 Abs. 1 UStG' },
  { countryCode: 'DE', category: 'reduced', rate: '7.00', validFrom: '2021-01-01', validUntil: null, description: 'Ermäßigter Steuersatz, § 12 Abs. 2 UStG (u. a. E-Books)' },
];

/** Natural key of a VAT rate row, for its stable id. */
export function vatRateKey(rate: VatRateRow): string {
  return `${rate.countryCode}:${rate.category}:${rate.validFrom}`;
}

/**
 * Shared by the package's tests: the real `strata` CLI run in this package, and small fixtures
 * that build the rows a test needs.
 */
import path from 'node:path';
import type { Knex } from 'knex';
import { packageCli } from '@strata/core/testing';
import { CREDENTIAL_KEYS_ENV } from '../src/credentials';
import { Table } from '../src/tables';

/** The package folder: the CLI finds migrations/ and seeds/ from here, as `pnpm migrate` does. */
export const PACKAGE_DIR = path.resolve(__dirname, '..');

/** `strata(url, args, env)` / `strataOk(…)`: the CLI without the caller's keyring. */
export const cli = packageCli(PACKAGE_DIR, { unset: [CREDENTIAL_KEYS_ENV] });
export const { strata, strataOk } = cli;

/** Inserts an active customer login (and its profile unless `profile: false`); returns the ids. */
export async function insertCustomer(knex: Knex, email: string, options: { profile?: boolean } = {}): Promise<{ userId: string; profileId: string | null }> {
  const [user] = (await knex(Table.users).insert({ email, role: 'customer', status: 'active' }).returning('id')) as { id: string }[];
  if (options.profile === false) return { userId: user!.id, profileId: null };
  const [profile] = (await knex(Table.customerProfiles).insert({ user_id: user!.id, first_name: 'Test', last_name: 'Customer' }).returning('id')) as { id: string }[];
  return { userId: user!.id, profileId: profile!.id };
}

/** Inserts a live product with one variant; returns their ids. */
export async function insertProduct(knex: Knex, slug: string, sku = `${slug.toUpperCase()}-1`): Promise<{ productId: string; variantId: string }> {
  const [product] = (await knex(Table.products).insert({ slug, name: `Product ${slug}`, price_gross: '19.00', status: 'active' }).returning('id')) as { id: string }[];
  const [variant] = (await knex(Table.productVariants).insert({ product_id: product!.id, sku, name: 'Default', price_gross: '19.00', is_default: true }).returning('id')) as { id: string }[];
  return { productId: product!.id, variantId: variant!.id };
}

/** Inserts a paid order of 119.00 EUR (100.00 + 19 % VAT) with one line, its payment and invoice. */
export async function insertPaidOrder(knex: Knex, userId: string, key: string): Promise<{ orderId: string; paymentId: string; invoiceId: string }> {
  const [order] = (await knex(Table.orders)
    .insert({ user_id: userId, status: 'paid', subtotal_net: '100.00', tax_total: '19.00', total_gross: '119.00', paid_at: knex.fn.now() })
    .returning('id')) as { id: string }[];
  const orderId = order!.id;
  await knex(Table.orderItems).insert({ order_id: orderId, product_name: 'Consulting hour', quantity: 1, unit_price_gross: '119.00', line_total_gross: '119.00', line_tax: '19.00', vat_rate: '19.00' });
  const [payment] = (await knex(Table.payments)
    .insert({ order_id: orderId, status: 'succeeded', amount: '119.00', stripe_payment_intent_id: `pi_${key}`, paid_at: knex.fn.now() })
    .returning('id')) as { id: string }[];
  const [invoice] = (await knex(Table.invoices)
    .insert({
      order_id: orderId,
      invoice_number: `RE-${key}`,
      status: 'issued',
      net_amount: '100.00',
      tax_amount: '19.00',
      gross_amount: '119.00',
      billing_name: 'Test Customer',
      billing_address: JSON.stringify({ line1: 'Teststraße 1', postal_code: '10115', city: 'Berlin', country: 'DE' }),
      issued_at: knex.fn.now(),
    })
    .returning('id')) as { id: string }[];
  return { orderId, paymentId: payment!.id, invoiceId: invoice!.id };
}

/**
 * Demo: a customer hierarchy — Acme Holdings (enterprise) with two branch accounts billed to it,
 * and Jane Doe (residential) — with their addresses, contacts and billing configuration.
 * Development only: refused on production targets.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { deleteSeeded, stableId } from '../src';
import { DEMO_CURRENCY, DEMO_CUSTOMERS, DEMO_LOCATIONS } from '../src/demo';
import { Table } from '../src/tables';

export const profile = SeedProfile.demo;

const linkKey = (customer: string, location: string, purpose: string) => `${customer}/${location}/${purpose}`;
const contactKey = (customer: string, role: string) => `${customer}/${role}`;

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'demo customers');
  for (const { key, ...location } of DEMO_LOCATIONS) {
    await ensureRow(knex, Table.locations, { id: stableId(Table.locations, key) }, { id: stableId(Table.locations, key), ...location });
  }
  for (const customer of DEMO_CUSTOMERS) {
    const customerId = await ensureRow(knex, Table.customers, { customer_number: customer.number }, {
      id: stableId(Table.customers, customer.number),
      customer_number: customer.number,
      customer_type: customer.type,
      status: 'active',
      display_name: customer.displayName,
      email: customer.email,
      phone: customer.phone,
      parent_customer_id: customer.parent ? stableId(Table.customers, customer.parent) : null,
      portal_id: customer.portalId,
      legal_name: customer.legalName,
      tax_id: customer.taxId,
      preferred_language: 'en',
      customer_since: '2025-06-15',
    });
    for (const link of customer.locations) {
      await ensureRow(knex, Table.customerLocations, { id: stableId(Table.customerLocations, linkKey(customer.number, link.key, link.purpose)) }, {
        id: stableId(Table.customerLocations, linkKey(customer.number, link.key, link.purpose)),
        customer_id: customerId,
        location_id: stableId(Table.locations, link.key),
        purpose: link.purpose,
        is_primary: true,
      });
    }
    for (const contact of customer.contacts) {
      await ensureRow(knex, Table.customerContacts, { id: stableId(Table.customerContacts, contactKey(customer.number, contact.role)) }, {
        id: stableId(Table.customerContacts, contactKey(customer.number, contact.role)),
        customer_id: customerId,
        role: contact.role,
        full_name: contact.fullName,
        email: contact.email,
        phone: contact.phone,
        is_primary: true,
      });
    }
    await ensureRow(knex, Table.customerBillingConfigs, { customer_id: customerId }, {
      id: stableId(Table.customerBillingConfigs, customer.number),
      customer_id: customerId,
      currency: DEMO_CURRENCY,
      payment_terms_days: customer.billing.paymentTermsDays,
      bill_to_parent: customer.billing.billToParent,
      auto_pay: customer.billing.autoPay,
    });
  }
}

/** Children before parents (a parent with children cannot be deleted), then the addresses. */
export async function undo(knex: Knex): Promise<void> {
  const customers = [...DEMO_CUSTOMERS].reverse();
  await deleteSeeded(knex, Table.customerBillingConfigs, customers.map((c) => c.number));
  await deleteSeeded(knex, Table.customerContacts, customers.flatMap((c) => c.contacts.map((contact) => contactKey(c.number, contact.role))));
  await deleteSeeded(knex, Table.customerLocations, customers.flatMap((c) => c.locations.map((link) => linkKey(c.number, link.key, link.purpose))));
  for (const customer of customers) await deleteSeeded(knex, Table.customers, [customer.number]);
  await deleteSeeded(knex, Table.locations, DEMO_LOCATIONS.map((location) => location.key));
}

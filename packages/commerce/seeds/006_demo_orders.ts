/**
 * Demo seed: three orders with their lines — two paid (payment, issued invoice, history), one
 * pending — and the work on Anna's order: fulfillment tasks, the campaign she bought and its
 * activities, and the "order paid" e-mail. Refused in production.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { DEMO_FULFILLMENT, DEMO_ORDERS, DEMO_USERS, type DemoOrder } from '../src/demo-data';
import { deleteSeeded, stableId } from '../src/ids';
import { ensureChild, requireId } from '../src/seeding';
import { DEFAULT_CURRENCY, Table } from '../src/tables';

export const profile = SeedProfile.demo;

/** Natural keys of the rows without one of their own. */
const lineKey = (order: DemoOrder, index: number) => `${order.orderNumber}:${index + 1}`;
const eventKeys = (order: DemoOrder) => (order.paidAt ? [`${order.orderNumber}:created`, `${order.orderNumber}:paid`] : [`${order.orderNumber}:created`]);
const taskKey = (index: number) => `${DEMO_FULFILLMENT.orderNumber}:${index + 1}`;
const activityKey = (index: number) => `${DEMO_FULFILLMENT.orderNumber}:campaign:${index + 1}`;
const NOTIFICATION_KEY = `${DEMO_FULFILLMENT.orderNumber}:order.paid`;

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'demo orders');
  for (const order of DEMO_ORDERS) {
    const userId = await requireId(knex, Table.users, { email: order.customerEmail }, '004_demo_customers');
    const profile = DEMO_USERS.find((u) => u.email === order.customerEmail)!.profile!;
    const orderId = await ensureRow(knex, Table.orders, { order_number: order.orderNumber }, {
      id: stableId(Table.orders, order.orderNumber),
      order_number: order.orderNumber,
      user_id: userId,
      status: order.status,
      currency: DEFAULT_CURRENCY,
      subtotal_net: order.subtotalNet,
      tax_total: order.taxTotal,
      total_gross: order.totalGross,
      customer_email: order.customerEmail,
      billing_address: JSON.stringify(profile.billingAddress),
      stripe_checkout_session_id: order.payment ? `cs_demo_${order.orderNumber.slice(-4)}` : null,
      placed_at: order.placedAt,
      paid_at: order.paidAt,
    });
    for (const [index, line] of order.lines.entries()) {
      const variant = (await knex(Table.productVariants).where({ id: stableId(Table.productVariants, line.sku) }).first('name')) as { name: string } | undefined;
      const product = (await knex(Table.products).where({ id: stableId(Table.products, line.productSlug) }).first('name')) as { name: string } | undefined;
      await ensureChild(knex, Table.orderItems, lineKey(order, index), {
        order_id: orderId,
        product_id: stableId(Table.products, line.productSlug),
        variant_id: stableId(Table.productVariants, line.sku),
        product_name: product?.name ?? line.productSlug,
        variant_name: variant?.name ?? null,
        sku: line.sku,
        quantity: line.quantity,
        unit_price_gross: line.unitPriceGross,
        line_total_gross: (Number(line.unitPriceGross) * line.quantity).toFixed(2),
        line_tax: line.lineTax,
        vat_rate: line.vatRate,
        selections: JSON.stringify(line.selections),
      });
    }
    const [created, paid] = eventKeys(order);
    await ensureChild(knex, Table.orderEvents, created!, { order_id: orderId, event_type: 'created', to_status: 'pending', occurred_at: order.placedAt });
    if (order.payment && order.paidAt) {
      await ensureChild(knex, Table.orderEvents, paid!, { order_id: orderId, event_type: 'payment_received', from_status: 'pending', to_status: 'paid', occurred_at: order.paidAt });
      await ensureRow(knex, Table.payments, { stripe_payment_intent_id: order.payment.stripePaymentIntentId }, {
        id: stableId(Table.payments, order.payment.stripePaymentIntentId),
        order_id: orderId,
        provider: 'stripe',
        status: 'succeeded',
        amount: order.totalGross,
        currency: DEFAULT_CURRENCY,
        stripe_payment_intent_id: order.payment.stripePaymentIntentId,
        method: order.payment.method,
        paid_at: order.paidAt,
      });
    }
    if (order.invoice && order.paidAt) {
      await ensureRow(knex, Table.invoices, { invoice_number: order.invoice.invoiceNumber }, {
        id: stableId(Table.invoices, order.invoice.invoiceNumber),
        order_id: orderId,
        invoice_number: order.invoice.invoiceNumber,
        status: 'paid',
        currency: DEFAULT_CURRENCY,
        net_amount: order.subtotalNet,
        tax_amount: order.taxTotal,
        gross_amount: order.totalGross,
        billing_name: profile.companyName ?? `${profile.firstName} ${profile.lastName}`,
        billing_address: JSON.stringify(profile.billingAddress),
        billing_vat_id: profile.vatId ?? null,
        issued_at: order.paidAt,
        paid_at: order.paidAt,
        lexoffice_invoice_id: order.invoice.lexofficeInvoiceId,
        lexoffice_synced_at: order.paidAt,
      });
    }
  }

  const order = DEMO_ORDERS.find((o) => o.orderNumber === DEMO_FULFILLMENT.orderNumber)!;
  const itemId = stableId(Table.orderItems, lineKey(order, 0));
  const assigneeId = await requireId(knex, Table.users, { email: DEMO_FULFILLMENT.assigneeEmail }, '004_demo_customers');
  for (const [index, task] of DEMO_FULFILLMENT.tasks.entries()) {
    await ensureChild(knex, Table.fulfillmentTasks, taskKey(index), {
      order_item_id: itemId,
      assignee_user_id: assigneeId,
      title: task.title,
      status: task.status,
      sort_order: index,
      completed_at: task.completedAt,
    });
  }
  const profileId = stableId(Table.customerProfiles, order.customerEmail);
  const { campaign } = DEMO_FULFILLMENT;
  const campaignId = await ensureChild(knex, Table.serviceCampaigns, DEMO_FULFILLMENT.orderNumber, {
    customer_profile_id: profileId,
    instagram_account_id: (await knex(Table.instagramAccounts).where({ customer_profile_id: profileId }).first('id'))?.id ?? null,
    order_item_id: itemId,
    name: campaign.name,
    status: campaign.status,
    starts_at: campaign.startsAt,
    ends_at: campaign.endsAt,
    goals: JSON.stringify(campaign.goals),
  });
  for (const [index, activity] of DEMO_FULFILLMENT.activities.entries()) {
    await ensureChild(knex, Table.campaignActivities, activityKey(index), {
      service_campaign_id: campaignId,
      performed_by_user_id: assigneeId,
      activity_type: activity.activityType,
      occurred_at: activity.occurredAt,
      summary: activity.summary,
    });
  }
  await ensureChild(knex, Table.notifications, NOTIFICATION_KEY, {
    user_id: stableId(Table.users, order.customerEmail),
    channel: 'email',
    status: 'sent',
    template: 'order.paid',
    subject: `Thank you for your order ${order.orderNumber}`,
    data: JSON.stringify({ order_number: order.orderNumber, total_gross: order.totalGross }),
    sent_at: order.paidAt,
  });
}

/** Reverse order: what points at orders first (RESTRICT), then the orders themselves. */
export async function undo(knex: Knex): Promise<void> {
  const fulfilled = DEMO_ORDERS.find((o) => o.orderNumber === DEMO_FULFILLMENT.orderNumber)!;
  await deleteSeeded(knex, Table.notifications, [NOTIFICATION_KEY]);
  await deleteSeeded(knex, Table.campaignActivities, DEMO_FULFILLMENT.activities.map((_, i) => activityKey(i)));
  await deleteSeeded(knex, Table.serviceCampaigns, [fulfilled.orderNumber]);
  await deleteSeeded(knex, Table.fulfillmentTasks, DEMO_FULFILLMENT.tasks.map((_, i) => taskKey(i)));
  await deleteSeeded(knex, Table.invoices, DEMO_ORDERS.flatMap((o) => (o.invoice ? [o.invoice.invoiceNumber] : [])));
  await deleteSeeded(knex, Table.payments, DEMO_ORDERS.flatMap((o) => (o.payment ? [o.payment.stripePaymentIntentId] : [])));
  await deleteSeeded(knex, Table.orderEvents, DEMO_ORDERS.flatMap(eventKeys));
  await deleteSeeded(knex, Table.orderItems, DEMO_ORDERS.flatMap((o) => o.lines.map((_, i) => lineKey(o, i))));
  await deleteSeeded(knex, Table.orders, DEMO_ORDERS.map((o) => o.orderNumber));
}

/**
 * Demo seed: Anna's cart and a guest's cart (by browser session), Max's content plan
 * subscription, and two support tickets (one English, one German). Refused in production.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { DEMO_CARTS, DEMO_SUBSCRIPTION, DEMO_TICKETS } from '../src/demo-data';
import { deleteSeeded, stableId } from '../src/ids';
import { ensureChild, requireId } from '../src/seeding';
import { Table } from '../src/tables';

export const profile = SeedProfile.demo;

const itemKeys = (cart: (typeof DEMO_CARTS)[number]) => cart.items.map((item) => `${cart.key}:${item.sku}`);

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'demo carts, subscriptions and tickets');
  for (const cart of DEMO_CARTS) {
    const cartId = await ensureChild(knex, Table.carts, cart.key, {
      user_id: cart.userEmail ? await requireId(knex, Table.users, { email: cart.userEmail }, '004_demo_customers') : null,
      session_id: cart.sessionId,
      status: 'active',
    });
    for (const item of cart.items) {
      await ensureChild(knex, Table.cartItems, `${cart.key}:${item.sku}`, {
        cart_id: cartId,
        product_id: stableId(Table.products, item.productSlug),
        variant_id: stableId(Table.productVariants, item.sku),
        quantity: item.quantity,
      });
    }
  }

  await ensureRow(knex, Table.subscriptions, { stripe_subscription_id: DEMO_SUBSCRIPTION.stripeSubscriptionId }, {
    id: stableId(Table.subscriptions, DEMO_SUBSCRIPTION.stripeSubscriptionId),
    user_id: await requireId(knex, Table.users, { email: DEMO_SUBSCRIPTION.userEmail }, '004_demo_customers'),
    subscription_plan_id: await requireId(knex, Table.subscriptionPlans, { code: DEMO_SUBSCRIPTION.planCode }, '005_demo_catalog'),
    stripe_subscription_id: DEMO_SUBSCRIPTION.stripeSubscriptionId,
    status: 'active',
    current_period_start: DEMO_SUBSCRIPTION.currentPeriodStart,
    current_period_end: DEMO_SUBSCRIPTION.currentPeriodEnd,
  });

  for (const ticket of DEMO_TICKETS) {
    await ensureRow(knex, Table.supportTickets, { ticket_number: ticket.ticketNumber }, {
      id: stableId(Table.supportTickets, ticket.ticketNumber),
      ticket_number: ticket.ticketNumber,
      user_id: await requireId(knex, Table.users, { email: ticket.userEmail }, '004_demo_customers'),
      requester_email: ticket.userEmail,
      order_id: await requireId(knex, Table.orders, { order_number: ticket.orderNumber }, '006_demo_orders'),
      subject: ticket.subject,
      body: ticket.body,
      status: ticket.status,
      priority: ticket.priority,
    });
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.supportTickets, DEMO_TICKETS.map((t) => t.ticketNumber));
  await deleteSeeded(knex, Table.subscriptions, [DEMO_SUBSCRIPTION.stripeSubscriptionId]);
  await deleteSeeded(knex, Table.cartItems, DEMO_CARTS.flatMap(itemKeys));
  await deleteSeeded(knex, Table.carts, DEMO_CARTS.map((cart) => cart.key));
}

/**
 * Stripe webhook → order, in one transaction: the reference implementation of the boundary the
 * seed asks its tests to verify, for whatever serves the webhook endpoint.
 *
 * The guarantee comes from the schema, not from this code taking turns:
 * - `webhook_events` is unique on (provider, external_id). The first statement of the
 *   transaction claims the event with `INSERT … ON CONFLICT DO NOTHING`. Concurrent deliveries
 *   of the same event wait on that unique index until the first transaction ends: if it commits
 *   they insert nothing and stop; if it rolls back, one of them takes over.
 * - `orders` is unique on stripe_checkout_session_id and `payments` on stripe_payment_intent_id,
 *   so even a second event about the same session (Stripe sends `completed` and
 *   `async_payment_succeeded`) cannot create a second order or payment.
 * - Everything — event row, order, lines, payment, history, cart — is written in one
 *   transaction: a failure anywhere leaves none of it, and Stripe's retry starts from scratch.
 *
 * https://docs.stripe.com/webhooks#handle-duplicate-events
 * https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT
 */
import type { Knex } from 'knex';
import { StrataError } from '@strata/core';
import { currencyOf, fromMinorUnits } from './money';
import { Table } from './tables';

/** One line of the checkout, as the application reads it from the session's line_items. */
export interface CheckoutLine {
  readonly productId?: string | null;
  readonly variantId?: string | null;
  readonly name: string;
  readonly variantName?: string | null;
  readonly sku?: string | null;
  readonly quantity: number;
  /** Gross price of one unit in minor units (options and add-ons included). */
  readonly unitAmount: number;
  /** VAT contained in the line, minor units. */
  readonly taxAmount: number;
  /** Percent charged, e.g. '19.00'. */
  readonly vatRate: string;
  /** Options, add-ons and custom field values chosen (order_items.selections). */
  readonly selections?: Readonly<Record<string, unknown>>;
}

/** A `checkout.session.completed` event, reduced to what an order needs. */
export interface CheckoutCompleted {
  /** Stripe's event id (evt_…): the idempotency key. */
  readonly eventId: string;
  readonly eventType: string;
  /** The Checkout Session (cs_…). */
  readonly checkoutSessionId: string;
  /** The PaymentIntent (pi_…). */
  readonly paymentIntentId: string;
  /** Our user id, passed to Stripe as client_reference_id. */
  readonly userId: string;
  readonly customerEmail: string | null;
  /** As Stripe writes it: 'eur'. */
  readonly currency: string;
  /** Gross total and the VAT in it, minor units. */
  readonly amountTotal: number;
  readonly amountTax: number;
  readonly paymentMethod: string | null;
  /** The cart the session was created from (metadata.cart_id), converted by the order. */
  readonly cartId: string | null;
  readonly lines: readonly CheckoutLine[];
  /** The event as delivered, stored in webhook_events.payload. */
  readonly payload: unknown;
}

/** What one delivery did. */
export type CheckoutOutcome =
  /** This delivery created the order. */
  | { readonly outcome: 'created'; readonly webhookEventId: string; readonly orderId: string; readonly orderNumber: string }
  /** The event was recorded by an earlier (or concurrent, committed) delivery: nothing done. */
  | { readonly outcome: 'duplicate_event' }
  /** A different event about the same session already created the order: event recorded only. */
  | { readonly outcome: 'order_exists'; readonly webhookEventId: string; readonly orderId: string };

/**
 * Reads a Stripe `checkout.session.completed` event (API objects as JSON) and the session's line
 * items into a {@link CheckoutCompleted}; one line naming the field when something is missing.
 * @example checkoutFromStripeEvent(JSON.parse(body), lines)
 */
export function checkoutFromStripeEvent(event: unknown, lines: readonly CheckoutLine[]): CheckoutCompleted {
  const root = event as { id?: unknown; type?: unknown; data?: { object?: Record<string, unknown> } } | null;
  const session = root?.data?.object;
  const need = (value: unknown, what: string): string => {
    if (typeof value !== 'string' || value === '') throw new StrataError(`Stripe event ${String(root?.id ?? '(no id)')} has no ${what}: is it a checkout.session.completed event of a session created by the shop?`);
    return value;
  };
  const amount = (value: unknown, what: string): number => {
    if (!Number.isSafeInteger(value) || (value as number) < 0) throw new StrataError(`Stripe event ${String(root?.id)} has no valid ${what} (minor units)`);
    return value as number;
  };
  if (!session) throw new StrataError(`Stripe event ${String(root?.id ?? '(no id)')} has no data.object`);
  const details = session.customer_details as { email?: unknown } | null | undefined;
  const totals = session.total_details as { amount_tax?: unknown } | null | undefined;
  const metadata = (session.metadata ?? {}) as Record<string, unknown>;
  const methods = session.payment_method_types as unknown[] | undefined;
  return {
    eventId: need(root?.id, 'id'),
    eventType: need(root?.type, 'type'),
    checkoutSessionId: need(session.id, 'data.object.id (the Checkout Session)'),
    paymentIntentId: need(session.payment_intent, 'data.object.payment_intent'),
    userId: need(session.client_reference_id, 'data.object.client_reference_id (the user id)'),
    customerEmail: typeof details?.email === 'string' ? details.email.toLowerCase() : null,
    currency: need(session.currency, 'data.object.currency'),
    amountTotal: amount(session.amount_total, 'data.object.amount_total'),
    amountTax: amount(totals?.amount_tax ?? 0, 'data.object.total_details.amount_tax'),
    paymentMethod: typeof methods?.[0] === 'string' ? methods[0] : null,
    cartId: typeof metadata.cart_id === 'string' ? metadata.cart_id : null,
    lines,
    payload: event,
  };
}

/**
 * Records a completed checkout: claims the webhook event, then creates the order with its lines,
 * the payment, the order history and the cart conversion — all in one transaction. Safe to call
 * for every delivery, concurrently: one creates the order, the others find the event recorded.
 * @example const result = await recordCheckoutCompleted(knex, checkoutFromStripeEvent(event, lines));
 */
export async function recordCheckoutCompleted(knex: Knex, checkout: CheckoutCompleted): Promise<CheckoutOutcome> {
  const currency = currencyOf(checkout.currency);
  checkTotals(checkout);
  return knex.transaction(async (trx) => {
    // The claim. Under READ COMMITTED a concurrent delivery blocks here on the unique index until
    // this transaction ends, then sees the committed row (DO NOTHING: no row returned).
    const claimed = (await trx(Table.webhookEvents)
      .insert({ provider: 'stripe', external_id: checkout.eventId, event_type: checkout.eventType, payload: JSON.stringify(checkout.payload) })
      .onConflict(['provider', 'external_id'])
      .ignore()
      .returning('id')) as { id: string }[];
    const webhookEventId = claimed[0]?.id;
    if (!webhookEventId) return { outcome: 'duplicate_event' };

    const net = checkout.amountTotal - checkout.amountTax;
    const created = (await trx(Table.orders)
      .insert({
        user_id: checkout.userId,
        status: 'paid',
        currency,
        subtotal_net: fromMinorUnits(net, currency),
        tax_total: fromMinorUnits(checkout.amountTax, currency),
        total_gross: fromMinorUnits(checkout.amountTotal, currency),
        customer_email: checkout.customerEmail,
        stripe_checkout_session_id: checkout.checkoutSessionId,
        paid_at: trx.fn.now(),
      })
      .onConflict(['stripe_checkout_session_id'])
      .ignore()
      .returning(['id', 'order_number'])) as { id: string; order_number: string }[];
    const order = created[0];
    if (!order) {
      const existing = (await trx(Table.orders).where({ stripe_checkout_session_id: checkout.checkoutSessionId }).first('id')) as { id: string };
      await markProcessed(trx, webhookEventId);
      return { outcome: 'order_exists', webhookEventId, orderId: existing.id };
    }

    await trx(Table.orderItems).insert(
      checkout.lines.map((line) => ({
        order_id: order.id,
        product_id: line.productId ?? null,
        variant_id: line.variantId ?? null,
        product_name: line.name,
        variant_name: line.variantName ?? null,
        sku: line.sku ?? null,
        quantity: line.quantity,
        unit_price_gross: fromMinorUnits(line.unitAmount, currency),
        line_total_gross: fromMinorUnits(line.unitAmount * line.quantity, currency),
        line_tax: fromMinorUnits(line.taxAmount, currency),
        vat_rate: line.vatRate,
        selections: JSON.stringify(line.selections ?? {}),
      })),
    );
    await trx(Table.payments).insert({
      order_id: order.id,
      provider: 'stripe',
      status: 'succeeded',
      amount: fromMinorUnits(checkout.amountTotal, currency),
      currency,
      stripe_payment_intent_id: checkout.paymentIntentId,
      method: checkout.paymentMethod,
      paid_at: trx.fn.now(),
    });
    const cause = JSON.stringify({ webhook_event_id: webhookEventId, stripe_event_id: checkout.eventId });
    await trx(Table.orderEvents).insert([
      { order_id: order.id, event_type: 'created', to_status: 'paid', payload: cause },
      { order_id: order.id, event_type: 'payment_received', payload: cause },
    ]);
    if (checkout.cartId) {
      await trx(Table.carts).where({ id: checkout.cartId, status: 'active' }).update({ status: 'converted', converted_order_id: order.id });
    }
    await markProcessed(trx, webhookEventId);
    return { outcome: 'created', webhookEventId, orderId: order.id, orderNumber: order.order_number };
  });
}

async function markProcessed(trx: Knex.Transaction, webhookEventId: string): Promise<void> {
  await trx(Table.webhookEvents).where({ id: webhookEventId }).update({ processed_at: trx.fn.now() });
}

/** The lines must add up to Stripe's totals; refused before anything is written. */
function checkTotals(checkout: CheckoutCompleted): void {
  if (checkout.lines.length === 0) throw new StrataError(`checkout ${checkout.checkoutSessionId} has no lines: pass the session's line_items`);
  const gross = checkout.lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0);
  const tax = checkout.lines.reduce((sum, line) => sum + line.taxAmount, 0);
  if (gross !== checkout.amountTotal || tax !== checkout.amountTax) {
    throw new StrataError(
      `checkout ${checkout.checkoutSessionId}: lines add up to ${gross} (tax ${tax}) but Stripe charged ${checkout.amountTotal} (tax ${checkout.amountTax}) minor units: the line items do not belong to this session`,
    );
  }
}

/**
 * The native PostgreSQL enum types of the schema, defined once for migrations and seeds.
 *
 * A migration creates the types it introduces from these definitions, so the values here are
 * the values the types were created with. Never edit a list in place: add a value with a new
 * migration (core's add-value helper) and append it here in the same change.
 */
import { defineEnum } from '@strata/core';

/** What a login may do: staff (`admin`, `support`) or a customer's own login. */
export const UserRole = defineEnum('user_role', ['admin', 'support', 'customer'] as const);

/** Whether a login may sign in. */
export const UserStatus = defineEnum('user_status', ['active', 'inactive', 'suspended', 'locked'] as const);

/** The seed's business types: an individual, a small business, an enterprise. */
export const CustomerType = defineEnum('customer_type', ['individual', 'small_business', 'enterprise'] as const);

/** Know-your-customer review state (DoT rules: a number is activated only after verification). */
export const KycStatus = defineEnum('kyc_status', ['pending', 'submitted', 'verified', 'rejected'] as const);

/** Lifecycle of a customer. */
export const CustomerStatus = defineEnum('customer_status', ['active', 'suspended', 'inactive', 'closed'] as const);

/** Prepaid accounts spend a balance; postpaid accounts are invoiced up to a credit limit. */
export const AccountType = defineEnum('account_type', ['prepaid', 'postpaid'] as const);

/** Lifecycle of an account. */
export const AccountStatus = defineEnum('account_status', ['active', 'suspended', 'closed'] as const);

/** How often a subscription is charged. */
export const BillingCycle = defineEnum('billing_cycle', ['monthly', 'annual'] as const);

/** Lifecycle of a subscription. */
export const SubscriptionStatus = defineEnum(
  'subscription_status',
  ['trial', 'active', 'past_due', 'suspended', 'cancelled', 'expired'] as const,
);

/** Which way a call went, seen from the customer. */
export const CallDirection = defineEnum('call_direction', ['inbound', 'outbound'] as const);

/** Tariff class of a call: decides the rate. */
export const CallType = defineEnum('call_type', ['local', 'national', 'international', 'toll_free', 'internal'] as const);

/** Where a CDR is in rating and billing. */
export const CdrProcessingStatus = defineEnum(
  'cdr_processing_status',
  ['pending', 'rated', 'billed', 'failed', 'ignored'] as const,
);

/** Lifecycle of a payment at the gateway. */
export const PaymentStatus = defineEnum(
  'payment_status',
  ['pending', 'processing', 'completed', 'failed', 'cancelled', 'refunded', 'partially_refunded'] as const,
);

/** The instrument a payment used (also the type of a saved payment method). */
export const PaymentMethodType = defineEnum(
  'payment_method_type',
  ['card', 'upi', 'netbanking', 'wallet', 'bank_transfer'] as const,
);

/** What a payment was for: a prepaid top-up, a subscription charge or an invoice. */
export const PaymentPurpose = defineEnum('payment_purpose', ['recharge', 'subscription', 'invoice'] as const);

/** The payment gateway that processed a payment; `manual` for offline transfers recorded by staff. */
export const PaymentGateway = defineEnum('payment_gateway', ['razorpay', 'stripe', 'payu', 'manual'] as const);

/** Lifecycle of an invoice. */
export const InvoiceStatus = defineEnum(
  'invoice_status',
  ['draft', 'issued', 'partially_paid', 'paid', 'overdue', 'void'] as const,
);

/** Kind of telephone number. */
export const DidType = defineEnum('did_type', ['local', 'national', 'mobile', 'toll_free'] as const);

/** Where a number is in the inventory. */
export const DidStatus = defineEnum(
  'did_status',
  ['available', 'reserved', 'assigned', 'porting', 'suspended', 'released'] as const,
);

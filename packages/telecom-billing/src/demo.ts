/**
 * The seed's three demo customers, one per business type. Development data only: the
 * runner refuses the demo profile in production, and the demo seed refuses it too.
 * Amounts in rupees. GSTINs and phone numbers are fictitious but well-formed.
 */
import { PlanCode } from './plans';

/** The documented password of every demo login. */
export const DEMO_PASSWORD = 'Demo@123';

/** One demo customer: its login, customer record, account and subscription. */
export interface DemoCustomer {
  readonly user: { readonly email: string; readonly username: string; readonly firstName: string; readonly lastName: string; readonly phone: string };
  readonly customer: {
    readonly customerNumber: string;
    readonly type: 'individual' | 'small_business' | 'enterprise';
    readonly companyName: string | null;
    readonly gstin: string | null;
    /** GST state code of the billing address (place of supply). */
    readonly stateCode: string;
    readonly kycStatus: 'pending' | 'verified';
    readonly billingAddress: Readonly<Record<string, string>>;
  };
  readonly account: {
    readonly accountNumber: string;
    readonly type: 'prepaid' | 'postpaid';
    readonly balance: number;
    readonly creditLimit: number;
    /** Top up by `amount` when the balance falls below `threshold`. */
    readonly autoRecharge: { readonly amount: number; readonly threshold: number } | null;
  };
  readonly subscription: { readonly subscriptionNumber: string; readonly plan: PlanCode; readonly cycle: 'monthly' | 'annual' };
}

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    user: { email: 'john.doe@example.com', username: 'john.doe', firstName: 'John', lastName: 'Doe', phone: '+919800000001' },
    customer: {
      customerNumber: 'CUST-10001',
      type: 'individual',
      companyName: null,
      gstin: null,
      stateCode: '29',
      kycStatus: 'pending',
      billingAddress: { line1: '12 MG Road', city: 'Bengaluru', state: 'Karnataka', postal_code: '560001', country: 'IN' },
    },
    account: { accountNumber: 'ACC-10001', type: 'prepaid', balance: 500, creditLimit: 0, autoRecharge: null },
    subscription: { subscriptionNumber: 'SUB-10001', plan: PlanCode.starter, cycle: 'monthly' },
  },
  {
    user: { email: 'jane.smith@example.com', username: 'jane.smith', firstName: 'Jane', lastName: 'Smith', phone: '+919800000002' },
    customer: {
      customerNumber: 'CUST-10002',
      type: 'small_business',
      companyName: 'Smith Consulting',
      gstin: '27ABCDE1234F1Z5',
      stateCode: '27',
      kycStatus: 'verified',
      billingAddress: { line1: '4th Floor, Nariman Point', city: 'Mumbai', state: 'Maharashtra', postal_code: '400021', country: 'IN' },
    },
    account: {
      accountNumber: 'ACC-10002',
      type: 'prepaid',
      balance: 2000,
      creditLimit: 0,
      autoRecharge: { amount: 1000, threshold: 200 },
    },
    subscription: { subscriptionNumber: 'SUB-10002', plan: PlanCode.professional, cycle: 'annual' },
  },
  {
    user: { email: 'admin@acmecorp.com', username: 'robert.johnson', firstName: 'Robert', lastName: 'Johnson', phone: '+919800000003' },
    customer: {
      customerNumber: 'CUST-10003',
      type: 'enterprise',
      companyName: 'Acme Corporation',
      gstin: '07AAACA1234B1Z2',
      stateCode: '07',
      kycStatus: 'verified',
      billingAddress: { line1: 'Tower B, Connaught Place', city: 'New Delhi', state: 'Delhi', postal_code: '110001', country: 'IN' },
    },
    account: { accountNumber: 'ACC-10003', type: 'postpaid', balance: 0, creditLimit: 50000, autoRecharge: null },
    subscription: { subscriptionNumber: 'SUB-10003', plan: PlanCode.callCenter, cycle: 'monthly' },
  },
];

/**
 * Demo seed: John Doe (individual, prepaid, Starter monthly), Jane Smith (Smith Consulting,
 * prepaid with auto-recharge, Professional annual) and Robert Johnson (Acme Corporation,
 * postpaid, Call Center monthly), each with a login (Demo@123), customer, account and an active
 * subscription. Development only: refused in production.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, StrataError, type SeedContext } from '@strata/core';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../src/demo';
import { deleteSeeded, stableId } from '../src/ids';
import { billingPeriod } from '../src/periods';
import { planByCode } from '../src/plans';
import { ensureUser } from '../src/seeding';
import { DEFAULT_CURRENCY, Table } from '../src/tables';

export const profile = SeedProfile.demo;

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  // The runner already refuses demo seeds in production; this keeps the file safe on its own.
  refuseOnProduction(context, 'demo customers (password Demo@123)');
  for (const demo of DEMO_CUSTOMERS) {
    const userId = await ensureUser(knex, { ...demo.user, role: 'customer', mustChangePassword: false }, DEMO_PASSWORD);

    const customerId = await ensureRow(knex, Table.customers, { customer_number: demo.customer.customerNumber }, {
      id: stableId(Table.customers, demo.customer.customerNumber),
      user_id: userId,
      customer_number: demo.customer.customerNumber,
      customer_type: demo.customer.type,
      company_name: demo.customer.companyName,
      email: demo.user.email,
      phone: demo.user.phone,
      gstin: demo.customer.gstin,
      kyc_status: demo.customer.kycStatus,
      kyc_verified_at: demo.customer.kycStatus === 'verified' ? knex.fn.now() : null,
      billing_address: JSON.stringify(demo.customer.billingAddress),
      state_code: demo.customer.stateCode,
      country: 'IN',
      status: 'active',
    });

    const { account } = demo;
    const accountId = await ensureRow(knex, Table.accounts, { account_number: account.accountNumber }, {
      id: stableId(Table.accounts, account.accountNumber),
      customer_id: customerId,
      account_number: account.accountNumber,
      account_type: account.type,
      status: 'active',
      currency: DEFAULT_CURRENCY,
      balance: account.balance,
      credit_limit: account.creditLimit,
      auto_recharge_enabled: account.autoRecharge !== null,
      auto_recharge_amount: account.autoRecharge?.amount ?? null,
      auto_recharge_threshold: account.autoRecharge?.threshold ?? null,
    });

    const { subscription } = demo;
    const plan = planByCode(subscription.plan);
    const planId = await ratePlanId(knex, plan.code);
    const period = billingPeriod(subscription.cycle);
    await ensureRow(knex, Table.subscriptions, { subscription_number: subscription.subscriptionNumber }, {
      id: stableId(Table.subscriptions, subscription.subscriptionNumber),
      subscription_number: subscription.subscriptionNumber,
      customer_id: customerId,
      account_id: accountId,
      rate_plan_id: planId,
      billing_cycle: subscription.cycle,
      status: 'active',
      price: subscription.cycle === 'annual' ? plan.annualPrice : plan.monthlyPrice,
      currency: DEFAULT_CURRENCY,
      start_date: period.start,
      current_period_start: period.start,
      current_period_end: period.end,
      next_billing_date: period.nextBillingDate,
      auto_renew: true,
    });
  }
}

/** Demo data builds on the reference plans (the runner seeds reference before demo). */
async function ratePlanId(knex: Knex, code: string): Promise<string> {
  const row = (await knex(Table.ratePlans).where({ code }).first('id')) as { id: string } | undefined;
  if (!row) throw new StrataError(`demo customers need rate plan '${code}': run the reference seeds first (strata seed run --profile demo runs both)`);
  return row.id;
}

/** Removes the demo rows in reverse order of creation: subscriptions, accounts, customers, logins. */
export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.subscriptions, DEMO_CUSTOMERS.map((d) => d.subscription.subscriptionNumber));
  await deleteSeeded(knex, Table.accounts, DEMO_CUSTOMERS.map((d) => d.account.accountNumber));
  await deleteSeeded(knex, Table.customers, DEMO_CUSTOMERS.map((d) => d.customer.customerNumber));
  await deleteSeeded(knex, Table.users, DEMO_CUSTOMERS.map((d) => d.user.email));
}

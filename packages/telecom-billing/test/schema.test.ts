/**
 * The schema of seed 002 on real PostgreSQL: `strata migrate latest` applies the 13
 * migrations, the catalog shows the tables, columns, indexes, foreign keys and enum types
 * the design says, the constraints behave, and rolling everything back leaves nothing.
 */
import type { Knex } from 'knex';
import { appliedMigrations, byTableAndName, committedSchema, declaredEnums, foreignKeyFact, indexFact, inRolledBackTransaction, inSavepoint, liveSchema, ownTables, pgError, RESTRICT_CODES, testServers, usePackageDatabase, type IndexFact } from '@strata/core/testing';
import * as enums from '../src/enums';
import { Table } from '../src/tables';
import { cli, PACKAGE_DIR, strataOk } from './support';

const MIGRATIONS = [
  '20241001000000_create_users.ts',
  '20241001000001_create_customers.ts',
  '20241001000002_create_rate_plans.ts',
  '20241001000003_create_accounts.ts',
  '20241001000004_create_subscriptions.ts',
  '20241001000005_create_cdrs.ts',
  '20241001000006_create_payments.ts',
  '20241001000007_create_invoices.ts',
  '20241001000008_add_payments_invoice_fk.ts',
  '20241001000009_create_dids.ts',
  '20241001000010_create_refresh_tokens.ts',
  '20241001000011_create_payment_methods.ts',
  '20241001000012_create_subscription_usage.ts',
];

/** The column counts seed 002 gives for each table. */
const COLUMN_COUNTS: Record<string, number> = {
  users: 23,
  customers: 21,
  rate_plans: 17,
  accounts: 20,
  subscriptions: 21,
  cdrs: 22,
  payments: 23,
  invoices: 23,
  dids: 17,
  refresh_tokens: 10,
  payment_methods: 16,
  subscription_usage: 14,
};

const ix = (table: string, name: string, columns: string[], unique = false, predicate: string | null = null) => indexFact(table, name, columns, { unique, predicate });
const LIVE = '(deleted_at IS NULL)';

/** Every index of every table, exactly: the seed's list, FK indexes, natural-key uniques. */
const INDEXES: IndexFact[] = [
  ix('users', 'pk_users', ['id'], true),
  ix('users', 'uq_users_email', ['email'], true, LIVE),
  ix('users', 'uq_users_username', ['username'], true, LIVE),
  ix('users', 'ix_users_role', ['role']),
  ix('customers', 'pk_customers', ['id'], true),
  ix('customers', 'ix_customers_user_id', ['user_id']),
  ix('customers', 'uq_customers_customer_number', ['customer_number'], true, LIVE),
  ix('customers', 'ix_customers_status', ['status']),
  ix('customers', 'ix_customers_gstin', ['gstin']),
  ix('rate_plans', 'pk_rate_plans', ['id'], true),
  ix('rate_plans', 'uq_rate_plans_code', ['code'], true),
  ix('rate_plans', 'uq_rate_plans_name', ['name'], true),
  ix('rate_plans', 'ix_rate_plans_is_active', ['is_active']),
  ix('accounts', 'pk_accounts', ['id'], true),
  ix('accounts', 'ix_accounts_customer_id', ['customer_id']),
  ix('accounts', 'uq_accounts_account_number', ['account_number'], true),
  ix('accounts', 'ix_accounts_status', ['status']),
  ix('accounts', 'ix_accounts_account_type', ['account_type']),
  ix('subscriptions', 'pk_subscriptions', ['id'], true),
  ix('subscriptions', 'uq_subscriptions_subscription_number', ['subscription_number'], true),
  ix('subscriptions', 'ix_subscriptions_customer_id', ['customer_id']),
  ix('subscriptions', 'ix_subscriptions_account_id', ['account_id']),
  ix('subscriptions', 'ix_subscriptions_rate_plan_id', ['rate_plan_id']),
  ix('subscriptions', 'ix_subscriptions_status', ['status']),
  ix('subscriptions', 'ix_subscriptions_next_billing_date', ['next_billing_date']),
  ix('cdrs', 'pk_cdrs', ['id'], true),
  ix('cdrs', 'uq_cdrs_call_uuid', ['call_uuid'], true),
  ix('cdrs', 'ix_cdrs_subscription_id', ['subscription_id']),
  ix('cdrs', 'ix_cdrs_account_id', ['account_id']),
  ix('cdrs', 'ix_cdrs_caller_id', ['caller_id']),
  ix('cdrs', 'ix_cdrs_destination', ['destination']),
  ix('cdrs', 'ix_cdrs_start_time', ['start_time']),
  ix('cdrs', 'ix_cdrs_processing_status', ['processing_status']),
  ix('cdrs', 'ix_cdrs_call_type', ['call_type']),
  ix('payments', 'pk_payments', ['id'], true),
  ix('payments', 'uq_payments_payment_number', ['payment_number'], true),
  ix('payments', 'ix_payments_customer_id', ['customer_id']),
  ix('payments', 'ix_payments_account_id', ['account_id']),
  ix('payments', 'ix_payments_subscription_id', ['subscription_id']),
  ix('payments', 'ix_payments_invoice_id', ['invoice_id']),
  ix('payments', 'ix_payments_status', ['status']),
  ix('payments', 'uq_payments_gateway_gateway_payment_id', ['gateway', 'gateway_payment_id'], true),
  ix('payments', 'ix_payments_gateway_payment_id', ['gateway_payment_id']),
  ix('invoices', 'pk_invoices', ['id'], true),
  ix('invoices', 'uq_invoices_invoice_number', ['invoice_number'], true),
  ix('invoices', 'ix_invoices_customer_id', ['customer_id']),
  ix('invoices', 'ix_invoices_account_id', ['account_id']),
  ix('invoices', 'ix_invoices_subscription_id', ['subscription_id']),
  ix('invoices', 'ix_invoices_status', ['status']),
  ix('invoices', 'ix_invoices_due_date', ['due_date']),
  ix('invoices', 'ix_invoices_issue_date', ['issue_date']),
  ix('dids', 'pk_dids', ['id'], true),
  ix('dids', 'uq_dids_did_number', ['did_number'], true),
  ix('dids', 'ix_dids_subscription_id', ['subscription_id']),
  ix('dids', 'ix_dids_status', ['status']),
  ix('dids', 'ix_dids_country', ['country']),
  ix('refresh_tokens', 'pk_refresh_tokens', ['id'], true),
  ix('refresh_tokens', 'ix_refresh_tokens_user_id', ['user_id']),
  ix('refresh_tokens', 'uq_refresh_tokens_token_hash', ['token_hash'], true),
  ix('refresh_tokens', 'ix_refresh_tokens_family_id', ['family_id']),
  ix('refresh_tokens', 'ix_refresh_tokens_expires_at', ['expires_at']),
  ix('payment_methods', 'pk_payment_methods', ['id'], true),
  ix('payment_methods', 'ix_payment_methods_customer_id', ['customer_id']),
  ix('payment_methods', 'uq_payment_methods_gateway_gateway_payment_method_id', ['gateway', 'gateway_payment_method_id'], true),
  ix('payment_methods', 'uq_payment_methods_customer_id_is_default', ['customer_id', 'is_default'], true, 'is_default'),
  ix('subscription_usage', 'pk_subscription_usage', ['id'], true),
  ix('subscription_usage', 'ix_subscription_usage_subscription_id', ['subscription_id']),
  ix('subscription_usage', 'uq_subscription_usage_subscription_id_billing_period_start', ['subscription_id', 'billing_period_start'], true),
  ix('subscription_usage', 'ix_subscription_usage_billing_period_start_billing_period_end', ['billing_period_start', 'billing_period_end']),
];

/** Every foreign key with its ON DELETE action (reasons are in the migrations). */
const FOREIGN_KEYS: Parameters<typeof foreignKeyFact>[] = [
  ['customers', 'fk_customers_user_id', 'user_id', 'users', 'RESTRICT'],
  ['accounts', 'fk_accounts_customer_id', 'customer_id', 'customers', 'RESTRICT'],
  ['subscriptions', 'fk_subscriptions_customer_id', 'customer_id', 'customers', 'RESTRICT'],
  ['subscriptions', 'fk_subscriptions_account_id', 'account_id', 'accounts', 'RESTRICT'],
  ['subscriptions', 'fk_subscriptions_rate_plan_id', 'rate_plan_id', 'rate_plans', 'RESTRICT'],
  ['cdrs', 'fk_cdrs_subscription_id', 'subscription_id', 'subscriptions', 'RESTRICT'],
  ['cdrs', 'fk_cdrs_account_id', 'account_id', 'accounts', 'RESTRICT'],
  ['payments', 'fk_payments_customer_id', 'customer_id', 'customers', 'RESTRICT'],
  ['payments', 'fk_payments_account_id', 'account_id', 'accounts', 'RESTRICT'],
  ['payments', 'fk_payments_subscription_id', 'subscription_id', 'subscriptions', 'RESTRICT'],
  ['payments', 'fk_payments_invoice_id', 'invoice_id', 'invoices', 'RESTRICT'],
  ['invoices', 'fk_invoices_customer_id', 'customer_id', 'customers', 'RESTRICT'],
  ['invoices', 'fk_invoices_account_id', 'account_id', 'accounts', 'RESTRICT'],
  ['invoices', 'fk_invoices_subscription_id', 'subscription_id', 'subscriptions', 'RESTRICT'],
  ['dids', 'fk_dids_subscription_id', 'subscription_id', 'subscriptions', 'SET NULL'],
  ['refresh_tokens', 'fk_refresh_tokens_user_id', 'user_id', 'users', 'CASCADE'],
  ['payment_methods', 'fk_payment_methods_customer_id', 'customer_id', 'customers', 'CASCADE'],
  ['subscription_usage', 'fk_subscription_usage_subscription_id', 'subscription_id', 'subscriptions', 'CASCADE'],
];

describe.each(testServers())('telecom-billing schema ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'tb_schema', schema: true });

  it('applies the 13 migrations in the seed order', async () => {
    expect(await appliedMigrations(db.knex)).toEqual(MIGRATIONS);
  });

  it('creates exactly its 12 tables', async () => {
    expect(await ownTables(db.knex)).toEqual(Object.values(Table).sort());
  });

  it.each(Object.entries(COLUMN_COUNTS))('%s has %i columns', async (table, count) => {
    expect(db.facts.columns(table)).toHaveLength(count);
  });

  it('matches the committed schema.snapshot exactly', async () => {
    expect(db.schema).toEqual(committedSchema(PACKAGE_DIR));
  });

  it('has exactly the designed indexes, named by convention', async () => {
    expect(byTableAndName(db.facts.indexes)).toEqual(byTableAndName(INDEXES));
  });

  it('has exactly the designed foreign keys, each with its ON DELETE action', async () => {
    expect(byTableAndName(db.facts.foreignKeys)).toEqual(byTableAndName(FOREIGN_KEYS.map((fk) => foreignKeyFact(...fk))));
  });

  it('creates every enum type of src/enums.ts with its values in order, and no other', async () => {
    expect(db.facts.enums).toEqual(declaredEnums(enums));
  });

  it('keeps updated_at current with a trigger on every table', async () => {
    expect(db.facts.triggers).toEqual(Object.values(Table).sort().map((table) => `${table}.trg_${table}_updated_at`));
  });

  describe('constraints at work (each case in a rolled-back transaction)', () => {
    /** A user, customer, plan, prepaid account and subscription: the least a usage row needs. */
    async function subscriptionGraph(trx: Knex.Transaction): Promise<{ userId: string; customerId: string; subscriptionId: string }> {
      const [user] = await trx('users').insert({ username: 'u1', email: 'u1@example.com', password_hash: 'x', first_name: 'U', last_name: 'One' }).returning('id');
      const [customer] = await trx('customers').insert({ user_id: user.id, customer_number: 'CUST-1', email: 'u1@example.com' }).returning('id');
      const [plan] = await trx('rate_plans').insert({ code: 'p', name: 'P', monthly_price: 1, annual_price: 10 }).returning('id');
      const [account] = await trx('accounts').insert({ customer_id: customer.id, account_number: 'ACC-1', account_type: 'prepaid' }).returning('id');
      const [subscription] = await trx('subscriptions')
        .insert({ subscription_number: 'SUB-1', customer_id: customer.id, account_id: account.id, rate_plan_id: plan.id, price: 1, start_date: '2024-10-01', current_period_start: '2024-10-01', current_period_end: '2024-10-31' })
        .returning('id');
      return { userId: user.id, customerId: customer.id, subscriptionId: subscription.id };
    }

    it('allows one subscription_usage row per subscription and billing period', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { subscriptionId } = await subscriptionGraph(trx);
        const usage = { subscription_id: subscriptionId, billing_period_start: '2024-10-01', billing_period_end: '2024-10-31' };
        await trx('subscription_usage').insert(usage);
        await trx('subscription_usage').insert({ ...usage, billing_period_start: '2024-11-01', billing_period_end: '2024-11-30' });
        const error = await pgError(inSavepoint(trx, (sp) => sp('subscription_usage').insert(usage)));
        expect(error).toMatchObject({ code: '23505', constraint: 'uq_subscription_usage_subscription_id_billing_period_start' });
      });
    });

    it('RESTRICT: refuses to delete a customer that has an account', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { customerId } = await subscriptionGraph(trx);
        const error = await pgError(inSavepoint(trx, (sp) => sp('customers').where({ id: customerId }).delete()));
        expect(error.constraint).toBe('fk_accounts_customer_id');
        expect(RESTRICT_CODES).toContain(error.code);
      });
    });

    it('CASCADE and SET NULL: deleting a subscription removes its usage and frees its numbers', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { subscriptionId, userId } = await subscriptionGraph(trx);
        await trx('subscription_usage').insert({ subscription_id: subscriptionId, billing_period_start: '2024-10-01', billing_period_end: '2024-10-31' });
        await trx('dids').insert({ did_number: '+918041234567', subscription_id: subscriptionId, status: 'reserved' });
        await trx('refresh_tokens').insert({ user_id: userId, token_hash: 'a'.repeat(64), family_id: subscriptionId, expires_at: '2099-01-01' });
        await trx('subscriptions').where({ id: subscriptionId }).delete();
        expect(await trx('subscription_usage').count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '0' }]);
        expect(await trx('dids').select('did_number', 'subscription_id')).toEqual([{ did_number: '+918041234567', subscription_id: null }]);
      });
    });

    it('rejects a malformed GSTIN and an auto-recharge without an amount, by constraint name', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { customerId, userId } = await subscriptionGraph(trx);
        const gstin = await pgError(inSavepoint(trx, (sp) => sp('customers').insert({ user_id: userId, customer_number: 'CUST-2', email: 'x@example.com', gstin: '27ABCDE1234F1Y5' })));
        expect(gstin).toMatchObject({ code: '23514', constraint: 'ck_customers_gstin_format' });
        const recharge = await pgError(inSavepoint(trx, (sp) => sp('accounts').insert({ customer_id: customerId, account_number: 'ACC-2', account_type: 'prepaid', auto_recharge_enabled: true })));
        expect(recharge).toMatchObject({ code: '23514', constraint: 'ck_accounts_auto_recharge_configured' });
      });
    });

    it('derives invoices.amount_due from total and paid', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { customerId } = await subscriptionGraph(trx);
        const account = await trx('accounts').where({ customer_id: customerId }).first('id');
        const [invoice] = await trx('invoices')
          .insert({ invoice_number: 'INV-1', customer_id: customerId, account_id: account.id, billing_period_start: '2024-10-01', billing_period_end: '2024-10-31', issue_date: '2024-11-01', due_date: '2024-11-16', total_amount: '1178.82', amount_paid: '500' })
          .returning('amount_due');
        expect(invoice.amount_due).toBe('678.8200');
      });
    });

    it('sets updated_at on UPDATE through the trigger, whatever the statement says', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { userId } = await subscriptionGraph(trx);
        await trx('users').where({ id: userId }).update({ phone: '+919800000009', updated_at: '2000-01-01T00:00:00Z' });
        const { rows } = await trx.raw<{ rows: { current: boolean }[] }>('SELECT updated_at = now() AS current FROM users WHERE id = ?', [userId]);
        expect(rows).toEqual([{ current: true }]);
      });
    });
  });

  it('rolls every migration back, leaving no table, type, function, trigger or sequence', async () => {
    await strataOk(db.url, ['migrate', 'rollback', '--every-batch']);
    expect(await liveSchema(db.knex)).toEqual([]);
  });
});

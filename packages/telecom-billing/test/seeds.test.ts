/**
 * The seeds through the real CLI (`strata seed run|undo`) on real PostgreSQL: what they write,
 * that passwords verify with bcrypt, that re-running and undoing are exact, and the refusals
 * on a production target.
 */
import bcrypt from 'bcrypt';
import { expectDemoProfileRefused, expectReferenceSeededOnProduction, expectSeedRefusesProduction, expectSeedRerunChangesNothing, PRODUCTION_ENV, rowCounts, tablesWithRows, testServers, usePackageDatabase } from '@strata/core/testing';
import * as demoSeed from '../seeds/003_demo_customers';
import { DEMO_PASSWORD } from '../src/demo';
import { DEV_SYSTEM_PASSWORD } from '../src/system-users';
import { cli, strata, strataOk } from './support';

const SEEDED_TABLES = ['users', 'rate_plans', 'customers', 'accounts', 'subscriptions'] as const;
const ADMIN_SECRET = 'prod-Admin-7f3c9e21';
const SUPPORT_SECRET = 'prod-Support-4b8d0a65';

describe.each(testServers())('telecom-billing seeds ($label)', (server) => {
  describe('development: reference + demo', () => {
    const db = usePackageDatabase(cli, server, { prefix: 'tb_seed', seed: 'demo' });

    it('writes the 2 system users and the 3 demo users', async () => {
      const users = await db.knex('users').orderBy('email').select('email', 'username', 'role', 'must_change_password', 'status');
      expect(users).toEqual([
        { email: 'admin@acmecorp.com', username: 'robert.johnson', role: 'customer', must_change_password: false, status: 'active' },
        { email: 'admin@balatrix.com', username: 'admin', role: 'admin', must_change_password: true, status: 'active' },
        { email: 'jane.smith@example.com', username: 'jane.smith', role: 'customer', must_change_password: false, status: 'active' },
        { email: 'john.doe@example.com', username: 'john.doe', role: 'customer', must_change_password: false, status: 'active' },
        { email: 'support@balatrix.com', username: 'support', role: 'support', must_change_password: true, status: 'active' },
      ]);
    });

    it('writes the three rate plans of the seed table, with their features', async () => {
      const plans = await db.knex('rate_plans')
        .orderBy('sort_order')
        .select('code', 'name', 'monthly_price', 'annual_price', 'currency', 'included_minutes', 'max_dids', 'max_concurrent_calls', 'is_active');
      expect(plans).toEqual([
        { code: 'starter', name: 'Starter', monthly_price: '349.0000', annual_price: '4008.0000', currency: 'INR', included_minutes: 500, max_dids: 1, max_concurrent_calls: 2, is_active: true },
        { code: 'professional', name: 'Professional', monthly_price: '999.0000', annual_price: '11508.0000', currency: 'INR', included_minutes: 2000, max_dids: 3, max_concurrent_calls: 5, is_active: true },
        { code: 'call_center', name: 'Call Center', monthly_price: '4999.0000', annual_price: '49990.0000', currency: 'INR', included_minutes: 10000, max_dids: 10, max_concurrent_calls: 25, is_active: true },
      ]);
      const features = Object.fromEntries((await db.knex('rate_plans').select('code', 'features')).map((p: { code: string; features: Record<string, unknown> }) => [p.code, p.features]));
      // Starter: voicemail, call forwarding, email support.
      expect(features.starter).toMatchObject({ voicemail: true, call_forwarding: true, call_recording: false, ivr: false, api_access: false, support: ['email'] });
      // Professional: call recording, IVR, API access, email/chat support.
      expect(features.professional).toMatchObject({ call_recording: true, ivr: true, api_access: true, auto_dialer: false, support: ['email', 'chat'] });
      // Call Center: auto dialer, CRM, 24x7 support, dedicated manager.
      expect(features.call_center).toMatchObject({ auto_dialer: true, crm_integration: true, dedicated_account_manager: true, support_hours: '24x7' });
    });

    it('writes 3 accounts and 3 active subscriptions as the seed describes them', async () => {
      const rows = await db.knex('subscriptions as s')
        .join('accounts as a', 'a.id', 's.account_id')
        .join('customers as c', 'c.id', 's.customer_id')
        .join('users as u', 'u.id', 'c.user_id')
        .join('rate_plans as p', 'p.id', 's.rate_plan_id')
        .orderBy('a.account_number')
        .select('u.first_name', 'u.last_name', 'c.customer_type', 'c.company_name', 'a.account_number', 'a.account_type', 'a.balance', 'a.credit_limit', 'a.auto_recharge_enabled', 'p.name as plan', 's.billing_cycle', 's.status', 's.price');
      expect(rows).toEqual([
        { first_name: 'John', last_name: 'Doe', customer_type: 'individual', company_name: null, account_number: 'ACC-10001', account_type: 'prepaid', balance: '500.0000', credit_limit: '0.0000', auto_recharge_enabled: false, plan: 'Starter', billing_cycle: 'monthly', status: 'active', price: '349.0000' },
        { first_name: 'Jane', last_name: 'Smith', customer_type: 'small_business', company_name: 'Smith Consulting', account_number: 'ACC-10002', account_type: 'prepaid', balance: '2000.0000', credit_limit: '0.0000', auto_recharge_enabled: true, plan: 'Professional', billing_cycle: 'annual', status: 'active', price: '11508.0000' },
        { first_name: 'Robert', last_name: 'Johnson', customer_type: 'enterprise', company_name: 'Acme Corporation', account_number: 'ACC-10003', account_type: 'postpaid', balance: '0.0000', credit_limit: '50000.0000', auto_recharge_enabled: false, plan: 'Call Center', billing_cycle: 'monthly', status: 'active', price: '4999.0000' },
      ]);
    });

    it('hashes every password with bcrypt cost 12, and each verifies', async () => {
      const users = (await db.knex('users').select('email', 'role', 'password_hash')) as { email: string; role: string; password_hash: string }[];
      expect(users).toHaveLength(5);
      for (const user of users) {
        expect(bcrypt.getRounds(user.password_hash)).toBe(12);
        const password = user.role === 'customer' ? DEMO_PASSWORD : DEV_SYSTEM_PASSWORD;
        expect({ email: user.email, verifies: await bcrypt.compare(password, user.password_hash) }).toEqual({ email: user.email, verifies: true });
        expect(await bcrypt.compare('wrong password', user.password_hash)).toBe(false);
      }
    });

    it('re-running every seed (--rerun) changes no row at all', () => expectSeedRerunChangesNothing(cli, db, { seeds: 3 }));

    it('undo removes exactly the seeded rows, in reverse, and leaves other rows alone', async () => {
      await db.knex('users').insert({ username: 'ops', email: 'ops@balatrix.com', password_hash: 'x', first_name: 'Ops', last_name: 'Team' });
      await db.knex('rate_plans').insert({ code: 'enterprise_custom', name: 'Enterprise Custom', monthly_price: 9999, annual_price: 99990 });
      await strataOk(db.url, ['seed', 'undo']);
      expect(await rowCounts(db.knex, SEEDED_TABLES)).toEqual({ users: 1, rate_plans: 1, customers: 0, accounts: 0, subscriptions: 0 });
      expect(await db.knex('users').pluck('email')).toEqual(['ops@balatrix.com']);
      expect(await db.knex('rate_plans').pluck('code')).toEqual(['enterprise_custom']);
    });
  });

  describe('production target (STRATA_ENV=production)', () => {
    const db = usePackageDatabase(cli, server, { prefix: 'tb_prod' });
    const nothingWritten = async () => expect(await tablesWithRows(db.knex)).toEqual({});

    it('refuses the reference seeds without the password variables, writing nothing', async () => {
      const result = await strata(db.url, ['seed', 'run', '--profile', 'reference'], PRODUCTION_ENV);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('BALATRIX_ADMIN_PASSWORD is not set; BALATRIX_SUPPORT_PASSWORD is not set');
      expect(result.stderr).toContain('nothing was written');
      await nothingWritten();
    });

    it.each([
      ['the development default', DEV_SYSTEM_PASSWORD, 'BALATRIX_ADMIN_PASSWORD is the development default'],
      ['too short', 'Short@1', 'BALATRIX_ADMIN_PASSWORD is shorter than 12 characters'],
    ])('refuses an admin password that is %s, without printing it', async (_case, password, message) => {
      const result = await strata(db.url, ['seed', 'run', '--profile', 'reference'], { ...PRODUCTION_ENV, BALATRIX_ADMIN_PASSWORD: password, BALATRIX_SUPPORT_PASSWORD: SUPPORT_SECRET });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.stdout + result.stderr).not.toContain(password);
      expect(result.stdout + result.stderr).not.toContain(SUPPORT_SECRET);
      await nothingWritten();
    });

    it('refuses the demo profile, writing nothing', () => expectDemoProfileRefused(cli, db, { BALATRIX_ADMIN_PASSWORD: ADMIN_SECRET, BALATRIX_SUPPORT_PASSWORD: SUPPORT_SECRET }));

    it('the demo seed refuses production by itself too', () => expectSeedRefusesProduction(db.knex, demoSeed));

    it('seeds with the variables: their passwords verify, the development default does not', async () => {
      const result = await expectReferenceSeededOnProduction(cli, db, { users: 2, rate_plans: 3 }, { BALATRIX_ADMIN_PASSWORD: ADMIN_SECRET, BALATRIX_SUPPORT_PASSWORD: SUPPORT_SECRET });
      expect(result.stdout + result.stderr).not.toContain(ADMIN_SECRET);
      const hashes = Object.fromEntries(
        (await db.knex('users').select('email', 'password_hash', 'must_change_password')).map((u: { email: string; password_hash: string; must_change_password: boolean }) => [u.email, u]),
      );
      for (const [email, secret] of [['admin@balatrix.com', ADMIN_SECRET], ['support@balatrix.com', SUPPORT_SECRET]] as const) {
        const user = hashes[email]!;
        expect(user.must_change_password).toBe(true);
        expect(bcrypt.getRounds(user.password_hash)).toBe(12);
        expect(await bcrypt.compare(secret, user.password_hash)).toBe(true);
        expect(await bcrypt.compare(DEV_SYSTEM_PASSWORD, user.password_hash)).toBe(false);
      }
    });
  });
});

/**
 * The seeds on real PostgreSQL through the real CLI: the reference data (plans, RADIUS groups and
 * attributes, SLA policies, templates, chart of accounts, integration catalogues) and the demo
 * (a customer hierarchy, a POP with a NAS, services with RADIUS subscribers, a paid invoice with
 * balanced journal entries); a rerun changes no row; undo leaves nothing but what others added;
 * production takes the reference data and refuses the demo.
 */
import path from 'node:path';
import type { SeedModule } from '@strata/core';
import { expectDemoProfileRefused, expectReferenceSeededOnProduction, expectSeedRefusesProduction, expectSeedRerunChangesNothing, rowCounts, tablesWithRows, testServers, usePackageDatabase } from '@strata/core/testing';
import { DEMO_NAS, DEMO_RADIUS_PASSWORD } from '../src/demo';
import { API_SCOPES, LEDGER_ACCOUNTS, MESSAGE_TEMPLATES, RADIUS_GROUPS, RATE_LIMIT_POLICIES, SERVICE_PLANS, SLA_POLICIES, WEBHOOK_EVENT_TYPES } from '../src/reference';
import { Table } from '../src/tables';
import { cli, PACKAGE_DIR, strata, strataOk } from './support';

/** Rows each reference table holds after the reference seeds. */
const REFERENCE_COUNTS = {
  [Table.radiusGroups]: RADIUS_GROUPS.length,
  [Table.radgroupcheck]: RADIUS_GROUPS.reduce((n, g) => n + g.check.length, 0),
  [Table.radgroupreply]: RADIUS_GROUPS.reduce((n, g) => n + g.reply.length, 0),
  [Table.servicePlans]: SERVICE_PLANS.length,
  [Table.bundlePlanComponents]: 2,
  [Table.slaPolicies]: SLA_POLICIES.length,
  [Table.slaTargets]: SLA_POLICIES.length * 4,
  [Table.messageTemplates]: MESSAGE_TEMPLATES.length,
  [Table.ledgerAccounts]: LEDGER_ACCOUNTS.length,
  [Table.apiScopes]: API_SCOPES.length,
  [Table.rateLimitPolicies]: RATE_LIMIT_POLICIES.length,
  [Table.webhookEventTypes]: WEBHOOK_EVENT_TYPES.length,
};

const DEMO_SEEDS = ['007_demo_customers', '008_demo_network', '009_demo_services', '010_demo_billing'];

describe.each(testServers())('isp seeds ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'isp_seeds', seed: 'demo' });

  describe('reference and demo', () => {
    it('writes the reference data', async () => {
      expect(await rowCounts(db.knex, Object.keys(REFERENCE_COUNTS))).toEqual(REFERENCE_COUNTS);
      const plans = await db.knex(Table.servicePlans).orderBy('code').select('code', 'service_type', 'monthly_price', 'download_mbps', 'radius_group');
      expect(plans).toEqual([
        { code: 'bundle_fiber_500_voice', service_type: 'bundle', monthly_price: '69.0000', download_mbps: null, radius_group: null },
        { code: 'fiber_100', service_type: 'internet', monthly_price: '39.0000', download_mbps: 100, radius_group: 'plan-fiber-100' },
        { code: 'fiber_1000', service_type: 'internet', monthly_price: '79.0000', download_mbps: 1000, radius_group: 'plan-fiber-1000' },
        { code: 'fiber_500', service_type: 'internet', monthly_price: '59.0000', download_mbps: 500, radius_group: 'plan-fiber-500' },
        { code: 'voice_home', service_type: 'voice', monthly_price: '14.9900', download_mbps: null, radius_group: null },
      ]);
      expect(await db.knex(Table.radgroupreply).where({ groupname: 'plan-fiber-100' }).orderBy('id').select('attribute', 'op', 'value')).toEqual([
        { attribute: 'Mikrotik-Rate-Limit', op: ':=', value: '50M/100M' },
        { attribute: 'Acct-Interim-Interval', op: ':=', value: '300' },
      ]);
    });

    it('writes a customer hierarchy: Acme Holdings over its two branches, billed to it', async () => {
      const rows = await db.knex(`${Table.customers} as c`)
        .leftJoin(`${Table.customers} as p`, 'p.id', 'c.parent_customer_id')
        .join(`${Table.customerBillingConfigs} as b`, 'b.customer_id', 'c.id')
        .orderBy('c.customer_number')
        .select('c.customer_number', 'c.display_name', 'c.customer_type', 'p.customer_number as parent', 'c.portal_id', 'b.bill_to_parent');
      expect(rows).toEqual([
        { customer_number: 'CUST-000100', display_name: 'Acme Holdings', customer_type: 'enterprise', parent: null, portal_id: 'ACME-HQ', bill_to_parent: false },
        { customer_number: 'CUST-000101', display_name: 'Acme North Branch', customer_type: 'business', parent: 'CUST-000100', portal_id: 'ACME-NORTH', bill_to_parent: true },
        { customer_number: 'CUST-000102', display_name: 'Acme South Branch', customer_type: 'business', parent: 'CUST-000100', portal_id: 'ACME-SOUTH', bill_to_parent: true },
        { customer_number: 'CUST-000200', display_name: 'Jane Doe', customer_type: 'residential', parent: null, portal_id: 'JDOE-0200', bill_to_parent: false },
      ]);
      expect(await db.knex(Table.customerContacts).count({ n: '*' })).toEqual([{ n: '5' }]);
      expect(await db.knex(Table.customerLocations).count({ n: '*' })).toEqual([{ n: '5' }]);
    });

    it('writes services, a bundle with its parts, and a RADIUS subscriber for each internet service', async () => {
      const services = await db.knex(`${Table.services} as s`)
        .join(`${Table.servicePlans} as p`, 'p.id', 's.plan_id')
        .leftJoin(`${Table.services} as b`, 'b.id', 's.bundle_service_id')
        .leftJoin(`${Table.internetServices} as i`, 'i.service_id', 's.id')
        .orderBy('s.service_number')
        .select('s.service_number', 's.service_type', 'p.code as plan', 'b.service_number as bundle', 'i.radius_username');
      expect(services).toEqual([
        { service_number: 'SVC-000100', service_type: 'internet', plan: 'fiber_1000', bundle: null, radius_username: 'acme-north@fiber.example' },
        { service_number: 'SVC-000101', service_type: 'internet', plan: 'fiber_100', bundle: null, radius_username: 'acme-south@fiber.example' },
        { service_number: 'SVC-000200', service_type: 'bundle', plan: 'bundle_fiber_500_voice', bundle: null, radius_username: null },
        { service_number: 'SVC-000201', service_type: 'internet', plan: 'fiber_500', bundle: 'SVC-000200', radius_username: 'jane.doe@fiber.example' },
        { service_number: 'SVC-000202', service_type: 'voice', plan: 'voice_home', bundle: 'SVC-000200', radius_username: null },
      ]);
      const subscribers = await db.knex(`${Table.internetServices} as i`)
        .join(`${Table.radcheck} as c`, function () { this.on('c.service_id', 'i.service_id').andOn('c.username', 'i.radius_username'); })
        .join(`${Table.radusergroup} as g`, function () { this.on('g.service_id', 'i.service_id').andOn('g.username', 'i.radius_username'); })
        .orderBy('i.radius_username')
        .select('i.radius_username', 'c.attribute', 'c.op', 'c.value', 'g.groupname');
      expect(subscribers).toEqual([
        { radius_username: 'acme-north@fiber.example', attribute: 'Cleartext-Password', op: ':=', value: DEMO_RADIUS_PASSWORD, groupname: 'plan-fiber-1000' },
        { radius_username: 'acme-south@fiber.example', attribute: 'Cleartext-Password', op: ':=', value: DEMO_RADIUS_PASSWORD, groupname: 'plan-fiber-100' },
        { radius_username: 'jane.doe@fiber.example', attribute: 'Cleartext-Password', op: ':=', value: DEMO_RADIUS_PASSWORD, groupname: 'plan-fiber-500' },
      ]);
      // The static address of IPAM, handed out by RADIUS.
      expect(await db.knex(Table.radreply).select('username', 'attribute', 'value')).toEqual([{ username: 'acme-north@fiber.example', attribute: 'Framed-IP-Address', value: '203.0.113.10' }]);
      const [staticAddress] = await db.knex(`${Table.internetServices} as i`).join(`${Table.ipAddresses} as a`, 'a.id', 'i.ipv4_address_id').select('a.address');
      expect(staticAddress).toEqual({ address: '203.0.113.10/24' });
    });

    it('writes the demo BNG as the NAS FreeRADIUS reads', async () => {
      const nas = await db.knex(`${Table.nas} as n`).join(`${Table.devices} as d`, 'd.id', 'n.device_id').select('n.nasname', 'n.shortname', 'n.secret', 'd.hostname', 'd.role');
      expect(nas).toEqual([{ nasname: DEMO_NAS.nasname, shortname: DEMO_NAS.shortname, secret: DEMO_NAS.secret, hostname: 'bng1.demo-pop-1', role: 'bng' }]);
    });

    it('writes a paid invoice whose journal entries balance and leave nothing receivable', async () => {
      const [invoice] = await db.knex(Table.invoices).select('invoice_number', 'status', 'subtotal', 'tax_total', 'total');
      expect(invoice).toEqual({ invoice_number: 'INV-DEMO-000001', status: 'paid', subtotal: '118.0000', tax_total: '11.8000', total: '129.8000' });
      const lines = await db.knex(Table.invoiceLines).sum({ amount: 'amount', tax: 'tax_amount' });
      expect(lines).toEqual([{ amount: '118.0000', tax: '11.8000' }]);
      const entries = await db.knex(`${Table.journalEntries} as e`)
        .join(`${Table.journalLines} as l`, 'l.journal_entry_id', 'e.id')
        .groupBy('e.entry_number', 'e.source')
        .orderBy('e.entry_number')
        .select('e.entry_number', 'e.source', db.knex.raw('sum(l.debit) AS debits'), db.knex.raw('sum(l.credit) AS credits'));
      expect(entries).toEqual([
        { entry_number: 'JE-DEMO-000001', source: 'invoice', debits: '129.8000', credits: '129.8000' },
        { entry_number: 'JE-DEMO-000002', source: 'payment', debits: '129.8000', credits: '129.8000' },
      ]);
      const receivable = await db.knex(`${Table.journalLines} as l`).join(`${Table.ledgerAccounts} as a`, 'a.id', 'l.ledger_account_id').where('a.code', '1100').select(db.knex.raw('sum(l.debit - l.credit) AS balance'));
      expect(receivable).toEqual([{ balance: '0.0000' }]);
    });

    it('changes no row when run again (--rerun)', () => expectSeedRerunChangesNothing(cli, db, { seeds: 10 }));

    it('undo removes exactly the seeded rows, and leaves rows others added', async () => {
      await db.knex(Table.servicePlans).insert({ code: 'fiber_2000', name: 'Fiber 2 Gig', service_type: 'internet', currency: 'USD', monthly_price: 99, download_mbps: 2000, upload_mbps: 1000, radius_group: 'plan-fiber-1000' }).then(() => undefined);
      const [ops] = await db.knex(Table.customers).insert({ customer_number: 'CUST-900000', display_name: 'Operator test account' }).returning('id');
      await db.knex(Table.radcheck).insert({ username: 'noc-test', attribute: 'Cleartext-Password', op: ':=', value: 'x' });
      // The operator's plan uses a seeded group: undo must not remove the group from under it.
      const blocked = await strata(db.url, ['seed', 'undo']);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain('fk_service_plans_radius_group');
      await db.knex(Table.servicePlans).where({ code: 'fiber_2000' }).delete();
      await strataOk(db.url, ['seed', 'undo']);
      expect(await tablesWithRows(db.knex)).toEqual({ [Table.customers]: 1, [Table.radcheck]: 1 });
      await db.knex(Table.radcheck).where({ username: 'noc-test' }).delete();
      await db.knex(Table.customers).where({ id: ops.id }).delete();
    });
  });

  // Continues on the same database, now empty again after the undo above.
  describe('production target (STRATA_ENV=production)', () => {
    it('refuses the demo profile, writing nothing', () => expectDemoProfileRefused(cli, db));

    it.each(DEMO_SEEDS)('%s refuses production by itself too', async (name) => {
      const module = (await import(path.join(PACKAGE_DIR, 'seeds', `${name}.ts`))) as SeedModule;
      await expectSeedRefusesProduction(db.knex, module);
    });

    it('takes the reference data, which holds no secret', () => expectReferenceSeededOnProduction(cli, db, REFERENCE_COUNTS));
  });
});

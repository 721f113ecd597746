/**
 * The rules the database enforces, provoked on real PostgreSQL: no cycles in the customer
 * hierarchy (also between two concurrent transactions), balanced journal entries (checked at
 * COMMIT), no overlapping prefixes in a VRF, addresses inside their prefix and unique, the type
 * rules of services and plans, RADIUS credentials bound to their service, and the checks of the
 * feature tables. Each case runs in a rolled-back transaction unless it needs a COMMIT.
 */
import type { Knex } from 'knex';
import { inRolledBackTransaction, inSavepoint, pgError, PgErrorCode, RESTRICT_CODES, testServers, usePackageDatabase } from '@strata/core/testing';
import { Table } from '../src/tables';
import { cli } from './support';

let sequence = 0;
const next = (prefix: string) => `${prefix}-${++sequence}`;

/** A customer; returns its id. */
async function customer(db: Knex, fields: Record<string, unknown> = {}): Promise<string> {
  const [row] = await db(Table.customers).insert({ customer_number: next('C'), display_name: 'Test customer', ...fields }).returning('id');
  return row.id;
}

describe.each(testServers())('isp integrity ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'isp_rules' });

  describe('customer hierarchy', () => {
    it('allows a tree of any depth, and moves inside it that keep it a tree', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const reseller = await customer(trx, { customer_type: 'reseller' });
        const business = await customer(trx, { parent_customer_id: reseller });
        const branch = await customer(trx, { parent_customer_id: business });
        const other = await customer(trx);
        await trx(Table.customers).where({ id: business }).update({ parent_customer_id: other });
        expect(await trx(Table.customers).where({ id: branch }).first('parent_customer_id')).toEqual({ parent_customer_id: business });
      });
    });

    it('refuses a parent that is a descendant (A → B → C, then A under C)', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const a = await customer(trx);
        const b = await customer(trx, { parent_customer_id: a });
        const c = await customer(trx, { parent_customer_id: b });
        const error = await pgError(inSavepoint(trx, (sp) => sp(Table.customers).where({ id: a }).update({ parent_customer_id: c })));
        expect(error).toMatchObject({ code: PgErrorCode.check, constraint: 'trg_customers_hierarchy_acyclic', table: 'customers' });
        expect(error.message).toContain('would form a cycle');
      });
    });

    it('refuses a customer as its own parent, inserted or updated', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const id = '0196f1c2-0000-7000-8000-000000000001';
        const inserted = await pgError(inSavepoint(trx, (sp) => sp(Table.customers).insert({ id, customer_number: next('C'), display_name: 'Self', parent_customer_id: id })));
        expect(inserted).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_customers_not_own_parent' });
        const a = await customer(trx);
        // On UPDATE the hierarchy trigger (BEFORE the row is written) sees it first.
        const updated = await pgError(inSavepoint(trx, (sp) => sp(Table.customers).where({ id: a }).update({ parent_customer_id: a })));
        expect(updated).toMatchObject({ code: PgErrorCode.check, constraint: 'trg_customers_hierarchy_acyclic' });
      });
    });

    it('refuses two concurrent moves that would close a loop together', async () => {
      const a = await customer(db.knex);
      const b = await customer(db.knex);
      const first = await db.knex.transaction();
      const second = await db.knex.transaction();
      try {
        await first(Table.customers).where({ id: a }).update({ parent_customer_id: b });
        // B under A waits for the first transaction (it holds B's row FOR SHARE)…
        const blocked = second(Table.customers).where({ id: b }).update({ parent_customer_id: a }).then(
          () => undefined,
          (error: unknown) => error as { code?: string; constraint?: string },
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        await first.commit();
        // …then sees A under B and refuses.
        expect(await blocked).toMatchObject({ code: PgErrorCode.check, constraint: 'trg_customers_hierarchy_acyclic' });
      } finally {
        await second.rollback().catch(() => undefined);
        if (!first.isCompleted()) await first.rollback();
        await db.knex(Table.customers).whereIn('id', [a, b]).update({ parent_customer_id: null });
        await db.knex(Table.customers).whereIn('id', [a, b]).delete();
      }
    });

    it('refuses deleting a parent that still has children', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const parent = await customer(trx);
        await customer(trx, { parent_customer_id: parent });
        const error = await pgError(inSavepoint(trx, (sp) => sp(Table.customers).where({ id: parent }).delete()));
        expect(error.constraint).toBe('fk_customers_parent_customer_id');
        expect(RESTRICT_CODES).toContain(error.code);
      });
    });

    it('keeps portal ids unique and well-formed', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        await customer(trx, { portal_id: 'PORTAL-1' });
        expect(await pgError(inSavepoint(trx, (sp) => customer(sp, { portal_id: 'PORTAL-1' })))).toMatchObject({ code: PgErrorCode.unique, constraint: 'uq_customers_portal_id' });
        expect(await pgError(inSavepoint(trx, (sp) => customer(sp, { portal_id: 'jane doe' })))).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_customers_portal_id_format' });
        // Customers not yet invited to the portal have none.
        await customer(trx);
        await customer(trx);
      });
    });

    it('refuses a tax exemption without its certificate, and a negative credit limit', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const id = await customer(trx);
        const exempt = await pgError(inSavepoint(trx, (sp) => sp(Table.customerBillingConfigs).insert({ customer_id: id, currency: 'USD', tax_exempt: true })));
        expect(exempt).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_customer_billing_configs_exemption_has_reference' });
        const limit = await pgError(inSavepoint(trx, (sp) => sp(Table.customers).where({ id }).update({ credit_limit: -1 })));
        expect(limit).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_customers_credit_limit_not_negative' });
      });
    });
  });

  describe('IPAM', () => {
    async function vrf(trx: Knex, name: string): Promise<string> {
      const [row] = await trx(Table.vrfs).insert({ name }).returning('id');
      return row.id;
    }
    async function prefix(trx: Knex, network: string, vrfId: string | null = null, role = 'customer_static'): Promise<string> {
      const [row] = await trx(Table.ipPrefixes).insert({ prefix: network, vrf_id: vrfId, role }).returning('id');
      return row.id;
    }

    it('refuses overlapping prefixes in one VRF, nested or equal, and allows them in another VRF', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const red = await vrf(trx, 'red');
        const blue = await vrf(trx, 'blue');
        await prefix(trx, '10.0.0.0/16', red);
        for (const overlapping of ['10.0.0.0/16', '10.0.5.0/24', '10.0.0.0/8']) {
          const error = await pgError(inSavepoint(trx, (sp) => prefix(sp, overlapping, red)));
          expect({ overlapping, code: error.code, constraint: error.constraint }).toEqual({ overlapping, code: PgErrorCode.exclusion, constraint: 'ex_ip_prefixes_no_overlap' });
        }
        await prefix(trx, '10.0.0.0/16', blue);
        await prefix(trx, '10.1.0.0/16', red);
      });
    });

    it('treats the global table (no VRF) as one VRF', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        await prefix(trx, '192.0.2.0/24');
        expect(await pgError(inSavepoint(trx, (sp) => prefix(sp, '192.0.2.128/25')))).toMatchObject({ code: PgErrorCode.exclusion, constraint: 'ex_ip_prefixes_no_overlap' });
        await prefix(trx, '2001:db8::/48');
        expect(await pgError(inSavepoint(trx, (sp) => prefix(sp, '2001:db8:0:1::/64')))).toMatchObject({ code: PgErrorCode.exclusion });
      });
    });

    it('refuses overlapping aggregates', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        await trx(Table.ipAggregates).insert({ prefix: '100.64.0.0/10', rir: 'RFC6598' });
        const error = await pgError(inSavepoint(trx, (sp) => sp(Table.ipAggregates).insert({ prefix: '100.64.0.0/16', rir: 'RFC6598' })));
        expect(error).toMatchObject({ code: PgErrorCode.exclusion, constraint: 'ex_ip_aggregates_no_overlap' });
      });
    });

    it('keeps an address inside its prefix, with its mask, not the network or broadcast address, and unique', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const id = await prefix(trx, '198.51.100.0/24');
        const address = (value: string, network = '198.51.100.0/24') => trx(Table.ipAddresses).insert({ prefix_id: id, prefix: network, address: value });
        await address('198.51.100.10/24');
        const refused = async (value: string) => pgError(inSavepoint(trx, (sp) => sp(Table.ipAddresses).insert({ prefix_id: id, prefix: '198.51.100.0/24', address: value })));
        expect(await refused('198.51.101.10/24')).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_ip_addresses_inside_prefix' });
        expect(await refused('198.51.100.11/32')).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_ip_addresses_inside_prefix' });
        expect(await refused('198.51.100.0/24')).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_ip_addresses_not_network_or_broadcast' });
        expect(await refused('198.51.100.255/24')).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_ip_addresses_not_network_or_broadcast' });
        expect(await refused('198.51.100.10/24')).toMatchObject({ code: PgErrorCode.unique, constraint: 'uq_ip_addresses_prefix_id_prefix_address' });
        // The copied network must be the prefix's own.
        const copied = await pgError(inSavepoint(trx, (sp) => sp(Table.ipAddresses).insert({ prefix_id: id, prefix: '198.51.0.0/16', address: '198.51.100.12/16' })));
        expect(copied).toMatchObject({ code: PgErrorCode.foreignKey, constraint: 'fk_ip_addresses_prefix_id_prefix' });
      });
    });

    it('allows both addresses of a /31 link and any address of IPv6', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const link = await prefix(trx, '192.0.2.0/31', null, 'point_to_point');
        await trx(Table.ipAddresses).insert([{ prefix_id: link, prefix: '192.0.2.0/31', address: '192.0.2.0/31' }, { prefix_id: link, prefix: '192.0.2.0/31', address: '192.0.2.1/31' }]);
        const v6 = await prefix(trx, '2001:db8:1::/64', null, 'infrastructure');
        await trx(Table.ipAddresses).insert({ prefix_id: v6, prefix: '2001:db8:1::/64', address: '2001:db8:1::/64' });
      });
    });

    it('carries a renumbered prefix to its addresses, and refuses one that would leave them outside', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const id = await prefix(trx, '203.0.113.0/25');
        await trx(Table.ipAddresses).insert({ prefix_id: id, prefix: '203.0.113.0/25', address: '203.0.113.5/25' });
        const shrunk = await pgError(inSavepoint(trx, (sp) => sp(Table.ipPrefixes).where({ id }).update({ prefix: '203.0.113.0/26' })));
        expect(shrunk).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_ip_addresses_inside_prefix' });
        const deleted = await pgError(inSavepoint(trx, (sp) => sp(Table.ipPrefixes).where({ id }).delete()));
        expect(deleted.constraint).toBe('fk_ip_addresses_prefix_id_prefix');
      });
    });

    it('keeps VLAN ids in 1–4094 and unique in their group', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const [group] = await trx(Table.vlanGroups).insert({ name: 'access' }).returning('id');
        await trx(Table.vlans).insert({ vlan_group_id: group.id, vid: 100, name: 'subscribers' });
        expect(await pgError(inSavepoint(trx, (sp) => sp(Table.vlans).insert({ vlan_group_id: group.id, vid: 100, name: 'other' })))).toMatchObject({ code: PgErrorCode.unique, constraint: 'uq_vlans_vlan_group_id_vid' });
        expect(await pgError(inSavepoint(trx, (sp) => sp(Table.vlans).insert({ vlan_group_id: group.id, vid: 4095, name: 'reserved' })))).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_vlans_vid_range' });
      });
    });

    it('refuses a sub-interface whose parent port is on another device', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const [site] = await trx(Table.sites).insert({ code: 'pop-x', name: 'POP X', site_type: 'pop' }).returning('id');
        const [one, two] = await trx(Table.devices).insert([{ site_id: site.id, hostname: 'r1.pop-x', role: 'edge_router' }, { site_id: site.id, hostname: 'r2.pop-x', role: 'edge_router' }]).returning('id');
        const [port] = await trx(Table.interfaces).insert({ device_id: one.id, name: 'xe-0/0/0', interface_type: 'sfp_plus' }).returning('id');
        await trx(Table.interfaces).insert({ device_id: one.id, name: 'xe-0/0/0.100', interface_type: 'vlan', parent_interface_id: port.id });
        const error = await pgError(inSavepoint(trx, (sp) => sp(Table.interfaces).insert({ device_id: two.id, name: 'xe-0/0/0.200', interface_type: 'vlan', parent_interface_id: port.id })));
        expect(error).toMatchObject({ code: PgErrorCode.foreignKey, constraint: 'fk_interfaces_parent_interface_id_device_id' });
      });
    });
  });

  describe('services and RADIUS', () => {
    /** A RADIUS group, an internet plan on it, a voice plan, and a customer. */
    async function catalogue(trx: Knex) {
      await trx(Table.radiusGroups).insert({ groupname: 'plan-test' });
      const [internet] = await trx(Table.servicePlans).insert({ code: next('internet').replace('-', '_'), name: 'Internet', service_type: 'internet', currency: 'USD', monthly_price: 30, download_mbps: 100, upload_mbps: 50, radius_group: 'plan-test' }).returning('id');
      const [voice] = await trx(Table.servicePlans).insert({ code: next('voice').replace('-', '_'), name: 'Voice', service_type: 'voice', currency: 'USD', monthly_price: 10 }).returning('id');
      return { internetPlan: internet.id as string, voicePlan: voice.id as string, customerId: await customer(trx) };
    }
    async function internetService(trx: Knex, username: string) {
      const { internetPlan, customerId } = await catalogue(trx);
      const [service] = await trx(Table.services).insert({ service_number: next('S'), customer_id: customerId, plan_id: internetPlan, service_type: 'internet' }).returning('id');
      await trx(Table.internetServices).insert({ service_id: service.id, connection_type: 'fiber', radius_username: username });
      return service.id as string;
    }

    it('refuses a service of another type than its plan, and details of the wrong kind', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { internetPlan, voicePlan, customerId } = await catalogue(trx);
        const mismatch = await pgError(inSavepoint(trx, (sp) => sp(Table.services).insert({ service_number: next('S'), customer_id: customerId, plan_id: voicePlan, service_type: 'internet' })));
        expect(mismatch).toMatchObject({ code: PgErrorCode.foreignKey, constraint: 'fk_services_plan_id_service_type' });
        const [voiceService] = await trx(Table.services).insert({ service_number: next('S'), customer_id: customerId, plan_id: voicePlan, service_type: 'voice' }).returning('id');
        const wrongDetails = await pgError(inSavepoint(trx, (sp) => sp(Table.internetServices).insert({ service_id: voiceService.id, connection_type: 'fiber', radius_username: 'x@isp.example' })));
        expect(wrongDetails).toMatchObject({ code: PgErrorCode.foreignKey, constraint: 'fk_internet_services_service_id_service_type' });
        // A bundle part must point at a bundle.
        const [internetService] = await trx(Table.services).insert({ service_number: next('S'), customer_id: customerId, plan_id: internetPlan, service_type: 'internet' }).returning('id');
        const notBundle = await pgError(inSavepoint(trx, (sp) => sp(Table.services).insert({ service_number: next('S'), customer_id: customerId, plan_id: voicePlan, service_type: 'voice', bundle_service_id: internetService.id })));
        expect(notBundle).toMatchObject({ code: PgErrorCode.foreignKey, constraint: 'fk_services_bundle_service_id_bundle_service_type' });
      });
    });

    it('refuses an internet plan without speeds or RADIUS group, and a bundle of bundles', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const plan = await pgError(inSavepoint(trx, (sp) => sp(Table.servicePlans).insert({ code: 'no_speed', name: 'No speed', service_type: 'internet', currency: 'USD', monthly_price: 1 })));
        expect(plan).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_service_plans_internet_fields' });
        const [bundle] = await trx(Table.servicePlans).insert({ code: 'bundle_a', name: 'A', service_type: 'bundle', currency: 'USD', monthly_price: 1 }).returning('id');
        const [inner] = await trx(Table.servicePlans).insert({ code: 'bundle_b', name: 'B', service_type: 'bundle', currency: 'USD', monthly_price: 1 }).returning('id');
        const nested = await pgError(inSavepoint(trx, (sp) => sp(Table.bundlePlanComponents).insert({ bundle_plan_id: bundle.id, component_plan_id: inner.id, component_plan_type: 'bundle' })));
        expect(nested).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_bundle_plan_components_component_not_bundle' });
      });
    });

    it('binds RADIUS credentials to their service: the username must be the service\'s, renames follow, deletion removes them', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const serviceId = await internetService(trx, 'alice@fiber.example');
        await trx(Table.radcheck).insert({ username: 'alice@fiber.example', attribute: 'Cleartext-Password', op: ':=', value: 'x', service_id: serviceId });
        await trx(Table.radusergroup).insert({ username: 'alice@fiber.example', groupname: 'plan-test', service_id: serviceId });
        const foreign = await pgError(inSavepoint(trx, (sp) => sp(Table.radcheck).insert({ username: 'mallory@fiber.example', attribute: 'Cleartext-Password', op: ':=', value: 'x', service_id: serviceId })));
        expect(foreign).toMatchObject({ code: PgErrorCode.foreignKey, constraint: 'fk_radcheck_service_id_username' });
        await trx(Table.internetServices).where({ service_id: serviceId }).update({ radius_username: 'alice.smith@fiber.example' });
        expect(await trx(Table.radcheck).where({ service_id: serviceId }).pluck('username')).toEqual(['alice.smith@fiber.example']);
        expect(await trx(Table.radusergroup).where({ service_id: serviceId }).pluck('username')).toEqual(['alice.smith@fiber.example']);
        await trx(Table.services).where({ id: serviceId }).delete();
        expect(await trx(Table.radcheck).where({ username: 'alice.smith@fiber.example' }).count({ n: '*' })).toEqual([{ n: '0' }]);
        expect(await trx(Table.radusergroup).where({ username: 'alice.smith@fiber.example' }).count({ n: '*' })).toEqual([{ n: '0' }]);
      });
    });

    it('refuses unknown groups, deleting a group in use, and operators FreeRADIUS does not know', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        await trx(Table.radiusGroups).insert({ groupname: 'in-use' });
        const unknown = await pgError(inSavepoint(trx, (sp) => sp(Table.radusergroup).insert({ username: 'bob', groupname: 'no-such-group' })));
        expect(unknown).toMatchObject({ code: PgErrorCode.foreignKey, constraint: 'fk_radusergroup_groupname' });
        await trx(Table.radusergroup).insert({ username: 'bob', groupname: 'in-use' });
        const inUse = await pgError(inSavepoint(trx, (sp) => sp(Table.radiusGroups).where({ groupname: 'in-use' }).delete()));
        expect(inUse.constraint).toBe('fk_radusergroup_groupname');
        const op = await pgError(inSavepoint(trx, (sp) => sp(Table.radgroupreply).insert({ groupname: 'in-use', attribute: 'Session-Timeout', op: '=>', value: '60' })));
        expect(op).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_radgroupreply_op_valid' });
      });
    });

    it('links an accounting session to its service by username, and never stores a password in radpostauth', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const serviceId = await internetService(trx, 'carol@fiber.example');
        await trx(Table.radacct).insert({ acctsessionid: 's1', acctuniqueid: 'u1', username: 'carol@fiber.example', nasipaddress: '192.0.2.1' });
        await trx(Table.radacct).insert({ acctsessionid: 's2', acctuniqueid: 'u2', username: 'operator-test', nasipaddress: '192.0.2.1' });
        expect(await trx(Table.radacct).orderBy('radacctid').pluck('service_id')).toEqual([serviceId, null]);
        await trx(Table.radpostauth).insert({ username: 'carol@fiber.example', pass: 'secret typed by the user', reply: 'Access-Reject' });
        expect(await trx(Table.radpostauth).pluck('pass')).toEqual([null]);
      });
    });

    it('serialises provisioning: one open job per service', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const serviceId = await internetService(trx, 'dave@fiber.example');
        await trx(Table.provisioningJobs).insert({ service_id: serviceId, action: 'activate' });
        const second = await pgError(inSavepoint(trx, (sp) => sp(Table.provisioningJobs).insert({ service_id: serviceId, action: 'suspend' })));
        expect(second).toMatchObject({ code: PgErrorCode.unique, constraint: 'uq_provisioning_jobs_service_id' });
        await trx(Table.provisioningJobs).where({ service_id: serviceId }).update({ state: 'succeeded', finished_at: trx.fn.now() });
        await trx(Table.provisioningJobs).insert({ service_id: serviceId, action: 'suspend' });
      });
    });
  });

  describe('double-entry ledger', () => {
    let accounts: { receivables: string; revenue: string; tax: string };
    let customerId: string;

    beforeAll(async () => {
      const rows = await db.knex(Table.ledgerAccounts)
        .insert([
          { code: '91100', name: 'Receivables (test)', account_type: 'asset' },
          { code: '94000', name: 'Revenue (test)', account_type: 'revenue' },
          { code: '92200', name: 'Tax (test)', account_type: 'liability' },
        ])
        .returning(['id', 'code']);
      const byCode = Object.fromEntries(rows.map((r: { id: string; code: string }) => [r.code, r.id]));
      accounts = { receivables: byCode['91100']!, revenue: byCode['94000']!, tax: byCode['92200']! };
      customerId = await customer(db.knex);
    });

    /** An adjustment entry with the given [account, debit, credit] lines, in `trx`; returns its id. */
    async function entry(trx: Knex, lines: [string, string, string][]): Promise<string> {
      const [row] = await trx(Table.journalEntries).insert({ entry_number: next('JE'), entry_date: '2025-08-01', description: 'test', currency: 'USD', source: 'adjustment' }).returning('id');
      if (lines.length > 0) await trx(Table.journalLines).insert(lines.map(([account, debit, credit]) => ({ journal_entry_id: row.id, ledger_account_id: account, debit, credit, customer_id: customerId })));
      return row.id;
    }
    const commitFails = (body: (trx: Knex.Transaction) => Promise<unknown>) => pgError(db.knex.transaction(async (trx) => void (await body(trx))));

    it('commits a balanced entry', async () => {
      const id = await db.knex.transaction((trx) => entry(trx, [[accounts.receivables, '110.0000', '0'], [accounts.revenue, '0', '100.0000'], [accounts.tax, '0', '10.0000']]));
      expect(await db.knex(Table.journalLines).where({ journal_entry_id: id }).count({ n: '*' })).toEqual([{ n: '3' }]);
    });

    it('refuses at COMMIT an entry whose debits and credits differ, keeping nothing of it', async () => {
      const before = await db.knex(Table.journalEntries).count({ n: '*' });
      const error = await commitFails((trx) => entry(trx, [[accounts.receivables, '110.0000', '0'], [accounts.revenue, '0', '100.0000']]));
      // The new entry's own check runs first at COMMIT (its trigger event was queued first).
      expect(error).toMatchObject({ code: PgErrorCode.check, constraint: 'trg_journal_entries_balanced' });
      expect(error.message).toMatch(/journal entry JE-\d+ does not balance: debits 110\.0000, credits 100\.0000 over 2 line\(s\)/);
      expect(await db.knex(Table.journalEntries).count({ n: '*' })).toEqual(before);
    });

    it('refuses at COMMIT an entry with no lines, or only one', async () => {
      expect(await commitFails((trx) => entry(trx, []))).toMatchObject({ code: PgErrorCode.check, constraint: 'trg_journal_entries_balanced' });
      expect(await commitFails((trx) => entry(trx, [[accounts.receivables, '0', '0.0000']]))).toMatchObject({ code: PgErrorCode.check });
    });

    it('refuses a line that is both a debit and a credit, or neither', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const id = await entry(trx, []);
        for (const [debit, credit] of [['5', '5'], ['0', '0'], ['-5', '0']]) {
          const error = await pgError(inSavepoint(trx, (sp) => sp(Table.journalLines).insert({ journal_entry_id: id, ledger_account_id: accounts.revenue, debit, credit })));
          expect(error).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_journal_lines_one_side' });
        }
      });
    });

    it('refuses changing or deleting one line of a posted entry, but allows reversing it whole', async () => {
      const id = await db.knex.transaction((trx) => entry(trx, [[accounts.receivables, '50.0000', '0'], [accounts.revenue, '0', '50.0000']]));
      const [line] = await db.knex(Table.journalLines).where({ journal_entry_id: id, ledger_account_id: accounts.revenue }).select('id');
      expect(await commitFails((trx) => trx(Table.journalLines).where({ id: line.id }).update({ credit: '40.0000' }))).toMatchObject({ constraint: 'trg_journal_lines_balanced' });
      expect(await commitFails((trx) => trx(Table.journalLines).where({ id: line.id }).delete())).toMatchObject({ constraint: 'trg_journal_lines_balanced' });
      // Moving a line to another entry unbalances both.
      const other = await db.knex.transaction((trx) => entry(trx, [[accounts.receivables, '5.0000', '0'], [accounts.revenue, '0', '5.0000']]));
      expect(await commitFails((trx) => trx(Table.journalLines).where({ id: line.id }).update({ journal_entry_id: other }))).toMatchObject({ constraint: 'trg_journal_lines_balanced' });
      // A reversal is a new balanced entry naming the one it cancels.
      await db.knex.transaction(async (trx) => {
        const [reversal] = await trx(Table.journalEntries).insert({ entry_number: next('JE'), entry_date: '2025-08-02', description: 'reversal', currency: 'USD', source: 'reversal', reverses_entry_id: id }).returning('id');
        await trx(Table.journalLines).insert([
          { journal_entry_id: reversal.id, ledger_account_id: accounts.revenue, debit: '50.0000', credit: '0' },
          { journal_entry_id: reversal.id, ledger_account_id: accounts.receivables, debit: '0', credit: '50.0000' },
        ]);
      });
    });

    it('checks at once under SET CONSTRAINTS … IMMEDIATE', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        await trx.raw('SET CONSTRAINTS trg_journal_lines_balanced IMMEDIATE');
        const id = await entry(trx, []);
        const error = await pgError(inSavepoint(trx, (sp) => sp(Table.journalLines).insert({ journal_entry_id: id, ledger_account_id: accounts.revenue, debit: '1', credit: '0' })));
        expect(error).toMatchObject({ code: PgErrorCode.check, constraint: 'trg_journal_lines_balanced' });
      });
    });

    it('deletes a whole entry with its lines (the books stay balanced)', async () => {
      const id = await db.knex.transaction((trx) => entry(trx, [[accounts.receivables, '1.0000', '0'], [accounts.revenue, '0', '1.0000']]));
      await db.knex(Table.journalEntries).where({ id }).delete();
      expect(await db.knex(Table.journalLines).where({ journal_entry_id: id }).count({ n: '*' })).toEqual([{ n: '0' }]);
    });

    it('names exactly the document its source says', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const error = await pgError(inSavepoint(trx, (sp) => sp(Table.journalEntries).insert({ entry_number: next('JE'), entry_date: '2025-08-01', description: 'x', currency: 'USD', source: 'invoice' })));
        expect(error).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_journal_entries_source_document' });
      });
    });

    it('keeps an invoice line\'s amount equal to quantity × unit price, and derives the invoice total', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const [invoice] = await trx(Table.invoices).insert({ invoice_number: next('INV'), customer_id: customerId, currency: 'USD', period_start: '2025-07-01', period_end: '2025-07-31', subtotal: '20.0000', tax_total: '2.0000' }).returning(['id', 'total']);
        expect(invoice.total).toBe('22.0000');
        const error = await pgError(inSavepoint(trx, (sp) => sp(Table.invoiceLines).insert({ invoice_id: invoice.id, line_number: 1, description: 'x', quantity: 2, unit_price: '10.0000', amount: '21.0000' })));
        expect(error).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_invoice_lines_amount_is_quantity_times_price' });
        const issued = await pgError(inSavepoint(trx, (sp) => sp(Table.invoices).where({ id: invoice.id }).update({ status: 'issued' })));
        expect(issued).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_invoices_issued_has_dates' });
      });
    });
  });

  describe('support, integrations, communications, files, plugins', () => {
    it.each([
      ['an SLA resolution target before its response target', Table.slaTargets, 'ck_sla_targets_minutes_valid', async (trx: Knex) => {
        const [policy] = await trx(Table.slaPolicies).insert({ code: 'p', name: 'P' }).returning('id');
        return { sla_policy_id: policy.id, priority: 'high', first_response_minutes: 60, resolution_minutes: 30 };
      }],
      ['a webhook endpoint over plain HTTP', Table.webhookEndpoints, 'ck_webhook_endpoints_url_https', async () => ({ name: 'x', url: 'http://hooks.example/x', signing_secret_ciphertext: Buffer.from('c'), signing_secret_key_id: 'k' })],
      ['an API key stored as anything but a SHA-256 digest', Table.apiKeys, 'ck_api_keys_key_hash_sha256', async (trx: Knex) => {
        const [client] = await trx(Table.apiClients).insert({ name: 'c', customer_id: await customer(trx) }).returning('id');
        return { api_client_id: client.id, name: 'k', key_prefix: 'isp_test_0001', key_hash: Buffer.from('plaintext-key') };
      }],
      ['an API client with two owners', Table.apiClients, 'ck_api_clients_one_owner', async (trx: Knex) => {
        const [staff] = await trx(Table.staffUsers).insert({ email: 'ops@isp.example', full_name: 'Ops', role: 'admin' }).returning('id');
        return { name: 'c', customer_id: await customer(trx), owner_staff_id: staff.id };
      }],
      ['an SMS template with a subject', Table.messageTemplates, 'ck_message_templates_channel_fields', async () => ({ code: 'x', channel: 'sms', subject: 'Hi', body_text: 'Hi' })],
      ['an attachment with two owners', Table.fileAttachments, 'ck_file_attachments_one_owner', async (trx: Knex) => {
        const [file] = await trx(Table.storedFiles).insert({ bucket: 'isp-files', object_key: 'a/b.pdf', size_bytes: 10, content_type: 'application/pdf' }).returning('id');
        const id = await customer(trx);
        const [invoice] = await trx(Table.invoices).insert({ invoice_number: next('INV'), customer_id: id, currency: 'USD', period_start: '2025-07-01', period_end: '2025-07-31' }).returning('id');
        return { file_id: file.id, customer_id: id, invoice_id: invoice.id };
      }],
      ['a stored file marked available without checksum', Table.storedFiles, 'ck_stored_files_available_is_complete', async () => ({ bucket: 'isp-files', object_key: 'x', size_bytes: 1, content_type: 'text/plain', status: 'available' })],
      ['a plugin setting stored in clear while secret', Table.pluginSettings, 'ck_plugin_settings_secret_encrypted', async (trx: Knex) => {
        const [plugin] = await trx(Table.plugins).insert({ slug: 'p', name: 'P', publisher: 'X' }).returning('id');
        const [version] = await trx(Table.pluginVersions).insert({ plugin_id: plugin.id, version: '1.0.0' }).returning('id');
        const [installation] = await trx(Table.pluginInstallations).insert({ plugin_id: plugin.id, plugin_version_id: version.id }).returning('id');
        return { plugin_installation_id: installation.id, key: 'api_key', is_secret: true, value: JSON.stringify('sk_live_123') };
      }],
    ])('refuses %s', async (_what, table, constraint, row) => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const values = await row(trx);
        expect(await pgError(inSavepoint(trx, (sp) => sp(table).insert(values)))).toMatchObject({ code: PgErrorCode.check, constraint });
      });
    });

    it('refuses installing another plugin\'s version, and a campaign whose template is of another channel', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const [a, b] = await trx(Table.plugins).insert([{ slug: 'a', name: 'A', publisher: 'X' }, { slug: 'b', name: 'B', publisher: 'X' }]).returning('id');
        const [versionOfB] = await trx(Table.pluginVersions).insert({ plugin_id: b.id, version: '2.1.0-rc.1' }).returning('id');
        const plugin = await pgError(inSavepoint(trx, (sp) => sp(Table.pluginInstallations).insert({ plugin_id: a.id, plugin_version_id: versionOfB.id })));
        expect(plugin).toMatchObject({ code: PgErrorCode.foreignKey, constraint: 'fk_plugin_installations_plugin_version_id_plugin_id' });
        const [template] = await trx(Table.messageTemplates).insert({ code: 'promo', channel: 'email', subject: 'Offer', body_text: 'Offer' }).returning('id');
        const campaign = await pgError(inSavepoint(trx, (sp) => sp(Table.campaigns).insert({ name: 'SMS promo', channel: 'sms', message_template_id: template.id })));
        expect(campaign).toMatchObject({ code: PgErrorCode.foreignKey, constraint: 'fk_campaigns_message_template_id_channel' });
      });
    });
  });
});

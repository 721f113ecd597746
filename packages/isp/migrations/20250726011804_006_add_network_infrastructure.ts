/**
 * Step 4 of 17 — 006_add_network_infrastructure — Infrastructure: Network and IPAM.
 *
 * Sites, devices and their interfaces, and IP address management after NetBox's model (VRFs,
 * aggregates, prefixes, IP addresses, VLAN groups and VLANs) with PostgreSQL's own `inet` and
 * `cidr` types, the rules enforced by the database:
 *
 * - prefixes of one VRF never overlap: an exclusion constraint on (VRF, prefix) with the GiST
 *   `inet_ops` operator class (`&&` = overlaps); the global table (vrf_id NULL, as in NetBox)
 *   counts as one VRF. btree_gist supplies `=` on uuid inside the GiST index.
 *   Unlike NetBox, prefixes do not nest: the supernets an ISP carves from (RIR allocations,
 *   RFC 1918, CGNAT 100.64.0.0/10) are ip_aggregates, which never overlap each other either.
 * - an address lies inside its prefix and carries the prefix's mask (203.0.113.10/24, as router
 *   configs and NetBox write it): the address row holds a copy of its prefix's network, kept
 *   equal by a composite foreign key (prefix_id, prefix) with ON UPDATE CASCADE, so a plain
 *   CHECK (address <<= prefix) can see it — resizing a prefix out from under its addresses fails.
 * - an address is unique in its VRF: unique per prefix, and a VRF's prefixes do not overlap.
 * - the network and broadcast addresses of an IPv4 subnet (shorter than /31) are not assignable.
 * - VLAN ids are 1–4094 and unique inside their VLAN group.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { compositeForeignKey, foreignKeyCovered } from '../src/columns';
import { DeviceRole, DeviceStatus, InterfaceType, IpAddressRole, IpAddressStatus, IpamStatus, PrefixRole, SiteStatus, SiteType } from '../src/enums';
import { createExtension, dropExtension, execute } from '../src/sql';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 4, revision: '006_add_network_infrastructure', title: 'Infrastructure: Network and IPAM' };

/** The VRF key of the global table inside the exclusion constraint (NULL = NULL is not true). */
const GLOBAL_VRF = "'00000000-0000-0000-0000-000000000000'::uuid";

/** Lower-case host names and codes as they appear in DNS. */
const DNS_LABEL = '^[a-z0-9]([a-z0-9-]*[a-z0-9])*$';
const HOSTNAME = '^[a-z0-9]([a-z0-9-]*[a-z0-9])*(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])*)*$';

export async function up(knex: Knex): Promise<void> {
  await createExtension(knex, 'btree_gist');
  await SiteType.create(knex, { values: ['pop', 'data_center', 'tower', 'street_cabinet', 'office', 'warehouse'] });
  await SiteStatus.create(knex, { values: ['planned', 'active', 'decommissioned'] });
  await DeviceRole.create(knex, { values: ['core_router', 'edge_router', 'bng', 'olt', 'switch', 'access_point', 'firewall', 'server', 'cpe'] });
  await DeviceStatus.create(knex, { values: ['planned', 'staged', 'active', 'offline', 'decommissioned'] });
  await InterfaceType.create(knex, { values: ['ethernet', 'sfp', 'sfp_plus', 'qsfp', 'gpon', 'lag', 'vlan', 'loopback', 'virtual', 'wireless'] });
  await IpamStatus.create(knex, { values: ['active', 'reserved', 'deprecated'] });
  await PrefixRole.create(knex, { values: ['infrastructure', 'loopback', 'point_to_point', 'management', 'customer_static', 'customer_pool', 'cgnat'] });
  await IpAddressStatus.create(knex, { values: ['active', 'reserved', 'deprecated', 'dhcp'] });
  await IpAddressRole.create(knex, { values: ['loopback', 'secondary', 'gateway', 'vip', 'anycast'] });

  await knex.schema.createTable(Table.sites, (t) => {
    const table = Table.sites;
    uuidPrimaryKey(t, table, knex);
    // Short code used in device names and monitoring: 'ams-pop-2'.
    t.text('code').notNullable();
    t.text('name').notNullable();
    SiteType.column(t, 'site_type').notNullable();
    SiteStatus.column(t, 'status').notNullable().defaultTo('active');
    // RESTRICT: a site's address cannot be deleted while the site points at it.
    foreignKey(t, table, 'location_id', { references: Table.locations, onDelete: 'restrict', nullable: true });
    t.text('description').nullable();
    timestamps(t, knex);
    t.unique(['code'], { indexName: uqName(table, ['code']) });
    t.check(`code ~ '${DNS_LABEL}'`, {}, ckName(table, 'code_format'));
  });
  await addUpdatedAtTrigger(knex, Table.sites);

  await knex.schema.createTable(Table.devices, (t) => {
    const table = Table.devices;
    uuidPrimaryKey(t, table, knex);
    // RESTRICT: devices are moved or decommissioned before their site goes.
    foreignKey(t, table, 'site_id', { references: Table.sites, onDelete: 'restrict' });
    t.text('hostname').notNullable();
    DeviceRole.column(t, 'role').notNullable();
    DeviceStatus.column(t, 'status').notNullable().defaultTo('active');
    t.text('vendor').nullable();
    t.text('model').nullable();
    t.text('serial_number').nullable();
    t.specificType('management_ip', 'inet').nullable();
    t.text('firmware_version').nullable();
    t.text('description').nullable();
    timestamps(t, knex);
    t.unique(['hostname'], { indexName: uqName(table, ['hostname']) });
    // NULLs do not collide: devices with unknown serials are allowed.
    t.unique(['serial_number'], { indexName: uqName(table, ['serial_number']) });
    t.check(`hostname ~ '${HOSTNAME}'`, {}, ckName(table, 'hostname_format'));
  });
  await addUpdatedAtTrigger(knex, Table.devices);

  await knex.schema.createTable(Table.interfaces, (t) => {
    const table = Table.interfaces;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: an interface is part of its device. Indexed by uq_interfaces_device_id_name.
    foreignKeyCovered(t, table, 'device_id', { references: Table.devices, onDelete: 'cascade' });
    // As the device names it: 'xe-0/0/1', 'ether1', 'gpon-olt_1/2/3'.
    t.text('name').notNullable();
    InterfaceType.column(t, 'interface_type').notNullable();
    t.boolean('enabled').notNullable().defaultTo(true);
    t.integer('mtu').nullable();
    t.integer('speed_mbps').nullable();
    t.specificType('mac_address', 'macaddr').nullable();
    // A sub-interface (VLAN unit) of a physical port, on the same device (composite key below).
    t.uuid('parent_interface_id').nullable();
    // SET NULL: when a LAG is removed its members stay, unbundled. Not tied to the same device:
    // MLAG and virtual-chassis bundles span two boxes.
    foreignKey(t, table, 'lag_interface_id', { references: Table.interfaces, onDelete: 'set null', nullable: true });
    t.text('description').nullable();
    timestamps(t, knex);
    t.unique(['device_id', 'name'], { indexName: uqName(table, ['device_id', 'name']) });
    // Target of the (interface, device) composite keys: a sub-interface and a monitoring check
    // name an interface together with its device, so the two cannot disagree.
    t.unique(['id', 'device_id'], { indexName: uqName(table, ['id', 'device_id']) });
    t.index(['parent_interface_id', 'device_id'], ixName(table, ['parent_interface_id', 'device_id']));
    // CASCADE: sub-interfaces go with their parent port.
    compositeForeignKey(t, table, ['parent_interface_id', 'device_id'], Table.interfaces, ['id', 'device_id'], 'cascade');
    t.check('mtu BETWEEN 68 AND 65535', {}, ckName(table, 'mtu_range'));
    t.check('speed_mbps > 0', {}, ckName(table, 'speed_positive'));
    t.check('parent_interface_id <> id AND lag_interface_id <> id', {}, ckName(table, 'not_own_parent'));
  });
  await addUpdatedAtTrigger(knex, Table.interfaces);

  await knex.schema.createTable(Table.vrfs, (t) => {
    const table = Table.vrfs;
    uuidPrimaryKey(t, table, knex);
    t.text('name').notNullable();
    // RFC 4364 route distinguisher, 'ASN:nn' or 'IPv4:nn'; NULL for a VRF-lite table.
    t.text('route_distinguisher').nullable();
    t.text('description').nullable();
    timestamps(t, knex);
    t.unique(['name'], { indexName: uqName(table, ['name']) });
    t.unique(['route_distinguisher'], { indexName: uqName(table, ['route_distinguisher']) });
    t.check("route_distinguisher ~ '^[0-9.]+:[0-9]+$'", {}, ckName(table, 'route_distinguisher_format'));
  });
  await addUpdatedAtTrigger(knex, Table.vrfs);

  await knex.schema.createTable(Table.ipAggregates, (t) => {
    const table = Table.ipAggregates;
    uuidPrimaryKey(t, table, knex);
    t.specificType('prefix', 'cidr').notNullable();
    // Who allocated it: 'RIPE', 'ARIN', … or the RFC of private space: 'RFC1918', 'RFC6598'.
    t.text('rir').notNullable();
    t.date('date_allocated').nullable();
    t.text('description').nullable();
    timestamps(t, knex);
  });
  await execute(knex, 'ALTER TABLE ip_aggregates ADD CONSTRAINT ex_ip_aggregates_no_overlap EXCLUDE USING gist (prefix inet_ops WITH &&)');
  await addUpdatedAtTrigger(knex, Table.ipAggregates);

  await knex.schema.createTable(Table.vlanGroups, (t) => {
    const table = Table.vlanGroups;
    uuidPrimaryKey(t, table, knex);
    t.text('name').notNullable();
    // SET NULL: a VLAN domain may outlive (or span) the site it was first scoped to.
    foreignKey(t, table, 'site_id', { references: Table.sites, onDelete: 'set null', nullable: true });
    t.text('description').nullable();
    timestamps(t, knex);
    t.unique(['name'], { indexName: uqName(table, ['name']) });
  });
  await addUpdatedAtTrigger(knex, Table.vlanGroups);

  await knex.schema.createTable(Table.vlans, (t) => {
    const table = Table.vlans;
    uuidPrimaryKey(t, table, knex);
    // RESTRICT: a group's VLANs are removed one by one (prefixes point at them).
    // Indexed by uq_vlans_vlan_group_id_vid.
    foreignKeyCovered(t, table, 'vlan_group_id', { references: Table.vlanGroups, onDelete: 'restrict' });
    // 802.1Q: 0 and 4095 are reserved.
    t.smallint('vid').notNullable();
    t.text('name').notNullable();
    IpamStatus.column(t, 'status').notNullable().defaultTo('active');
    t.text('description').nullable();
    timestamps(t, knex);
    t.unique(['vlan_group_id', 'vid'], { indexName: uqName(table, ['vlan_group_id', 'vid']) });
    t.unique(['vlan_group_id', 'name'], { indexName: uqName(table, ['vlan_group_id', 'name']) });
    t.check('vid BETWEEN 1 AND 4094', {}, ckName(table, 'vid_range'));
  });
  await addUpdatedAtTrigger(knex, Table.vlans);

  await knex.schema.createTable(Table.ipPrefixes, (t) => {
    const table = Table.ipPrefixes;
    uuidPrimaryKey(t, table, knex);
    // NULL = the global routing table. RESTRICT: a VRF in use is emptied first.
    foreignKey(t, table, 'vrf_id', { references: Table.vrfs, onDelete: 'restrict', nullable: true });
    t.specificType('prefix', 'cidr').notNullable();
    IpamStatus.column(t, 'status').notNullable().defaultTo('active');
    PrefixRole.column(t, 'role').notNullable();
    // SET NULL: the prefix outlives the site or VLAN it was announced at.
    foreignKey(t, table, 'site_id', { references: Table.sites, onDelete: 'set null', nullable: true });
    foreignKey(t, table, 'vlan_id', { references: Table.vlans, onDelete: 'set null', nullable: true });
    t.text('description').nullable();
    timestamps(t, knex);
    // Target of ip_addresses' (prefix_id, prefix) key.
    t.unique(['id', 'prefix'], { indexName: uqName(table, ['id', 'prefix']) });
  });
  await execute(
    knex,
    `ALTER TABLE ip_prefixes ADD CONSTRAINT ex_ip_prefixes_no_overlap
       EXCLUDE USING gist ((COALESCE(vrf_id, ${GLOBAL_VRF})) WITH =, prefix inet_ops WITH &&)`,
  );
  await addUpdatedAtTrigger(knex, Table.ipPrefixes);

  await knex.schema.createTable(Table.ipAddresses, (t) => {
    const table = Table.ipAddresses;
    uuidPrimaryKey(t, table, knex);
    t.uuid('prefix_id').notNullable();
    // The prefix's network, copied and kept equal by fk_ip_addresses_prefix_id_prefix.
    t.specificType('prefix', 'cidr').notNullable();
    // Host address with the subnet's mask: 203.0.113.10/24.
    t.specificType('address', 'inet').notNullable();
    IpAddressStatus.column(t, 'status').notNullable().defaultTo('active');
    IpAddressRole.column(t, 'role').nullable();
    // SET NULL: deleting an interface unassigns its addresses (NetBox does the same).
    foreignKey(t, table, 'interface_id', { references: Table.interfaces, onDelete: 'set null', nullable: true });
    t.text('dns_name').nullable();
    t.text('description').nullable();
    timestamps(t, knex);
    // RESTRICT: a prefix with addresses is not deleted; CASCADE on update: a renumbered prefix
    // carries its addresses' copy along (and the checks below refuse it if they fall outside).
    compositeForeignKey(t, table, ['prefix_id', 'prefix'], Table.ipPrefixes, ['id', 'prefix'], 'restrict', 'cascade');
    // Unique in the prefix, so in the VRF; also the index of the composite key.
    t.unique(['prefix_id', 'prefix', 'address'], { indexName: uqName(table, ['prefix_id', 'prefix', 'address']) });
    t.index(['address'], ixName(table, ['address']));
    t.check('address <<= prefix AND masklen(address) = masklen(prefix)', {}, ckName(table, 'inside_prefix'));
    t.check(
      'family(address) = 6 OR masklen(address) >= 31 OR (host(address) <> host(network(address)) AND host(address) <> host(broadcast(address)))',
      {},
      ckName(table, 'not_network_or_broadcast'),
    );
  });
  await addUpdatedAtTrigger(knex, Table.ipAddresses);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [Table.ipAddresses, Table.ipPrefixes, Table.vlans, Table.vlanGroups, Table.ipAggregates, Table.vrfs, Table.interfaces, Table.devices, Table.sites]) {
    await knex.schema.dropTable(table);
  }
  for (const type of [IpAddressRole, IpAddressStatus, PrefixRole, IpamStatus, InterfaceType, DeviceStatus, DeviceRole, SiteStatus, SiteType]) {
    await type.drop(knex);
  }
  await dropExtension(knex, 'btree_gist');
}

/**
 * Demo: a point of presence with its BNG (interfaces, management address), the IPAM around it
 * (aggregates, a management VRF, a subscriber VLAN, prefixes, addresses) and the BNG's entry in
 * FreeRADIUS's nas table — 127.0.0.1, so radtest from your machine is the demo BNG, with a demo
 * shared secret. Development only: refused on production targets.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { deleteSeeded, stableId } from '../src';
import { DEMO_NAS, DEMO_NETWORK } from '../src/demo';
import { Table } from '../src/tables';

export const profile = SeedProfile.demo;

const { site, device, interfaces, vrf, vlanGroup, vlan, aggregates, prefixes, addresses } = DEMO_NETWORK;
const interfaceKey = (name: string) => `${device.hostname}/${name}`;
const vlanKey = `${vlanGroup.name}/${vlan.vid}`;

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'the demo network and its NAS secret');
  const siteId = await ensureRow(knex, Table.sites, { code: site.code }, {
    id: stableId(Table.sites, site.code),
    code: site.code,
    name: site.name,
    site_type: site.siteType,
    location_id: stableId(Table.locations, site.location),
  });
  const deviceId = await ensureRow(knex, Table.devices, { hostname: device.hostname }, {
    id: stableId(Table.devices, device.hostname),
    site_id: siteId,
    hostname: device.hostname,
    role: device.role,
    vendor: device.vendor,
    model: device.model,
    serial_number: device.serialNumber,
    management_ip: device.managementIp,
  });
  for (const item of interfaces) {
    await ensureRow(knex, Table.interfaces, { device_id: deviceId, name: item.name }, {
      id: stableId(Table.interfaces, interfaceKey(item.name)),
      device_id: deviceId,
      name: item.name,
      interface_type: item.type,
      parent_interface_id: item.parent ? stableId(Table.interfaces, interfaceKey(item.parent)) : null,
      description: item.description,
    });
  }
  await ensureRow(knex, Table.vrfs, { name: vrf.name }, { id: stableId(Table.vrfs, vrf.name), name: vrf.name, route_distinguisher: vrf.routeDistinguisher, description: vrf.description });
  for (const aggregate of aggregates) {
    await ensureRow(knex, Table.ipAggregates, { id: stableId(Table.ipAggregates, aggregate.prefix) }, { id: stableId(Table.ipAggregates, aggregate.prefix), ...aggregate });
  }
  const groupId = await ensureRow(knex, Table.vlanGroups, { name: vlanGroup.name }, { id: stableId(Table.vlanGroups, vlanGroup.name), name: vlanGroup.name, site_id: siteId });
  const vlanId = await ensureRow(knex, Table.vlans, { vlan_group_id: groupId, vid: vlan.vid }, { id: stableId(Table.vlans, vlanKey), vlan_group_id: groupId, vid: vlan.vid, name: vlan.name });
  for (const prefix of prefixes) {
    await ensureRow(knex, Table.ipPrefixes, { id: stableId(Table.ipPrefixes, prefix.key) }, {
      id: stableId(Table.ipPrefixes, prefix.key),
      vrf_id: prefix.vrf ? stableId(Table.vrfs, prefix.vrf) : null,
      prefix: prefix.prefix,
      role: prefix.role,
      site_id: siteId,
      vlan_id: prefix.vlan ? vlanId : null,
      description: prefix.description,
    });
  }
  for (const address of addresses) {
    const prefix = prefixes.find((p) => p.key === address.prefix)!;
    await ensureRow(knex, Table.ipAddresses, { id: stableId(Table.ipAddresses, address.key) }, {
      id: stableId(Table.ipAddresses, address.key),
      prefix_id: stableId(Table.ipPrefixes, prefix.key),
      prefix: prefix.prefix,
      address: address.address,
      role: address.role,
      interface_id: address.interface ? stableId(Table.interfaces, interfaceKey(address.interface)) : null,
      dns_name: address.dnsName,
    });
  }
  await ensureRow(knex, Table.nas, { nasname: DEMO_NAS.nasname }, { ...DEMO_NAS, device_id: deviceId });
}

export async function undo(knex: Knex): Promise<void> {
  await knex(Table.nas).where({ nasname: DEMO_NAS.nasname, shortname: DEMO_NAS.shortname }).delete();
  await deleteSeeded(knex, Table.ipAddresses, addresses.map((a) => a.key));
  await deleteSeeded(knex, Table.ipPrefixes, prefixes.map((p) => p.key));
  await deleteSeeded(knex, Table.vlans, [vlanKey]);
  await deleteSeeded(knex, Table.vlanGroups, [vlanGroup.name]);
  await deleteSeeded(knex, Table.ipAggregates, aggregates.map((a) => a.prefix));
  await deleteSeeded(knex, Table.vrfs, [vrf.name]);
  // Sub-interfaces first: they reference their parent port.
  await deleteSeeded(knex, Table.interfaces, interfaces.filter((i) => i.parent).map((i) => interfaceKey(i.name)));
  await deleteSeeded(knex, Table.interfaces, interfaces.filter((i) => !i.parent).map((i) => interfaceKey(i.name)));
  await deleteSeeded(knex, Table.devices, [device.hostname]);
  await deleteSeeded(knex, Table.sites, [site.code]);
}

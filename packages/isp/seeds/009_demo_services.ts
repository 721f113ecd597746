/**
 * Demo: the customers' services — Fiber 1 Gig with a static address for Acme North, Fiber 100
 * for Acme South, and Jane Doe's Fiber 500 + Voice bundle — and each internet service's RADIUS
 * subscriber: radcheck Cleartext-Password (the DEMO password, for PAP), radusergroup in its
 * plan's policy group, and radreply Framed-IP-Address for the static address.
 * Development only: refused on production targets.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { deleteSeeded, stableId } from '../src';
import { DEMO_ACTIVATED_AT, DEMO_NETWORK, DEMO_RADIUS_PASSWORD, DEMO_SERVICES } from '../src/demo';
import { SERVICE_PLANS } from '../src/reference';
import { deleteAttributes, ensureAttribute, idOf } from '../src/seeding';
import { Table } from '../src/tables';

export const profile = SeedProfile.demo;

const planOf = (code: string) => SERVICE_PLANS.find((plan) => plan.code === code)!;
/** The host part of a demo address ('203.0.113.10/24' → '203.0.113.10'): what Framed-IP-Address takes. */
const hostOf = (key: string) => {
  const { address } = DEMO_NETWORK.addresses.find((a) => a.key === key)!;
  return address.slice(0, address.indexOf('/'));
};

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'demo services and their RADIUS passwords');
  for (const service of DEMO_SERVICES) {
    const plan = planOf(service.plan);
    const serviceId = await ensureRow(knex, Table.services, { service_number: service.number }, {
      id: stableId(Table.services, service.number),
      service_number: service.number,
      customer_id: stableId(Table.customers, service.customer),
      plan_id: await idOf(knex, Table.servicePlans, { code: plan.code }, 'the reference seeds (002_service_plans)'),
      service_type: plan.serviceType,
      status: 'active',
      location_id: stableId(Table.locations, service.location),
      bundle_service_id: service.bundle ? stableId(Table.services, service.bundle) : null,
      activated_at: DEMO_ACTIVATED_AT,
    });
    if (service.internet) {
      const { username, staticAddress } = service.internet;
      await ensureRow(knex, Table.internetServices, { service_id: serviceId }, {
        id: stableId(Table.internetServices, service.number),
        service_id: serviceId,
        connection_type: 'fiber',
        radius_username: username,
        ipv4_address_id: staticAddress ? stableId(Table.ipAddresses, staticAddress) : null,
      });
      await ensureAttribute(knex, Table.radcheck, { username, attribute: 'Cleartext-Password' }, { op: ':=', value: DEMO_RADIUS_PASSWORD, service_id: serviceId });
      await ensureRow(knex, Table.radusergroup, { username, groupname: plan.radiusGroup! }, { username, groupname: plan.radiusGroup!, priority: 1, service_id: serviceId });
      if (staticAddress) {
        await ensureAttribute(knex, Table.radreply, { username, attribute: 'Framed-IP-Address' }, { op: ':=', value: hostOf(staticAddress), service_id: serviceId });
      }
    }
    if (service.voice) {
      await ensureRow(knex, Table.voiceServices, { service_id: serviceId }, {
        id: stableId(Table.voiceServices, service.number),
        service_id: serviceId,
        phone_number: service.voice.phoneNumber,
        sip_username: service.voice.sipUsername,
        caller_id_name: service.voice.callerIdName,
        emergency_location_id: stableId(Table.locations, service.location),
      });
    }
  }
}

/** RADIUS rows, details, then services — bundle parts before their bundle. */
export async function undo(knex: Knex): Promise<void> {
  for (const service of DEMO_SERVICES) {
    if (!service.internet) continue;
    const { username, staticAddress } = service.internet;
    await knex(Table.radusergroup).where({ username, groupname: planOf(service.plan).radiusGroup!, service_id: stableId(Table.services, service.number) }).delete();
    await deleteAttributes(knex, Table.radcheck, [{ username, attribute: 'Cleartext-Password', op: ':=', value: DEMO_RADIUS_PASSWORD }]);
    if (staticAddress) await deleteAttributes(knex, Table.radreply, [{ username, attribute: 'Framed-IP-Address', op: ':=', value: hostOf(staticAddress) }]);
  }
  await deleteSeeded(knex, Table.voiceServices, DEMO_SERVICES.filter((s) => s.voice).map((s) => s.number));
  await deleteSeeded(knex, Table.internetServices, DEMO_SERVICES.filter((s) => s.internet).map((s) => s.number));
  await deleteSeeded(knex, Table.services, DEMO_SERVICES.filter((s) => s.bundle).map((s) => s.number));
  await deleteSeeded(knex, Table.services, DEMO_SERVICES.filter((s) => !s.bundle).map((s) => s.number));
}

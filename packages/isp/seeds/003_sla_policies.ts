/** Reference: SLA policies (residential, business, enterprise) with first-response and resolution targets per priority. */
import type { Knex } from 'knex';
import { ensureRow, SeedProfile } from '@strata/core';
import { deleteSeeded, stableId } from '../src';
import { SLA_POLICIES } from '../src/reference';
import { Table } from '../src/tables';

export const profile = SeedProfile.reference;

const targetKey = (policy: string, priority: string) => `${policy}/${priority}`;

export async function seed(knex: Knex): Promise<void> {
  for (const policy of SLA_POLICIES) {
    const policyId = await ensureRow(knex, Table.slaPolicies, { code: policy.code }, {
      id: stableId(Table.slaPolicies, policy.code),
      code: policy.code,
      name: policy.name,
      description: policy.description,
      business_hours_only: policy.businessHoursOnly,
    });
    for (const [priority, [firstResponse, resolution]] of Object.entries(policy.targets)) {
      await ensureRow(knex, Table.slaTargets, { sla_policy_id: policyId, priority }, {
        id: stableId(Table.slaTargets, targetKey(policy.code, priority)),
        sla_policy_id: policyId,
        priority,
        first_response_minutes: firstResponse,
        resolution_minutes: resolution,
      });
    }
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.slaTargets, SLA_POLICIES.flatMap((policy) => Object.keys(policy.targets).map((priority) => targetKey(policy.code, priority))));
  await deleteSeeded(knex, Table.slaPolicies, SLA_POLICIES.map((policy) => policy.code));
}

/**
 * Reference: the plan catalogue — internet (Fiber 100, 500, 1 Gig, each with its RADIUS policy
 * group), voice (Home Voice) and a bundle of both (Fiber 500 + Voice) with its components.
 * Inserted once: a price an operator changes later is not reverted by a rerun.
 */
import type { Knex } from 'knex';
import { ensureRow, SeedProfile } from '@strata/core';
import { deleteSeeded, stableId } from '../src';
import { REFERENCE_CURRENCY, SERVICE_PLANS } from '../src/reference';
import { idOf } from '../src/seeding';
import { Table } from '../src/tables';

export const profile = SeedProfile.reference;

/** Natural key of a bundle component row. */
const componentKey = (bundle: string, component: string) => `${bundle}/${component}`;

export async function seed(knex: Knex): Promise<void> {
  for (const plan of SERVICE_PLANS) {
    await ensureRow(knex, Table.servicePlans, { code: plan.code }, {
      id: stableId(Table.servicePlans, plan.code),
      code: plan.code,
      name: plan.name,
      service_type: plan.serviceType,
      description: plan.description,
      currency: REFERENCE_CURRENCY,
      monthly_price: plan.monthlyPrice,
      setup_fee: plan.setupFee,
      download_mbps: plan.downloadMbps ?? null,
      upload_mbps: plan.uploadMbps ?? null,
      radius_group: plan.radiusGroup ?? null,
      included_minutes: plan.includedMinutes ?? null,
    });
  }
  for (const bundle of SERVICE_PLANS.filter((plan) => plan.components)) {
    const bundleId = await idOf(knex, Table.servicePlans, { code: bundle.code }, 'this seed should have');
    for (const code of bundle.components!) {
      const component = SERVICE_PLANS.find((plan) => plan.code === code)!;
      const componentId = await idOf(knex, Table.servicePlans, { code }, 'this seed should have');
      await ensureRow(knex, Table.bundlePlanComponents, { bundle_plan_id: bundleId, component_plan_id: componentId }, {
        id: stableId(Table.bundlePlanComponents, componentKey(bundle.code, code)),
        bundle_plan_id: bundleId,
        component_plan_id: componentId,
        component_plan_type: component.serviceType,
      });
    }
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.bundlePlanComponents, SERVICE_PLANS.flatMap((plan) => (plan.components ?? []).map((code) => componentKey(plan.code, code))));
  // Bundles first: their components reference the plans inside them.
  const ordered = [...SERVICE_PLANS].sort((a, b) => Number(b.serviceType === 'bundle') - Number(a.serviceType === 'bundle'));
  for (const plan of ordered) await deleteSeeded(knex, Table.servicePlans, [plan.code]);
}

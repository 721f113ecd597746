/** Reference: the catalogues of the integration layer — API scopes, rate limit policies, webhook event types. */
import type { Knex } from 'knex';
import { ensureRow, SeedProfile } from '@strata/core';
import { deleteSeeded, stableId } from '../src';
import { API_SCOPES, RATE_LIMIT_POLICIES, WEBHOOK_EVENT_TYPES } from '../src/reference';
import { Table } from '../src/tables';

export const profile = SeedProfile.reference;

export async function seed(knex: Knex): Promise<void> {
  for (const scope of API_SCOPES) {
    await ensureRow(knex, Table.apiScopes, { code: scope.code }, { id: stableId(Table.apiScopes, scope.code), ...scope });
  }
  for (const policy of RATE_LIMIT_POLICIES) {
    await ensureRow(knex, Table.rateLimitPolicies, { code: policy.code }, {
      id: stableId(Table.rateLimitPolicies, policy.code),
      code: policy.code,
      name: policy.name,
      requests_per_minute: policy.requestsPerMinute,
      burst: policy.burst,
      requests_per_day: policy.requestsPerDay,
    });
  }
  for (const type of WEBHOOK_EVENT_TYPES) {
    await ensureRow(knex, Table.webhookEventTypes, { code: type.code }, { id: stableId(Table.webhookEventTypes, type.code), ...type });
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.webhookEventTypes, WEBHOOK_EVENT_TYPES.map((type) => type.code));
  await deleteSeeded(knex, Table.rateLimitPolicies, RATE_LIMIT_POLICIES.map((policy) => policy.code));
  await deleteSeeded(knex, Table.apiScopes, API_SCOPES.map((scope) => scope.code));
}

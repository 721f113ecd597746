/**
 * Step 13 of 17 — create_api_management_system — Features: API management.
 *
 * API clients (applications, owned by a customer or an operator), their keys, and scopes.
 *
 * A key is shown once, at creation, and stored only as its SHA-256 digest, with a short prefix
 * in clear to find the row (`isp_live_3f9a…`): an incoming key is looked up by its prefix and
 * its digest compared. SHA-256 and not bcrypt/argon2, because API keys are random with at least
 * 128 bits of entropy — nothing to brute-force, unlike passwords — and every request must check
 * one quickly (GitHub's and Stripe's practice). A stolen table gives no usable key.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { foreignKeyCovered } from '../src/columns';
import { ApiKeyStatus } from '../src/enums';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 13, revision: 'create_api_management_system', title: 'Features: API management' };

export async function up(knex: Knex): Promise<void> {
  await ApiKeyStatus.create(knex, { values: ['active', 'revoked', 'expired'] });

  await knex.schema.createTable(Table.apiClients, (t) => {
    const table = Table.apiClients;
    uuidPrimaryKey(t, table, knex);
    t.text('name').notNullable();
    // Exactly one owner. CASCADE: a customer's integrations go with the customer.
    // RESTRICT: an operator's clients are handed over before the operator is removed.
    foreignKey(t, table, 'customer_id', { references: Table.customers, onDelete: 'cascade', nullable: true });
    foreignKey(t, table, 'owner_staff_id', { references: Table.staffUsers, onDelete: 'restrict', nullable: true });
    t.text('description').nullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    timestamps(t, knex);
    t.check('num_nonnulls(customer_id, owner_staff_id) = 1', {}, ckName(table, 'one_owner'));
  });
  await addUpdatedAtTrigger(knex, Table.apiClients);

  await knex.schema.createTable(Table.apiKeys, (t) => {
    const table = Table.apiKeys;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: keys belong to their client.
    foreignKey(t, table, 'api_client_id', { references: Table.apiClients, onDelete: 'cascade' });
    t.text('name').notNullable();
    t.text('key_prefix').notNullable();
    // SHA-256 of the whole key: 32 bytes.
    t.binary('key_hash').notNullable();
    ApiKeyStatus.column(t, 'status').notNullable().defaultTo('active');
    t.timestamp('expires_at', { useTz: true }).nullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.timestamp('last_used_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.unique(['key_hash'], { indexName: uqName(table, ['key_hash']) });
    // The lookup of every request (made unique by step 14).
    t.index(['key_prefix'], ixName(table, ['key_prefix']));
    t.check('octet_length(key_hash) = 32', {}, ckName(table, 'key_hash_sha256'));
    t.check("key_prefix ~ '^[A-Za-z0-9_]{8,32}$'", {}, ckName(table, 'key_prefix_format'));
    t.check("(status = 'revoked') = (revoked_at IS NOT NULL)", {}, ckName(table, 'revoked_has_time'));
  });
  await addUpdatedAtTrigger(knex, Table.apiKeys);

  await knex.schema.createTable(Table.apiScopes, (t) => {
    const table = Table.apiScopes;
    uuidPrimaryKey(t, table, knex);
    // resource:access, e.g. 'customers:read', 'radius:write'.
    t.text('code').notNullable();
    t.text('description').notNullable();
    timestamps(t, knex);
    t.unique(['code'], { indexName: uqName(table, ['code']) });
    t.check("code ~ '^[a-z][a-z_]*:(read|write)$'", {}, ckName(table, 'code_format'));
  });
  await addUpdatedAtTrigger(knex, Table.apiScopes);

  await knex.schema.createTable(Table.apiKeyScopes, (t) => {
    const table = Table.apiKeyScopes;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: grants belong to the key. Indexed by uq_api_key_scopes_api_key_id_api_scope_id.
    foreignKeyCovered(t, table, 'api_key_id', { references: Table.apiKeys, onDelete: 'cascade' });
    // RESTRICT: a scope still granted cannot disappear (keys would silently lose rights).
    foreignKey(t, table, 'api_scope_id', { references: Table.apiScopes, onDelete: 'restrict' });
    timestamps(t, knex);
    t.unique(['api_key_id', 'api_scope_id'], { indexName: uqName(table, ['api_key_id', 'api_scope_id']) });
  });
  await addUpdatedAtTrigger(knex, Table.apiKeyScopes);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [Table.apiKeyScopes, Table.apiScopes, Table.apiKeys, Table.apiClients]) await knex.schema.dropTable(table);
  await ApiKeyStatus.drop(knex);
}

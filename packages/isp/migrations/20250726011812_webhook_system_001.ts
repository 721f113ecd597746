/**
 * Step 12 of 17 — webhook_system_001 — Features: Webhook integrations (consolidated).
 *
 * Outgoing webhooks: endpoints (a customer's or the platform's own), the catalogue of event
 * types, which endpoint subscribes to which types, the events to send (an outbox written in the
 * same transaction as the change it reports), and one delivery per event and endpoint with its
 * retry state — attempts, when the next is due, the last response, and `dead` once the attempts
 * are used up (kept for a manual replay).
 *
 * The signing secret (HMAC of each payload) must be read back to sign, so it cannot be hashed:
 * it is stored only encrypted by the application (envelope encryption with a KMS key, whose id
 * is kept beside it), never in clear.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { foreignKeyCovered } from '../src/columns';
import { WebhookDeliveryStatus } from '../src/enums';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 12, revision: 'webhook_system_001', title: 'Features: Webhook integrations (consolidated)' };

export async function up(knex: Knex): Promise<void> {
  await WebhookDeliveryStatus.create(knex, { values: ['pending', 'in_flight', 'succeeded', 'failed', 'dead'] });

  await knex.schema.createTable(Table.webhookEndpoints, (t) => {
    const table = Table.webhookEndpoints;
    uuidPrimaryKey(t, table, knex);
    // The customer's integration; NULL for the platform's own consumers. CASCADE: it goes with them.
    foreignKey(t, table, 'customer_id', { references: Table.customers, onDelete: 'cascade', nullable: true });
    t.text('name').notNullable();
    t.text('url').notNullable();
    t.binary('signing_secret_ciphertext').notNullable();
    t.text('signing_secret_key_id').notNullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    // An endpoint failing every delivery is disabled automatically after a threshold.
    t.integer('consecutive_failures').notNullable().defaultTo(0);
    t.timestamp('disabled_at', { useTz: true }).nullable();
    t.text('description').nullable();
    timestamps(t, knex);
    // Payloads carry customer data: only to TLS endpoints.
    t.check("url ~ '^https://[^\\s]+$'", {}, ckName(table, 'url_https'));
    t.check('consecutive_failures >= 0', {}, ckName(table, 'failures_not_negative'));
  });
  await addUpdatedAtTrigger(knex, Table.webhookEndpoints);

  await knex.schema.createTable(Table.webhookEventTypes, (t) => {
    const table = Table.webhookEventTypes;
    uuidPrimaryKey(t, table, knex);
    // 'invoice.issued', 'service.suspended': resource.event.
    t.text('code').notNullable();
    t.text('description').notNullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    timestamps(t, knex);
    t.unique(['code'], { indexName: uqName(table, ['code']) });
    t.check("code ~ '^[a-z][a-z_]*\\.[a-z][a-z_]*$'", {}, ckName(table, 'code_format'));
  });
  await addUpdatedAtTrigger(knex, Table.webhookEventTypes);

  await knex.schema.createTable(Table.webhookSubscriptions, (t) => {
    const table = Table.webhookSubscriptions;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: subscriptions are part of the endpoint. Indexed by uq_webhook_subscriptions_endpoint_id_event_type_id.
    foreignKeyCovered(t, table, 'endpoint_id', { references: Table.webhookEndpoints, onDelete: 'cascade' });
    // RESTRICT: an event type with subscribers is deactivated, not deleted.
    foreignKey(t, table, 'event_type_id', { references: Table.webhookEventTypes, onDelete: 'restrict' });
    timestamps(t, knex);
    t.unique(['endpoint_id', 'event_type_id'], { indexName: uqName(table, ['endpoint_id', 'event_type_id']) });
  });
  await addUpdatedAtTrigger(knex, Table.webhookSubscriptions);

  await knex.schema.createTable(Table.webhookEvents, (t) => {
    const table = Table.webhookEvents;
    uuidPrimaryKey(t, table, knex);
    foreignKey(t, table, 'event_type_id', { references: Table.webhookEventTypes, onDelete: 'restrict' });
    // The body sent to every subscriber, frozen when the event happened.
    t.jsonb('payload').notNullable();
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.raw('now()'));
    timestamps(t, knex);
    t.index(['occurred_at'], ixName(table, ['occurred_at']));
  });
  await addUpdatedAtTrigger(knex, Table.webhookEvents);

  await knex.schema.createTable(Table.webhookDeliveries, (t) => {
    const table = Table.webhookDeliveries;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: deliveries are the sending state of their event and endpoint.
    // event_id is indexed by uq_webhook_deliveries_event_id_endpoint_id.
    foreignKeyCovered(t, table, 'event_id', { references: Table.webhookEvents, onDelete: 'cascade' });
    foreignKey(t, table, 'endpoint_id', { references: Table.webhookEndpoints, onDelete: 'cascade' });
    WebhookDeliveryStatus.column(t, 'status').notNullable().defaultTo('pending');
    t.integer('attempt_count').notNullable().defaultTo(0);
    t.integer('max_attempts').notNullable().defaultTo(8);
    // Due time of the next attempt (exponential back-off), while pending or failed.
    t.timestamp('next_attempt_at', { useTz: true }).nullable().defaultTo(knex.raw('now()'));
    t.timestamp('last_attempt_at', { useTz: true }).nullable();
    t.integer('last_response_status').nullable();
    t.text('last_error').nullable();
    t.timestamp('delivered_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.unique(['event_id', 'endpoint_id'], { indexName: uqName(table, ['event_id', 'endpoint_id']) });
    // The dispatcher's queue.
    t.index(['next_attempt_at'], ixName(table, ['next_attempt_at']), { predicate: knex.whereRaw("status IN ('pending', 'failed')") });
    t.check('max_attempts > 0 AND attempt_count BETWEEN 0 AND max_attempts', {}, ckName(table, 'attempts_range'));
    t.check("status NOT IN ('pending', 'failed') OR next_attempt_at IS NOT NULL", {}, ckName(table, 'retry_is_scheduled'));
    t.check("(status = 'succeeded') = (delivered_at IS NOT NULL)", {}, ckName(table, 'delivered_has_time'));
    t.check('last_response_status BETWEEN 100 AND 599', {}, ckName(table, 'http_status_range'));
  });
  await addUpdatedAtTrigger(knex, Table.webhookDeliveries);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [Table.webhookDeliveries, Table.webhookEvents, Table.webhookSubscriptions, Table.webhookEventTypes, Table.webhookEndpoints]) await knex.schema.dropTable(table);
  await WebhookDeliveryStatus.drop(knex);
}

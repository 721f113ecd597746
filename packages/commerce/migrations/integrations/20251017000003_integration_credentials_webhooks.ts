/**
 * Integrations workstream: credentials of external services (ERD `IntegrationCredential`:
 * owner_type and service enums, owner) and incoming webhooks (ERD `WebhookEvent`: provider enum,
 * external id unique).
 *
 * Credentials are never stored in plaintext: the application encrypts them with AES-256-GCM under
 * a key from its environment (src/credentials.ts). The database holds ciphertext, nonce,
 * authentication tag and the id of the key, never the key.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { IntegrationOwnerType, IntegrationService } from '../../src/enums';
import { Table } from '../../src/tables';

const CREDENTIALS = Table.integrationCredentials;

export async function up(knex: Knex): Promise<void> {
  await IntegrationService.create(knex, { values: ['stripe', 'lexoffice', 'instagram'] });
  await IntegrationOwnerType.create(knex, { values: ['platform', 'user', 'customer_profile'] });

  await knex.schema.createTable(CREDENTIALS, (t) => {
    uuidPrimaryKey(t, CREDENTIALS, knex);
    IntegrationOwnerType.column(t, 'owner_type').notNullable();
    // The ERD's (owner_type, owner_id) is a polymorphic reference, which PostgreSQL cannot keep
    // honest: no foreign key can point at "a user or a profile", so a deleted owner would leave
    // its tokens behind. Instead one real foreign key per kind of owner, and owner_id derived
    // from them, so the ERD's shape (and its unique key) stays.
    // CASCADE on both: a token must not outlive its owner.
    foreignKey(t, CREDENTIALS, 'user_id', { references: Table.users, onDelete: 'cascade', nullable: true });
    foreignKey(t, CREDENTIALS, 'customer_profile_id', { references: Table.customerProfiles, onDelete: 'cascade', nullable: true });
    t.specificType('owner_id', 'uuid GENERATED ALWAYS AS (COALESCE(user_id, customer_profile_id)) STORED');
    IntegrationService.column(t, 'service').notNullable();
    t.string('label', 100).nullable();
    // Which key of the keyring encrypted the secret (rotation: rows under an old key are found
    // by it and re-encrypted). The key itself is never in the database.
    t.string('key_id', 64).notNullable();
    // AES-256-GCM: 96-bit nonce, ciphertext, 128-bit tag. Associated data binds the ciphertext to
    // service, owner type and owner, so a ciphertext copied onto another row does not decrypt.
    t.binary('secret_nonce').notNullable();
    t.binary('secret_ciphertext').notNullable();
    t.binary('secret_auth_tag').notNullable();
    t.timestamp('expires_at', { useTz: true }).nullable();
    t.timestamp('last_used_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.check(
      `(owner_type = 'platform' AND user_id IS NULL AND customer_profile_id IS NULL)
        OR (owner_type = 'user' AND user_id IS NOT NULL AND customer_profile_id IS NULL)
        OR (owner_type = 'customer_profile' AND customer_profile_id IS NOT NULL AND user_id IS NULL)`,
      {},
      ckName(CREDENTIALS, 'owner_matches_type'),
    );
    t.check(`key_id ~ '^[A-Za-z0-9_.-]{1,64}$'`, {}, ckName(CREDENTIALS, 'key_id_format'));
    t.check(
      'octet_length(secret_nonce) = 12 AND octet_length(secret_auth_tag) = 16 AND octet_length(secret_ciphertext) > 0',
      {},
      ckName(CREDENTIALS, 'aes_gcm_shape'),
    );
    // One credential per owner and service; the platform's own have no owner.
    t.unique(['owner_type', 'owner_id', 'service'], {
      indexName: uqName(CREDENTIALS, ['owner_type', 'owner_id', 'service']),
      predicate: knex.whereNotNull('owner_id'),
    });
    t.unique(['service'], { indexName: uqName(CREDENTIALS, ['service']), predicate: knex.whereRaw(`owner_type = 'platform'`) });
    t.index(['key_id'], ixName(CREDENTIALS, ['key_id']));
  });
  await addUpdatedAtTrigger(knex, CREDENTIALS);

  await knex.schema.createTable(Table.webhookEvents, (t) => {
    uuidPrimaryKey(t, Table.webhookEvents, knex);
    // integration_service: one list of external services for credentials and webhooks.
    IntegrationService.column(t, 'provider').notNullable();
    // The provider's event id (Stripe evt_…). Unique per provider: the idempotency key of webhook
    // processing, so N deliveries of one event are recorded (and acted on) once.
    t.string('external_id', 255).notNullable();
    // e.g. checkout.session.completed.
    t.string('event_type', 100).notNullable();
    // The event as delivered. It holds customer details, so processed events are purged after
    // the retention the privacy notice states (the job uses processed_at).
    t.jsonb('payload').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // When the event was acted on; NULL = recorded only (a type the platform does not handle).
    t.timestamp('processed_at', { useTz: true }).nullable();
    timestamps(t, knex);
    // Indexing plan: unique (provider, external_id), index processed_at.
    t.unique(['provider', 'external_id'], { indexName: uqName(Table.webhookEvents, ['provider', 'external_id']) });
    t.index(['processed_at'], ixName(Table.webhookEvents, ['processed_at']));
  });
  await addUpdatedAtTrigger(knex, Table.webhookEvents);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(Table.webhookEvents);
  await knex.schema.dropTable(CREDENTIALS);
  await IntegrationOwnerType.drop(knex);
  await IntegrationService.drop(knex);
}

/**
 * 0012 safe templates and conversations — supersedes 0005_templates_conversations, whose
 * downgrade dropped these tables and template_type. Ensures, without data loss: template_type;
 * asset_templates; template_usage; conversations; messages.
 *
 * One departure from the seed's sketch: no `UNIQUE (org_id, created_by)` on asset_templates.
 * It would allow each author ONE template per organisation — a second template by the same
 * person fails — while the table is a library of templates per organisation (the seed indexes
 * org_id for listing them) and public templates (org_id NULL, is_public). Two NULLs never
 * conflict, so the constraint would only ever bite real authors. We read it as a bug and do not
 * create it. A database that already has it keeps it (the additive-only policy forbids the
 * DROP CONSTRAINT); README, "asset_templates: the author uniqueness", says how to remove it.
 * Instead, created_by gets the index every foreign key needs (a deleted user SETs NULL here).
 *
 * down() changes nothing (additive-only).
 */
import type { Knex } from 'knex';
import { column, ensureTable, type TableShape } from '../src/ddl';
import { TemplateType } from '../src/enums';
import { Table } from '../src/tables';

const ASSET_TEMPLATES: TableShape = {
  name: Table.assetTemplates,
  primaryKey: { name: 'asset_templates_pkey', columns: ['id'] },
  columns: [
    column('id', 'varchar(36) NOT NULL'),
    // NULL for the platform's own templates (is_public), offered to every organisation.
    column('org_id', 'varchar(36)'),
    column('name', 'varchar(255) NOT NULL'),
    column('description', 'text'),
    column('type', 'template_type NOT NULL'),
    // The generation spec (prompt with {placeholders}, model, size, duration…).
    column('spec', 'json NOT NULL'),
    column('is_public', 'boolean NOT NULL DEFAULT false'),
    column('created_at', 'timestamp NOT NULL'),
    column('created_by', 'varchar(36)'),
  ],
  constraints: [
    // CASCADE (seed): an organisation's templates are its data.
    { name: 'asset_templates_org_id_fkey', definition: 'FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE' },
    // SET NULL (seed): a template outlives its author's account.
    { name: 'asset_templates_created_by_fkey', definition: 'FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL' },
  ],
  indexes: [
    { name: 'ix_asset_templates_org_id', columns: ['org_id'] },
    // Not in the seed: deleting a user sets created_by to NULL, which without it scans the table.
    { name: 'ix_asset_templates_created_by', columns: ['created_by'] },
  ],
};

const TEMPLATE_USAGE: TableShape = {
  name: Table.templateUsage,
  primaryKey: { name: 'template_usage_pkey', columns: ['id'] },
  columns: [
    column('id', 'varchar(36) NOT NULL'),
    column('template_id', 'varchar(36) NOT NULL'),
    column('org_id', 'varchar(36) NOT NULL'),
    column('content_item_id', 'varchar(36)'),
    column('used_at', 'timestamp NOT NULL'),
    // The values filled into the template's placeholders.
    column('inputs', 'json'),
  ],
  constraints: [
    // CASCADE (seed): usage rows are statistics of the template and of the organisation.
    { name: 'template_usage_template_id_fkey', definition: 'FOREIGN KEY (template_id) REFERENCES asset_templates (id) ON DELETE CASCADE' },
    { name: 'template_usage_org_id_fkey', definition: 'FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE' },
    // SET NULL (seed): the use still counts when the generated item is deleted.
    { name: 'template_usage_content_item_id_fkey', definition: 'FOREIGN KEY (content_item_id) REFERENCES content_items (id) ON DELETE SET NULL' },
  ],
  indexes: [
    { name: 'ix_template_usage_template_id', columns: ['template_id'] },
    { name: 'ix_template_usage_org_id', columns: ['org_id'] },
    { name: 'ix_template_usage_content_item_id', columns: ['content_item_id'] },
  ],
};

const CONVERSATIONS: TableShape = {
  name: Table.conversations,
  primaryKey: { name: 'conversations_pkey', columns: ['id'] },
  columns: [
    column('id', 'varchar(36) NOT NULL'),
    column('org_id', 'varchar(36) NOT NULL'),
    // 'whatsapp' | 'instagram' | 'messenger' | 'sms' | 'web'.
    column('channel', 'varchar(32) NOT NULL'),
    // The other party's id on that channel (a phone number, an Instagram user id…).
    column('peer_id', 'varchar(255) NOT NULL'),
    column('last_message_at', 'timestamp'),
    column('created_at', 'timestamp NOT NULL'),
  ],
  constraints: [
    // CASCADE (seed): conversations are the organisation's data.
    { name: 'conversations_org_id_fkey', definition: 'FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE' },
  ],
  indexes: [
    { name: 'ix_conversations_org_id', columns: ['org_id'] },
    // Incoming webhooks find the conversation by the sender's id.
    { name: 'ix_conversations_peer_id', columns: ['peer_id'] },
  ],
};

const MESSAGES: TableShape = {
  name: Table.messages,
  primaryKey: { name: 'messages_pkey', columns: ['id'] },
  columns: [
    column('id', 'varchar(36) NOT NULL'),
    column('conversation_id', 'varchar(36) NOT NULL'),
    // 'inbound' (from the peer) | 'outbound' (sent by the platform).
    column('direction', 'varchar(16) NOT NULL'),
    column('text', 'text'),
    column('media_url', 'varchar(500)'),
    // The channel's own ids and delivery status.
    column('metadata', 'json'),
    column('created_at', 'timestamp NOT NULL'),
  ],
  constraints: [
    // CASCADE (seed): a message exists only in its conversation.
    { name: 'messages_conversation_id_fkey', definition: 'FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE' },
  ],
  indexes: [{ name: 'ix_messages_conversation_id', columns: ['conversation_id'] }],
};

/**
 * Legacy types on purpose (README, "Design decisions"): existing databases have these columns so,
 * and the additive-only policy forbids the type change that would rewrite them.
 */
export const lint = {
  allow: {
    'prefer-timestamptz': 'naive UTC timestamps, as existing databases have them; timestamptz would rewrite their tables, which the additive-only policy forbids',
    'json-column': 'json, as existing databases have it; jsonb would rewrite their tables, which the additive-only policy forbids',
  },
};

export async function up(knex: Knex): Promise<void> {
  // The values of its time, pinned.
  await TemplateType.create(knex, { values: ['image', 'video'] });
  await ensureTable(knex, ASSET_TEMPLATES);
  await ensureTable(knex, TEMPLATE_USAGE);
  await ensureTable(knex, CONVERSATIONS);
  await ensureTable(knex, MESSAGES);
}

/** Additive-only: rolling back keeps the tables, the type and the rows; up() converges again. */
export async function down(): Promise<void> {}

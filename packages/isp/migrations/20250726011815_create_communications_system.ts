/**
 * Step 15 of 17 — create_communications_system — Features: Communications system.
 *
 * Email and SMS: templates per channel and locale, every message sent with the provider's
 * delivery state, and campaigns (one template to an audience) with what happened to each
 * recipient. A campaign's template is of the campaign's channel — a composite key
 * (message_template_id, channel) → message_templates(id, channel) — so an SMS campaign cannot
 * send an email template.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { compositeForeignKey, foreignKeyCovered } from '../src/columns';
import { CampaignStatus, MessageChannel, MessageStatus, RecipientStatus } from '../src/enums';
import { Pattern } from '../src/sql';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 15, revision: 'create_communications_system', title: 'Features: Communications system' };

export async function up(knex: Knex): Promise<void> {
  await MessageChannel.create(knex, { values: ['email', 'sms'] });
  await MessageStatus.create(knex, { values: ['queued', 'sending', 'sent', 'delivered', 'failed', 'bounced'] });
  await CampaignStatus.create(knex, { values: ['draft', 'scheduled', 'sending', 'completed', 'cancelled'] });
  await RecipientStatus.create(knex, { values: ['pending', 'sent', 'failed', 'skipped', 'opted_out'] });

  await knex.schema.createTable(Table.messageTemplates, (t) => {
    const table = Table.messageTemplates;
    uuidPrimaryKey(t, table, knex);
    // What the application asks for: 'invoice_issued', 'service_suspended'.
    t.text('code').notNullable();
    MessageChannel.column(t, 'channel').notNullable();
    // BCP 47: 'en', 'pt-BR'.
    t.text('locale').notNullable().defaultTo('en');
    // Emails only. Bodies use {{placeholders}} filled at send time.
    t.text('subject').nullable();
    t.text('body_text').notNullable();
    t.text('body_html').nullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    timestamps(t, knex);
    t.unique(['code', 'channel', 'locale'], { indexName: uqName(table, ['code', 'channel', 'locale']) });
    // Target of campaigns' (template, channel) key.
    t.unique(['id', 'channel'], { indexName: uqName(table, ['id', 'channel']) });
    t.check(`code ~ '${Pattern.code}'`, {}, ckName(table, 'code_format'));
    t.check("locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'", {}, ckName(table, 'locale_bcp47'));
    t.check("(channel = 'email') = (subject IS NOT NULL) AND (channel = 'email' OR body_html IS NULL)", {}, ckName(table, 'channel_fields'));
    // Ten concatenated SMS segments at most.
    t.check("channel <> 'sms' OR length(body_text) <= 1530", {}, ckName(table, 'sms_length'));
  });
  await addUpdatedAtTrigger(knex, Table.messageTemplates);

  await knex.schema.createTable(Table.campaigns, (t) => {
    const table = Table.campaigns;
    uuidPrimaryKey(t, table, knex);
    t.text('name').notNullable();
    MessageChannel.column(t, 'channel').notNullable();
    t.uuid('message_template_id').notNullable();
    CampaignStatus.column(t, 'status').notNullable().defaultTo('draft');
    // Who receives it, as a filter the campaign runner resolves: {"customer_type": ["residential"], "marketing_opt_in": true}.
    t.jsonb('audience').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    t.timestamp('scheduled_at', { useTz: true }).nullable();
    t.timestamp('started_at', { useTz: true }).nullable();
    t.timestamp('completed_at', { useTz: true }).nullable();
    // SET NULL: the campaign stays when its author's account is removed.
    foreignKey(t, table, 'created_by_id', { references: Table.staffUsers, onDelete: 'set null', nullable: true });
    timestamps(t, knex);
    // RESTRICT: a template a campaign used is deactivated, not deleted.
    compositeForeignKey(t, table, ['message_template_id', 'channel'], Table.messageTemplates, ['id', 'channel'], 'restrict');
    t.index(['message_template_id', 'channel'], ixName(table, ['message_template_id', 'channel']));
    t.check("status <> 'scheduled' OR scheduled_at IS NOT NULL", {}, ckName(table, 'scheduled_has_time'));
    t.check("(status = 'completed') = (completed_at IS NOT NULL)", {}, ckName(table, 'completed_has_time'));
  });
  await addUpdatedAtTrigger(knex, Table.campaigns);

  await knex.schema.createTable(Table.messages, (t) => {
    const table = Table.messages;
    uuidPrimaryKey(t, table, knex);
    // SET NULL: the record of what was sent outlives the customer and the template.
    foreignKey(t, table, 'customer_id', { references: Table.customers, onDelete: 'set null', nullable: true });
    foreignKey(t, table, 'message_template_id', { references: Table.messageTemplates, onDelete: 'set null', nullable: true });
    MessageChannel.column(t, 'channel').notNullable();
    // Email address or E.164 number, as sent to.
    t.text('recipient').notNullable();
    t.text('subject').nullable();
    t.text('body').notNullable();
    MessageStatus.column(t, 'status').notNullable().defaultTo('queued');
    // The email/SMS service and its message id, which its delivery callbacks quote.
    t.text('provider').nullable();
    t.text('provider_message_id').nullable();
    t.timestamp('queued_at', { useTz: true }).notNullable().defaultTo(knex.raw('now()'));
    t.timestamp('sent_at', { useTz: true }).nullable();
    t.timestamp('delivered_at', { useTz: true }).nullable();
    t.timestamp('failed_at', { useTz: true }).nullable();
    t.text('error').nullable();
    timestamps(t, knex);
    t.unique(['provider', 'provider_message_id'], { indexName: uqName(table, ['provider', 'provider_message_id']) });
    t.index(['status', 'queued_at'], ixName(table, ['status', 'queued_at']));
    t.check(`channel <> 'email' OR recipient ~ '${Pattern.email}'`, {}, ckName(table, 'email_recipient'));
    t.check(`channel <> 'sms' OR recipient ~ '${Pattern.e164}'`, {}, ckName(table, 'sms_recipient'));
    t.check("status <> 'delivered' OR delivered_at IS NOT NULL", {}, ckName(table, 'delivered_has_time'));
    t.check("status NOT IN ('failed', 'bounced') OR failed_at IS NOT NULL", {}, ckName(table, 'failed_has_time'));
  });
  await addUpdatedAtTrigger(knex, Table.messages);

  await knex.schema.createTable(Table.campaignRecipients, (t) => {
    const table = Table.campaignRecipients;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: the audience is part of the campaign, and a deleted customer leaves it.
    // campaign_id is indexed by uq_campaign_recipients_campaign_id_customer_id.
    foreignKeyCovered(t, table, 'campaign_id', { references: Table.campaigns, onDelete: 'cascade' });
    foreignKey(t, table, 'customer_id', { references: Table.customers, onDelete: 'cascade' });
    t.text('recipient').notNullable();
    RecipientStatus.column(t, 'status').notNullable().defaultTo('pending');
    // The message sent to this recipient. SET NULL: message retention is separate.
    foreignKey(t, table, 'message_id', { references: Table.messages, onDelete: 'set null', nullable: true });
    t.text('error').nullable();
    timestamps(t, knex);
    // A customer receives a campaign once.
    t.unique(['campaign_id', 'customer_id'], { indexName: uqName(table, ['campaign_id', 'customer_id']) });
  });
  await addUpdatedAtTrigger(knex, Table.campaignRecipients);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [Table.campaignRecipients, Table.messages, Table.campaigns, Table.messageTemplates]) await knex.schema.dropTable(table);
  for (const type of [RecipientStatus, CampaignStatus, MessageStatus, MessageChannel]) await type.drop(knex);
}

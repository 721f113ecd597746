/**
 * Demo seed: two public templates and two of Acme Studio by the same author, three uses of them
 * (each linked to the content item it produced), and a WhatsApp and an Instagram conversation
 * with their messages. Builds on 002_demo_organizations. Development only: refused in production.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { DEMO_CONVERSATIONS, DEMO_TEMPLATE_USAGE, DEMO_TEMPLATES, lastMessageAt } from '../src/demo';
import { deleteSeeded, stableId } from '../src';
import { idOf } from '../src/seeding';
import { Table } from '../src/tables';

export const profile = SeedProfile.demo;

const NEEDED_BY = 'demo templates and conversations';

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'demo templates and conversations');
  const orgId = (slug: string) => idOf(knex, Table.organizations, { slug }, NEEDED_BY);

  for (const template of DEMO_TEMPLATES) {
    await ensureRow(knex, Table.assetTemplates, { id: stableId(Table.assetTemplates, template.key) }, {
      id: stableId(Table.assetTemplates, template.key),
      org_id: template.org === null ? null : await orgId(template.org),
      name: template.name,
      description: template.description,
      type: template.type,
      spec: JSON.stringify(template.spec),
      is_public: template.isPublic,
      created_at: template.createdAt,
      created_by: template.createdBy === null ? null : await idOf(knex, Table.users, { email: template.createdBy }, NEEDED_BY),
    });
  }
  for (const use of DEMO_TEMPLATE_USAGE) {
    await ensureRow(knex, Table.templateUsage, { id: stableId(Table.templateUsage, use.key) }, {
      id: stableId(Table.templateUsage, use.key),
      template_id: await idOf(knex, Table.assetTemplates, { id: stableId(Table.assetTemplates, use.template) }, NEEDED_BY),
      org_id: await orgId(use.org),
      content_item_id: use.contentItem === null ? null : await idOf(knex, Table.contentItems, { id: stableId(Table.contentItems, use.contentItem) }, NEEDED_BY),
      used_at: use.usedAt,
      inputs: JSON.stringify(use.inputs),
    });
  }

  for (const conversation of DEMO_CONVERSATIONS) {
    const conversationId = await ensureRow(knex, Table.conversations, { id: stableId(Table.conversations, conversation.key) }, {
      id: stableId(Table.conversations, conversation.key),
      org_id: await orgId(conversation.org),
      channel: conversation.channel,
      peer_id: conversation.peerId,
      last_message_at: lastMessageAt(conversation),
      created_at: conversation.messages[0]?.createdAt ?? lastMessageAt(conversation),
    });
    for (const [index, message] of conversation.messages.entries()) {
      const id = stableId(Table.messages, `${conversation.key}/${index + 1}`);
      await ensureRow(knex, Table.messages, { id }, {
        id,
        conversation_id: conversationId,
        direction: message.direction,
        text: message.text,
        media_url: message.mediaUrl ?? null,
        metadata: JSON.stringify({ channel: conversation.channel, demo: true }),
        created_at: message.createdAt,
      });
    }
  }
}

/** Removes the seeded rows (by their seeded ids), children first. */
export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.messages, DEMO_CONVERSATIONS.flatMap((c) => c.messages.map((_, index) => `${c.key}/${index + 1}`)));
  await deleteSeeded(knex, Table.conversations, DEMO_CONVERSATIONS.map((c) => c.key));
  await deleteSeeded(knex, Table.templateUsage, DEMO_TEMPLATE_USAGE.map((use) => use.key));
  await deleteSeeded(knex, Table.assetTemplates, DEMO_TEMPLATES.map((template) => template.key));
}

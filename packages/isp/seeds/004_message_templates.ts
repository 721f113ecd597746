/** Reference: the email and SMS templates the platform sends (English; other locales are added beside them). */
import type { Knex } from 'knex';
import { ensureRow, SeedProfile } from '@strata/core';
import { deleteSeeded, stableId } from '../src';
import { MESSAGE_TEMPLATES } from '../src/reference';
import { Table } from '../src/tables';

export const profile = SeedProfile.reference;

const templateKey = (t: (typeof MESSAGE_TEMPLATES)[number]) => `${t.code}/${t.channel}/${t.locale}`;

export async function seed(knex: Knex): Promise<void> {
  for (const template of MESSAGE_TEMPLATES) {
    await ensureRow(knex, Table.messageTemplates, { code: template.code, channel: template.channel, locale: template.locale }, {
      id: stableId(Table.messageTemplates, templateKey(template)),
      code: template.code,
      channel: template.channel,
      locale: template.locale,
      subject: template.subject ?? null,
      body_text: template.bodyText,
    });
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.messageTemplates, MESSAGE_TEMPLATES.map(templateKey));
}

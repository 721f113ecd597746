/**
 * Support workstream: support tickets (ERD `SupportTicket`) with the full-text search the seed
 * planned for later, now: a generated tsvector column and a GIN index on it.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { SupportTicketPriority, SupportTicketStatus } from '../../src/enums';
import { Table } from '../../src/tables';

const TABLE = Table.supportTickets;

/**
 * The text search configuration, pinned here (src/support.ts queries with the same one).
 * Tickets come in German and in English; a language's stemmer mangles the other language's
 * words, so 'simple' (lower-cased words, no stemming, no stop words) finds every word as written.
 */
const TICKET_SEARCH_CONFIG = 'simple';

export async function up(knex: Knex): Promise<void> {
  await SupportTicketStatus.create(knex, { values: ['open', 'pending_customer', 'resolved', 'closed'] });
  await SupportTicketPriority.create(knex, { values: ['low', 'normal', 'high', 'urgent'] });

  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // Natural key quoted in e-mails, e.g. TCK-2025-00017.
    t.string('ticket_number', 32).notNullable();
    // SET NULL (nullable: guests write in too): a ticket is the shop's correspondence and stays
    // when a login without orders is deleted; erasure redacts the text instead (compliance/).
    foreignKey(t, TABLE, 'user_id', { references: Table.users, onDelete: 'set null', nullable: true });
    // Reply address for guests, and a snapshot for users.
    t.string('requester_email', 254).nullable();
    // SET NULL: the ticket stays if an (unpaid) order it mentions is deleted.
    foreignKey(t, TABLE, 'order_id', { references: Table.orders, onDelete: 'set null', nullable: true });
    // SET NULL: the ticket stays when the agent's login goes; it is simply unassigned.
    foreignKey(t, TABLE, 'assignee_user_id', { references: Table.users, onDelete: 'set null', nullable: true });
    t.string('subject', 200).notNullable();
    t.text('body').notNullable();
    SupportTicketStatus.column(t, 'status').notNullable().defaultTo('open');
    SupportTicketPriority.column(t, 'priority').notNullable().defaultTo('normal');
    t.timestamp('resolved_at', { useTz: true }).nullable();
    t.timestamp('closed_at', { useTz: true }).nullable();
    // Subject weighs more than body in ranking (A > B). STORED: computed on write, so searches
    // read it from the GIN index instead of parsing every ticket. The configuration is a constant,
    // which makes to_tsvector immutable, as a generated column requires.
    t.specificType(
      'search_vector',
      `tsvector GENERATED ALWAYS AS (setweight(to_tsvector('${TICKET_SEARCH_CONFIG}'::regconfig, subject), 'A') || setweight(to_tsvector('${TICKET_SEARCH_CONFIG}'::regconfig, body), 'B')) STORED`,
    );
    timestamps(t, knex);
    t.unique(['ticket_number'], { indexName: uqName(TABLE, ['ticket_number']) });
    t.index(['status'], ixName(TABLE, ['status']));
    t.check(`status NOT IN ('resolved', 'closed') OR resolved_at IS NOT NULL OR closed_at IS NOT NULL`, {}, ckName(TABLE, 'finished_has_timestamp'));
  });
  // https://www.postgresql.org/docs/current/textsearch-tables.html#TEXTSEARCH-TABLES-INDEX
  await knex.raw(`CREATE INDEX ?? ON ?? USING gin (search_vector)`, [ixName(TABLE, ['search_vector']), TABLE]);
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await SupportTicketPriority.drop(knex);
  await SupportTicketStatus.drop(knex);
}

/**
 * Full-text search of support tickets, over the generated `search_vector` column and its GIN
 * index (support/…_support_tickets). https://www.postgresql.org/docs/current/textsearch-controls.html
 */
import type { Knex } from 'knex';
import { Table } from './tables';

/**
 * The text search configuration of `search_vector`, as the migration pinned it. Queries must
 * use the same one, or words are normalised differently from the index.
 */
export const TICKET_SEARCH_CONFIG = 'simple';

/** A ticket found by {@link searchTickets}. */
export interface TicketHit {
  readonly id: string;
  readonly ticket_number: string;
  readonly subject: string;
  /** ts_rank: subject matches (weight A) rank above body matches (weight B). */
  readonly rank: number;
}

/**
 * Tickets matching a search as people type it (`websearch_to_tsquery`: words, "phrases", -not,
 * or), best first.
 * @example await searchTickets(knex, 'refund express') // [{ ticket_number: 'TCK-…', … }]
 */
export async function searchTickets(knex: Knex, text: string, limit = 20): Promise<TicketHit[]> {
  const { rows } = await knex.raw<{ rows: TicketHit[] }>(
    `SELECT t.id, t.ticket_number, t.subject, ts_rank(t.search_vector, q) AS rank
       FROM ?? t, websearch_to_tsquery(?::regconfig, ?) q
      WHERE t.search_vector @@ q
      ORDER BY rank DESC, t.created_at DESC
      LIMIT ?`,
    [Table.supportTickets, TICKET_SEARCH_CONFIG, text, limit],
  );
  return rows.map((row) => ({ ...row, rank: Number(row.rank) }));
}

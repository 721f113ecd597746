import type { Knex } from 'knex';

export const config = { transaction: false };

/** Near miss for detach-partition-not-concurrent (PostgreSQL 14+). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')`);
}

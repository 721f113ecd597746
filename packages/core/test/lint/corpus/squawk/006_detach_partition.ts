import type { Knex } from 'knex';

/** detach-partition-not-concurrent. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE events DETACH PARTITION events_2024');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`);
}

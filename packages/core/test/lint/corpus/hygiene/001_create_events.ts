import type { Knex } from 'knex';

const LONG_INDEX = 'events_payload_kind_and_recorded_at_for_the_monthly_billing_report_idx';
const LONGEST_ALLOWED = 'events_kind_idx_'.padEnd(63, 'x');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('events', (t) => {
    t.increments('id');
    t.json('payload');
    t.jsonb('meta');
    t.text('kind');
    t.timestamp('happened_at', { useTz: false });
    t.timestamp('recorded_at');
    t.index(['kind', 'recorded_at'], LONG_INDEX);
    t.index(['kind'], LONGEST_ALLOWED);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('events');
}

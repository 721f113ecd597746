import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TYPE member_role RENAME VALUE 'viewer' TO 'reader'`);
  await knex.raw(`ALTER TYPE member_role ADD VALUE 'guest' BEFORE 'owner'`);
  // Near misses: appending a value; reshaping an enum created in this migration.
  await knex.raw(`ALTER TYPE member_role ADD VALUE 'auditor'`);
  await knex.raw(`CREATE TYPE ticket_state AS ENUM ('open', 'shut')`);
  await knex.raw(`ALTER TYPE ticket_state RENAME VALUE 'shut' TO 'closed'`);
  await knex.raw(`ALTER TYPE ticket_state ADD VALUE 'pending' AFTER 'open'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TYPE ticket_state');
}

import type { Knex } from 'knex';

/** Fails because 004 did: reported, one step lower, as a likely consequence. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX invoices_paid_at_idx ON invoices (paid_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX invoices_paid_at_idx');
}

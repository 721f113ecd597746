import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Near miss: the validated CHECK (note IS NOT NULL) of 004/005 spares the scan.
  await knex.raw('ALTER TABLE accounts ALTER COLUMN note SET NOT NULL');
  await knex.raw('ALTER TABLE accounts ALTER COLUMN email SET NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL, ALTER COLUMN note DROP NOT NULL');
}

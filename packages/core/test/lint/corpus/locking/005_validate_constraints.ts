import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts VALIDATE CONSTRAINT accounts_team_fk');
  await knex.raw('ALTER TABLE accounts VALIDATE CONSTRAINT accounts_balance_check');
  await knex.raw('ALTER TABLE accounts VALIDATE CONSTRAINT accounts_note_not_null');
}

export async function down(): Promise<void> {}

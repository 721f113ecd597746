import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts ADD CONSTRAINT accounts_team_fk FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID');
  await knex.raw('ALTER TABLE accounts ADD CONSTRAINT accounts_balance_check CHECK (balance >= 0) NOT VALID');
  await knex.raw('ALTER TABLE accounts ADD CONSTRAINT accounts_note_not_null CHECK (note IS NOT NULL) NOT VALID');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE accounts DROP CONSTRAINT accounts_note_not_null, DROP CONSTRAINT accounts_balance_check, DROP CONSTRAINT accounts_team_fk');
}

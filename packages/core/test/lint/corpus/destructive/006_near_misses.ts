import type { Knex } from 'knex';

/** Nothing here loses data that existed before the migration. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staging', (t) => {
    t.increments('id');
    t.text('scratch');
  });
  await knex.raw('ALTER TABLE staging DROP COLUMN scratch');
  await knex.raw('TRUNCATE staging');
  await knex.raw('DELETE FROM staging');
  await knex.schema.dropTable('staging');
  await knex.schema.dropTableIfExists('never_existed');
  await knex('orders').where({ status: 'void' }).delete();
  await knex('customers').where({ id: 2 }).update({ name: 'y' });
  await knex.raw(`CREATE TYPE tmp_kind AS ENUM ('a'); DROP TYPE tmp_kind`);
  await knex.raw('CREATE SCHEMA scratch_area; DROP SCHEMA scratch_area');
  await knex.raw('DROP SCHEMA IF EXISTS never_existed_either');
}

export async function down(): Promise<void> {}

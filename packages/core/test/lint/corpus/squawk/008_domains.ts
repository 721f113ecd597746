import type { Knex } from 'knex';

/**
 * create-domain-with-check and alter-domain-add-constraint. Near misses: a domain without a
 * CHECK; a constraint added NOT VALID; a constraint on a domain made in the same migration.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%')`);
  await knex.raw(`ALTER DOMAIN label ADD CONSTRAINT label_not_blank CHECK (VALUE <> '')`);
  await knex.raw(`ALTER DOMAIN label ADD CONSTRAINT label_short CHECK (length(VALUE) < 200) NOT VALID`);
  await knex.raw('CREATE DOMAIN code AS text');
  await knex.raw(`ALTER DOMAIN code ADD CONSTRAINT code_upper CHECK (VALUE = upper(VALUE))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP DOMAIN code, email');
  await knex.raw('ALTER DOMAIN label DROP CONSTRAINT label_short');
  await knex.raw('ALTER DOMAIN label DROP CONSTRAINT label_not_blank');
}

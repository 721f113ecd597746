import type { Knex } from 'knex';

/**
 * Runs generated SQL as is. knex.raw treats `?` as a binding placeholder, so literal question
 * marks (e.g. in an enum value) are escaped as `\?`, which knex turns back into `?`.
 */
export async function runSql(knex: Knex, sql: string): Promise<void> {
  await knex.raw(sql.replace(/\?/g, '\\?'));
}

import type { Knex } from 'knex';

export const config = { transaction: false };

/** Near miss for prefer-robust-stmts: every statement guarded; the explicit transaction is near miss for transaction-nesting. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE TABLE IF NOT EXISTS audit_archive (id bigint PRIMARY KEY)');
  await knex.raw('CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_archive_id_idx ON audit_archive (id)');
  await knex.raw('BEGIN');
  await knex.raw('ALTER TABLE audit_archive ADD COLUMN at timestamptz');
  await knex.raw('COMMIT');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS audit_archive');
}

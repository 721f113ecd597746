import type { Knex } from 'knex';

/** Destructive SQL hidden in one multi-statement string and in a DO block. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE customers SET name = 'x' WHERE id = 1;
    DELETE FROM orders;
    TRUNCATE audit_log`);
  await knex.raw(`DO $$ BEGIN UPDATE customers SET name = upper(name); END $$`);
}

export async function down(): Promise<void> {}

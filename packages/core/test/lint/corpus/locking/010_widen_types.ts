import type { Knex } from 'knex';

/** Near misses for column-type-change: binary-coercible changes, no rewrite. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.string('name', 40).alter();
    t.decimal('balance', 14, 2).alter();
  });
  await knex.raw('ALTER TABLE accounts ALTER COLUMN email TYPE text, ALTER COLUMN ip TYPE inet');
  await knex.raw(`SET LOCAL TimeZone = 'UTC'`);
  await knex.raw('ALTER TABLE accounts ALTER COLUMN seen_at TYPE timestamptz');
}

export async function down(): Promise<void> {}

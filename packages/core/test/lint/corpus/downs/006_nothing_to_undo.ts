import type { Knex } from 'knex';

/** Near miss for empty-down: up() only reads, so an empty down() is exact. */
export async function up(knex: Knex): Promise<void> {
  const { rows } = (await knex.raw('SELECT count(*) AS n FROM notes')) as { rows: { n: string }[] };
  if (Number(rows[0]?.n) < 0) throw new Error('impossible');
}

export async function down(): Promise<void> {}

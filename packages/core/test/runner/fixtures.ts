import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes a throwaway folder of migration files (name → source) and returns its path. */
export function migrationFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-migrations-'));
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), source);
  }
}

/** A migration creating (and dropping) one table, optionally with extra up() code. */
export function createTable(table: string, extraUp = ''): string {
  return `import type { Knex } from 'knex';
export async function up(knex: Knex) {
  await knex.schema.createTable('${table}', (t) => { t.increments('id'); t.text('name'); });
  ${extraUp}
}
export async function down(knex: Knex) { await knex.schema.dropTable('${table}'); }
`;
}

/**
 * The README's "Migration History and Safety" section is what `pnpm readme` generates: the
 * document of src/history.ts with the SQL preview of `strata migrate latest --dry-run` on an empty
 * database, on each test server. Stale after a change to the migrations or to src/history.ts?
 * Run `pnpm readme` in this package.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testServers, usePackageDatabase } from '@strata/core/testing';
import { operationsOf, previewByMigration, renderHistorySection, sectionOf } from '../src/history-document';
import { cli, MIGRATIONS, PACKAGE_DIR, strataOk } from './support';

const README = readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8');

describe.each(testServers())('README migration history ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'cp_readme', migrate: false });
  let preview: string;

  beforeAll(async () => {
    preview = (await strataOk(db.url, ['migrate', 'latest', '--dry-run'])).stdout;
  });

  it('previews every migration of the chain, and no destructive statement', () => {
    const sql = previewByMigration(preview);
    expect([...sql.keys()]).toEqual([...MIGRATIONS]);
    for (const [migration, lines] of sql) {
      expect({ migration, destructive: lines.filter((line) => /\b(DROP|TRUNCATE|RENAME)\b|(?<!ON )\bDELETE\b|ALTER COLUMN/i.test(line)) }).toEqual({ migration, destructive: [] });
    }
    expect(operationsOf(sql.get(MIGRATIONS[1])!)).toEqual(['CREATE TYPE if missing', 'CREATE TABLE IF NOT EXISTS', 'ADD COLUMN IF NOT EXISTS', 'ADD CONSTRAINT if missing', 'CREATE INDEX IF NOT EXISTS']);
  });

  it('README.md has the section pnpm readme generates (run pnpm readme when this fails)', () => {
    expect(sectionOf(README)).toBe(renderHistorySection(preview));
  });
});

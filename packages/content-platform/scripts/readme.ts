/**
 * `pnpm readme`: regenerates the "Migration History and Safety" section of README.md from
 * src/history.ts and `strata migrate latest --dry-run` on a fresh, empty database, created on
 * the server of DATABASE_URL (default: postgres@127.0.0.1:5432) and dropped afterwards.
 * `--check` writes nothing and exits 1 when the README is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, runCli } from '@strata/core/testing';
import { renderHistorySection, replaceSection, sectionOf } from '../src/history-document';

const PACKAGE_DIR = path.resolve(__dirname, '..');
const README = path.join(PACKAGE_DIR, 'README.md');

async function main(): Promise<number> {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const db = await createTestDatabase({ label: 'readme', url: server }, 'cp_readme');
  let preview: string;
  try {
    const result = await runCli(['migrate', 'latest', '--dry-run', '--url', db.url], { cwd: PACKAGE_DIR });
    if (result.code !== 0) throw new Error(`strata migrate latest --dry-run exited ${result.code}: ${result.stderr}`);
    preview = result.stdout;
  } finally {
    await db.drop();
  }
  const readme = readFileSync(README, 'utf8');
  const section = renderHistorySection(preview);
  if (process.argv.includes('--check')) {
    const stale = sectionOf(readme) !== section;
    process.stderr.write(stale ? 'README.md is stale: run pnpm readme\n' : 'README.md is up to date\n');
    return stale ? 1 : 0;
  }
  writeFileSync(README, replaceSection(readme, section));
  process.stderr.write('wrote the Migration History and Safety section of README.md\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`readme: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

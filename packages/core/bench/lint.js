#!/usr/bin/env node
/**
 * Measures `strata lint` on migration folders: scratch database creation, capture on
 * PostgreSQL and parsing, end to end, as the CLI does it.
 *
 *   node packages/core/bench/lint.js [--url postgres://user@host:5432/postgres] [--runs 3] DIR…
 *
 * DIR defaults to every corpus folder under packages/core/test/lint/corpus; --url defaults
 * to DATABASE_URL, then postgres://postgres@127.0.0.1:5432/postgres. A DIR holding
 * package.json and migrations/ is linted as the CLI lints a package folder: its migrations/,
 * with the setup its package.json declares ("strata": { "lint": { "setup": … } }).
 * Prints, per folder, the median time of a whole lint and that time per migration.
 */
const path = require('node:path');
const { existsSync, readdirSync, readFileSync } = require('node:fs');
require('sucrase/register/ts');
const { runLint } = require('../src/cli/commands/lint');
const { lintSetupOf } = require('../src/lint/lint-migrations');
const { listScripts } = require('../src/migrations/source');

/** The folder of migrations and the setup file of DIR, as `strata lint --migrations` finds them. */
function targetOf(dir, url) {
  const nested = path.join(dir, 'migrations');
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(nested) || !existsSync(manifest)) return { name: path.basename(dir), migrationsDir: dir, serverUrl: url };
  const setupFile = lintSetupOf(JSON.parse(readFileSync(manifest, 'utf8')).strata, dir);
  return { name: path.basename(dir), migrationsDir: nested, serverUrl: url, ...(setupFile ? { setupFile } : {}) };
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    if (i < 0) return fallback;
    const [value] = args.splice(i, 2).slice(1);
    return value;
  };
  const url = option('--url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const runs = Number(option('--runs', '3'));
  const corpus = path.join(__dirname, '../test/lint/corpus');
  const dirs = args.length > 0 ? args : readdirSync(corpus).sort().map((d) => path.join(corpus, d));
  const silent = { out: () => undefined, err: (line) => (line.startsWith('strata lint:') ? console.error(line) : undefined) };
  let totalMs = 0;
  let totalMigrations = 0;
  for (const dir of dirs) {
    const target = targetOf(dir, url);
    const times = [];
    for (let run = 0; run < runs; run++) {
      const start = process.hrtime.bigint();
      const code = await runLint({ targets: [target], format: 'json' }, silent);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (code === 2) throw new Error(`lint could not run on ${dir}`);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const count = listScripts(target.migrationsDir).length;
    totalMs += median;
    totalMigrations += count;
    console.log(
      `${path.relative(process.cwd(), target.migrationsDir)}: ${count} migrations, median ${median.toFixed(0)} ms = ${(median / Math.max(1, count)).toFixed(0)} ms per migration (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}) over ${runs} runs`,
    );
  }
  if (dirs.length > 1) console.log(`all: ${totalMigrations} migrations, ${totalMs.toFixed(0)} ms = ${(totalMs / Math.max(1, totalMigrations)).toFixed(0)} ms per migration (sum of medians)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});

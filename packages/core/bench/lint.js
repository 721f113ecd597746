#!/usr/bin/env node
/**
 * Measures `strata lint` on migration folders: scratch database creation, capture on
 * PostgreSQL and parsing, end to end, as the CLI does it.
 *
 *   node packages/core/bench/lint.js [--url postgres://user@host:5432/postgres] [--runs 3] DIR…
 *
 * DIR defaults to every corpus folder under packages/core/test/lint/corpus; --url defaults
 * to DATABASE_URL, then postgres://postgres@127.0.0.1:5432/postgres.
 */
const path = require('node:path');
const { readdirSync } = require('node:fs');
require('sucrase/register/ts');
const { runLint } = require('../src/cli/commands/lint');

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
  for (const dir of dirs) {
    const times = [];
    for (let run = 0; run < runs; run++) {
      const start = process.hrtime.bigint();
      const code = await runLint({ targets: [{ name: path.basename(dir), migrationsDir: dir, serverUrl: url }], format: 'json' }, silent);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (code === 2) throw new Error(`lint could not run on ${dir}`);
    }
    times.sort((a, b) => a - b);
    const count = require('../src/migrations/source').listScripts(dir).length;
    console.log(`${path.relative(process.cwd(), dir)}: ${count} migrations, median ${times[Math.floor(times.length / 2)].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}) over ${runs} runs`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});

#!/usr/bin/env node
'use strict';
/**
 * pnpm bench — stock Knex CLI (ts-node), stock Knex CLI under tsx, and strata, side by side on
 * the same generated package of 40 TypeScript migrations and the same server:
 * `migrate latest` from an empty database, then `migrate status` (median of several runs).
 *
 * Server: DATABASE_URL, else 127.0.0.1:5432 when it answers, else a throwaway embedded server.
 * Options: BENCH_MIGRATIONS (default 40), BENCH_RUNS (status runs, default 5).
 */
const { spawnSync } = require('node:child_process');
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
require('../bin/ts-hook').register();
const { EmbeddedServer } = require('../src/db/embedded.ts');
const { withDatabase } = require('../src/db/url.ts');
const { probeServer, queryRows } = require('../src/testing');

const ROOT = path.resolve(__dirname, '../../..');
const WORK = path.join(ROOT, '.strata', 'bench');
const COUNT = Number(process.env.BENCH_MIGRATIONS ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const KNEX_CLI = require.resolve('knex/bin/cli.js', { paths: [ROOT] });
const STRATA = path.join(ROOT, 'packages/core/bin/strata.js');

function writeMigrations(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= COUNT; i++) {
    const n = String(i).padStart(2, '0');
    writeFileSync(
      path.join(dir, `202401010000${n}_create_table_${n}.ts`),
      `import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('table_${n}', (t) => {
    t.increments('id');
    t.text('name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['name'], 'ix_table_${n}_name');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('table_${n}');
}
`,
    );
  }
}



function time(command, args, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: WORK, env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  mkdirSync(WORK, { recursive: true });
  const migrations = path.join(WORK, 'migrations');
  writeMigrations(migrations);
  writeFileSync(
    path.join(WORK, 'knexfile.ts'),
    `export default { client: 'pg', connection: process.env.BENCH_URL, migrations: { directory: ${JSON.stringify(migrations)}, loadExtensions: ['.ts'] } };\n`,
  );

  let server;
  let serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await probeServer(serverUrl))) {
    server = new EmbeddedServer({ home: path.join(WORK, 'pg'), port: 54399 });
    server.start();
    serverUrl = server.url;
  }
  const tools = [
    { name: 'knex CLI + ts-node', latest: (url) => ['node', [KNEX_CLI, 'migrate:latest', '--knexfile', 'knexfile.ts'], { BENCH_URL: url }], status: (url) => ['node', [KNEX_CLI, 'migrate:status', '--knexfile', 'knexfile.ts'], { BENCH_URL: url }] },
    { name: 'knex CLI + tsx', latest: (url) => ['node', ['--import', 'tsx', KNEX_CLI, 'migrate:latest', '--knexfile', 'knexfile.ts'], { BENCH_URL: url }], status: (url) => ['node', ['--import', 'tsx', KNEX_CLI, 'migrate:status', '--knexfile', 'knexfile.ts'], { BENCH_URL: url }] },
    { name: 'strata', latest: (url) => ['node', [STRATA, 'migrate', 'latest', '--migrations', migrations, '--url', url], {}], status: (url) => ['node', [STRATA, 'migrate', 'status', '--migrations', migrations, '--url', url], {}] },
  ];
  const rows = [];
  try {
    for (const tool of tools) {
      const database = `strata_bench_${tool.name.replace(/\W+/g, '_').toLowerCase()}`;
      await queryRows(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await queryRows(serverUrl, `CREATE DATABASE ${database}`);
      const url = withDatabase(serverUrl, database);
      const latest = time(...tool.latest(url));
      const status = median(Array.from({ length: RUNS }, () => time(...tool.status(url))));
      rows.push([tool.name, latest, status]);
      await queryRows(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  } finally {
    server?.destroy();
  }
  const base = rows[0][2];
  console.log(`${COUNT} TypeScript migrations, server ${serverUrl.replace(/:[^:@/]*@/, ':***@')}; status = median of ${RUNS} runs`);
  console.log(`${'tool'.padEnd(22)}${'migrate latest'.padStart(16)}${'migrate status'.padStart(16)}${'status vs knex+ts-node'.padStart(26)}`);
  for (const [name, latest, status] of rows) {
    console.log(`${name.padEnd(22)}${`${latest.toFixed(0)} ms`.padStart(16)}${`${status.toFixed(0)} ms`.padStart(16)}${`${((status / base) * 100).toFixed(0)} %`.padStart(26)}`);
  }
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});

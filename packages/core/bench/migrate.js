#!/usr/bin/env node
'use strict';
/**
 * pnpm bench — how long strata takes beside what it is measured against, on the same generated
 * packages and the same server, tools alternated round by round so that a busy machine slows
 * them all alike (the ratios are the result; absolute times vary from machine to machine):
 *
 * 1. start-up: `node -e 0` (the floor), `strata help`, and `migrate status` of 40 applied
 *    TypeScript migrations by strata, the stock Knex CLI under tsx and under ts-node;
 * 2. `migrate latest` of the 40 from an empty database, each tool;
 * 3. `migrate latest` of 400 migrations by strata (one transaction per migration) against the
 *    limit, `psql -1` of the same DDL (one transaction for all, no history), taken from strata's
 *    own --dry-run; then psql with a transaction per migration, and psql running everything
 *    strata's --dry-run says it sends (history included): the difference to strata is the client's.
 *
 * Server: DATABASE_URL, else 127.0.0.1:5432 when it answers, else a throwaway embedded server.
 * Options: BENCH_RUNS (rounds for start-up, default 7), BENCH_BULK_RUNS (rounds for 400, default 3).
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
require('../bin/ts-hook').register();
const { EmbeddedServer } = require('../src/db/embedded.ts');
const { maskUrl, withDatabase } = require('../src/db/url.ts');
const { probeServer, queryRows } = require('../src/testing');

const ROOT = path.resolve(__dirname, '../../..');
const WORK = path.join(ROOT, '.strata', 'bench');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BULK_RUNS = Number(process.env.BENCH_BULK_RUNS ?? 3);
const KNEX_CLI = require.resolve('knex/bin/cli.js', { paths: [ROOT] });
const STRATA = path.join(ROOT, 'packages/core/bin/strata.js');
const PSQL = ['/usr/bin/psql', '/usr/local/bin/psql'].find((file) => existsSync(file));

/** A folder of `count` migrations, each creating a table with an index (what Knex users write). */
function writeMigrations(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(3, '0');
    writeFileSync(
      path.join(dir, `20240101${String(i).padStart(6, '0')}_create_table_${n}.ts`),
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

function time(command, args, env = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: WORK, env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
  return { ms, stdout: result.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(0)} ms`;

/** A fresh, empty database on the server. */
async function freshDatabase(serverUrl, name) {
  await queryRows(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await queryRows(serverUrl, `CREATE DATABASE ${name}`);
  return withDatabase(serverUrl, name);
}

/** Runs each tool once per round, rounds alternating the tools; returns the median per tool. */
async function rounds(count, tools) {
  const samples = new Map(tools.map((tool) => [tool.name, []]));
  for (let round = 0; round < count; round++) {
    for (const tool of tools) samples.get(tool.name).push(await tool.run());
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

/**
 * What strata's --dry-run shows it would send: `script`, all of it (history tables, a transaction
 * per migration, history rows), and `blocks`, each migration's DDL alone.
 */
function dryRunOf(migrations, url) {
  const { stdout } = time('node', [STRATA, 'migrate', 'latest', '--dry-run', '--migrations', migrations, '--url', url]);
  const script = stdout.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('--'));
  const blocks = [];
  for (const line of stdout.split('\n')) {
    if (/^-- \S+: up/.test(line)) blocks.push([]);
    else if (blocks.length > 0 && line.trim() !== '' && !line.startsWith('--') && !/^(BEGIN|COMMIT);$/.test(line) && !/"(knex_migrations|knex_migrations_lock|strata_migrations)"/.test(line)) blocks[blocks.length - 1].push(line);
  }
  return { script, blocks };
}

async function main() {
  mkdirSync(WORK, { recursive: true });
  const small = path.join(WORK, 'migrations-40');
  const bulk = path.join(WORK, 'migrations-400');
  writeMigrations(small, 40);
  writeMigrations(bulk, 400);
  writeFileSync(
    path.join(WORK, 'knexfile.ts'),
    `export default { client: 'pg', connection: process.env.BENCH_URL, migrations: { directory: ${JSON.stringify(small)}, loadExtensions: ['.ts'] } };\n`,
  );

  let server;
  let serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await probeServer(serverUrl))) {
    server = new EmbeddedServer({ home: path.join(WORK, 'pg'), port: 64399 });
    server.start();
    serverUrl = server.url;
  }
  const knexTsx = (command, url) => time('node', ['--import', 'tsx', KNEX_CLI, command, '--knexfile', 'knexfile.ts'], { BENCH_URL: url });
  const knexTsNode = (command, url) => time('node', [KNEX_CLI, command, '--knexfile', 'knexfile.ts'], { BENCH_URL: url });
  try {
    // 2. latest of 40 from empty (strata's transpile cache warmed first, as after any first run).
    time('node', [STRATA, 'migrate', 'status', '--migrations', small, '--url', await freshDatabase(serverUrl, 'strata_bench_warm')]);
    const latest = {
      strata: time('node', [STRATA, 'migrate', 'latest', '--migrations', small, '--url', await freshDatabase(serverUrl, 'strata_bench_strata')]).ms,
      tsx: knexTsx('migrate:latest', await freshDatabase(serverUrl, 'strata_bench_tsx')).ms,
      tsNode: knexTsNode('migrate:latest', await freshDatabase(serverUrl, 'strata_bench_ts_node')).ms,
    };
    // 1. start-up, on the databases migrated above.
    const urlOf = (name) => withDatabase(serverUrl, name);
    const startup = await rounds(RUNS, [
      { name: 'node -e 0', run: () => time('node', ['-e', '0']).ms },
      { name: 'strata help', run: () => time('node', [STRATA, 'help']).ms },
      { name: 'strata migrate status', run: () => time('node', [STRATA, 'migrate', 'status', '--migrations', small, '--url', urlOf('strata_bench_strata')]).ms },
      { name: 'knex CLI + tsx: migrate:status', run: () => knexTsx('migrate:status', urlOf('strata_bench_tsx')).ms },
      { name: 'knex CLI + ts-node: migrate:status', run: () => knexTsNode('migrate:status', urlOf('strata_bench_ts_node')).ms },
    ]);
    // 3. 400 migrations against psql -1 of the same DDL.
    const warm = await freshDatabase(serverUrl, 'strata_bench_warm');
    const { script, blocks } = dryRunOf(bulk, warm);
    const ddl = path.join(WORK, 'ddl-400.sql');
    const ddlPerTransaction = path.join(WORK, 'ddl-400-per-transaction.sql');
    const strataScript = path.join(WORK, 'strata-400.sql');
    writeFileSync(ddl, `${blocks.flat().join('\n')}\n`);
    writeFileSync(ddlPerTransaction, `${blocks.map((block) => ['BEGIN;', ...block, 'COMMIT;'].join('\n')).join('\n')}\n`);
    writeFileSync(strataScript, `${script.join('\n')}\n`);
    const psql = (file, ...flags) => async () => time(PSQL, ['-X', '-q', ...flags, '-v', 'ON_ERROR_STOP=1', '-f', file, await freshDatabase(serverUrl, 'strata_bench_psql')]).ms;
    // strata's commits wait for no disk flush but the last (see runner.ts): psql's scripts of a
    // transaction per migration get the same, so that only the work differs.
    const psqlAsync = (file) => async () => time(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file, await freshDatabase(serverUrl, 'strata_bench_psql')], { PGOPTIONS: '-c synchronous_commit=off' }).ms;
    const bulkTools = [{ name: 'strata migrate latest (400)', run: async () => time('node', [STRATA, 'migrate', 'latest', '--migrations', bulk, '--url', await freshDatabase(serverUrl, 'strata_bench_bulk')]).ms }];
    if (PSQL) {
      bulkTools.push({ name: 'psql -1 (400, same DDL)', run: psql(ddl, '-1') });
      bulkTools.push({ name: 'psql, a transaction per migration', run: psqlAsync(ddlPerTransaction) });
      bulkTools.push({ name: 'psql, all strata sends', run: psqlAsync(strataScript) });
    }
    const bulkTimes = await rounds(BULK_RUNS, bulkTools);

    const floor = startup.get('node -e 0');
    const tsxStatus = startup.get('knex CLI + tsx: migrate:status');
    console.log(`server ${maskUrl(serverUrl)}; start-up: median of ${RUNS} alternated rounds; 400: median of ${BULK_RUNS}`);
    console.log('');
    console.log(`${'start-up'.padEnd(36)}${'time'.padStart(10)}${'over node'.padStart(12)}${'vs knex+tsx'.padStart(14)}`);
    for (const [name, value] of startup) {
      const ratio = name.includes('migrate') ? `${((value / tsxStatus) * 100).toFixed(0)} %` : '';
      console.log(`${name.padEnd(36)}${ms(value).padStart(10)}${(name === 'node -e 0' ? '' : `+${ms(value - floor)}`).padStart(12)}${ratio.padStart(14)}`);
    }
    console.log('');
    console.log(`${'migrate latest, 40 from empty'.padEnd(36)}${'time'.padStart(10)}`);
    console.log(`${'strata'.padEnd(36)}${ms(latest.strata).padStart(10)}`);
    console.log(`${'knex CLI + tsx'.padEnd(36)}${ms(latest.tsx).padStart(10)}`);
    console.log(`${'knex CLI + ts-node'.padEnd(36)}${ms(latest.tsNode).padStart(10)}`);
    console.log('');
    const strataBulk = bulkTimes.get('strata migrate latest (400)');
    const psqlBulk = bulkTimes.get('psql -1 (400, same DDL)');
    console.log(`${'400 migrations from empty'.padEnd(36)}${'time'.padStart(10)}${'vs psql -1'.padStart(12)}`);
    console.log(`${'strata migrate latest'.padEnd(36)}${ms(strataBulk).padStart(10)}${(psqlBulk ? `${(strataBulk / psqlBulk).toFixed(2)}×` : '').padStart(12)}`);
    console.log(`${'psql -1, same DDL'.padEnd(36)}${(psqlBulk ? ms(psqlBulk) : 'no psql here').padStart(10)}`);
    const perTransaction = bulkTimes.get('psql, a transaction per migration');
    if (perTransaction) console.log(`${'psql, a transaction per migration'.padEnd(36)}${ms(perTransaction).padStart(10)}${`${(perTransaction / psqlBulk).toFixed(2)}×`.padStart(12)}`);
    const sends = bulkTimes.get('psql, all strata sends');
    if (sends) {
      console.log(`${'psql, all strata sends (+ history)'.padEnd(36)}${ms(sends).padStart(10)}${`${(sends / psqlBulk).toFixed(2)}×`.padStart(12)}`);
      console.log('');
      console.log(`where strata's time goes, 400 migrations: server ${ms(sends)} (DDL ${ms(psqlBulk)}, a transaction each ${ms(perTransaction - psqlBulk)}, history rows ${ms(sends - perTransaction)}), client ${ms(strataBulk - sends)} (${((strataBulk - sends) / 400).toFixed(2)} ms a migration: start-up, loading the files, Knex)`);
    }
  } finally {
    for (const name of ['warm', 'strata', 'tsx', 'ts_node', 'bulk', 'psql']) await queryRows(serverUrl, `DROP DATABASE IF EXISTS strata_bench_${name} WITH (FORCE)`).catch(() => undefined);
    server?.destroy();
  }
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});

#!/usr/bin/env node
'use strict';
/**
 * pnpm bench (in packages/petlab) — do the P0 ALTERs of live tables really stay out of the
 * writers' way? A benchmark script, not a test: it prints figures for the README.
 *
 * 1. A scratch database is migrated to the baseline only (`strata migrate to …_baseline`), and the
 *    8 old tables are loaded by COPY: BENCH_BOOKINGS bookings (default 1,000,000), as many booking
 *    items, 1 owner and 1 address per 10 bookings, 50 tests; then VACUUM ANALYZE.
 * 2. A writer inserts bookings continuously — one booking with one item per transaction, on its own
 *    connection, as the app does — and records the latency of every insert.
 * 3. mode `online` (default): the real strata runner applies P0, P1 and P2 (`strata migrate latest`)
 *    while the writer runs. mode `naive`: the same P0 changes of bookings and booking_items written
 *    the way the seed's Alembic sketch would (inline foreign keys and checks, plain CREATE INDEX,
 *    one transaction), for comparison.
 * 4. It reports the migration's wall time (and each migration's, from the runner) and the writer's
 *    latencies before and during the migration: median, p99 and worst wait, and which migration
 *    was running at the worst wait.
 *
 * Server: BENCH_URL (a maintenance URL, e.g. postgres://postgres@127.0.0.1:5432/postgres), else
 * DATABASE_URL, else 127.0.0.1:5432; BENCH_PG=<major> uses the checkout's embedded server of that
 * major instead (started for the run unless it is already running).
 * Options: BENCH_BOOKINGS, BENCH_MODE=online|naive, BENCH_KEEP=1 keeps the database.
 *
 *   cd packages/petlab && pnpm bench
 *   BENCH_MODE=naive pnpm bench
 *   BENCH_PG=18 pnpm bench
 */
const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const path = require('node:path');
const { Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const ROOT = path.resolve(PACKAGE_DIR, '../..');
const STRATA = path.join(ROOT, 'packages/core/bin/strata.js');
const BASELINE = '20250601000100_baseline';
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1_000_000);
const OWNERS = Math.max(1, Math.floor(BOOKINGS / 10));
const TESTS = 50;
const MODE = process.env.BENCH_MODE ?? 'online';
const CHUNK = 20_000;
/** How long the writer runs alone before the migration starts, and after it ends. */
const CALM_MS = 3000;

if (!['online', 'naive'].includes(MODE)) fail(`BENCH_MODE must be online or naive (got ${MODE})`);
if (!Number.isInteger(BOOKINGS) || BOOKINGS < 1) fail(`BENCH_BOOKINGS must be a positive integer (got ${process.env.BENCH_BOOKINGS})`);

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The environment of the CLI: --url names the database, so the package's own variable must not. */
function cliEnv() {
  const env = { ...process.env };
  delete env.PETLAB_DATABASE_URL;
  return env;
}

/** The real strata CLI, synchronously (setup steps). */
function strataSync(args, cwd = PACKAGE_DIR) {
  const result = spawnSync(process.execPath, [STRATA, ...args], { cwd, encoding: 'utf8', env: cliEnv() });
  if (result.status !== 0) throw new Error(`strata ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout.trim();
}

/** Server maintenance URL, and how to release it afterwards. */
function pickServer() {
  if (process.env.BENCH_PG) {
    const major = process.env.BENCH_PG;
    const status = spawnSync(process.execPath, [STRATA, 'db', 'status', '--pg', major], { cwd: ROOT, encoding: 'utf8' });
    const wasRunning = status.status === 0;
    if (!wasRunning) strataSync(['db', 'start', '--pg', major], ROOT);
    return { url: strataSync(['db', 'url', '--pg', major], ROOT), label: `embedded PostgreSQL ${major}`, release: () => !wasRunning && strataSync(['db', 'stop', '--pg', major], ROOT) };
  }
  const url = process.env.BENCH_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  return { url, label: url.replace(/:[^:@/]*@/, ':***@'), release: () => undefined };
}

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(url, sql) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A time-ordered id like strata_uuidv7(): 48-bit milliseconds, version 7, variant, random. */
function uuidv7(ms) {
  const random = randomBytes(10);
  random[0] = (random[0] & 0x0f) | 0x70;
  random[2] = (random[2] & 0x3f) | 0x80;
  const hex = ms.toString(16).padStart(12, '0') + random.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** COPY `table (columns)` FROM STDIN of the tab-separated rows `row(i)` for i < count. */
async function copy(client, table, columns, count, row) {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  async function* lines() {
    for (let start = 0; start < count; start += CHUNK) {
      let text = '';
      for (let i = start; i < Math.min(count, start + CHUNK); i++) text += `${row(i).join('\t')}\n`;
      yield text;
    }
  }
  await pipeline(Readable.from(lines()), stream);
}

const STATUSES = ['pending', 'confirmed', 'sample_collected', 'processing', 'completed', 'cancelled'];

async function loadBaseline(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  const epoch = Date.parse('2024-01-01T00:00:00Z');
  const userIds = Array.from({ length: OWNERS }, (_, i) => uuidv7(epoch + i));
  const addressIds = Array.from({ length: OWNERS }, (_, i) => uuidv7(epoch + i));
  const testIds = Array.from({ length: TESTS }, (_, i) => uuidv7(epoch + i));
  const categoryIds = Array.from({ length: 5 }, (_, i) => uuidv7(epoch + i));
  try {
    await copy(client, 'test_categories', ['id', 'name', 'slug', 'sort_order'], 5, (i) => [categoryIds[i], `Category ${i}`, `category-${i}`, i]);
    await copy(client, 'tests', ['id', 'category_id', 'code', 'name', 'price'], TESTS, (i) => [testIds[i], categoryIds[i % 5], `T-${i}`, `Test ${i}`, 200 + 50 * i]);
    await copy(client, 'users', ['id', 'phone', 'full_name'], OWNERS, (i) => [userIds[i], `+91${7000000000 + i}`, `Owner ${i}`]);
    await copy(client, 'addresses', ['id', 'user_id', 'line1', 'city', 'state', 'postal_code', 'latitude', 'longitude', 'is_default'], OWNERS, (i) => [
      addressIds[i], userIds[i], `${i} MG Road`, 'Bengaluru', 'Karnataka', '560001', (12.8 + (i % 4000) / 10000).toFixed(6), (77.5 + (i % 3000) / 10000).toFixed(6), 't',
    ]);
    const bookingIds = new Array(BOOKINGS);
    const scheduled = (i) => new Date(epoch + i * 60_000).toISOString();
    await copy(client, 'bookings', ['id', 'booking_number', 'user_id', 'address_id', 'collection_type', 'status', 'scheduled_at', 'total_amount', 'payment_status'], BOOKINGS, (i) => {
      bookingIds[i] = uuidv7(epoch + i * 60_000);
      const owner = i % OWNERS;
      return [bookingIds[i], `BK${String(i).padStart(9, '0')}`, userIds[owner], addressIds[owner], 'home_visit', STATUSES[i % 6], scheduled(i), 650 + (i % 20) * 50, i % 3 ? 'paid' : 'unpaid'];
    });
    await copy(client, 'booking_items', ['id', 'booking_id', 'test_id'], BOOKINGS, (i) => [uuidv7(epoch + i * 60_000), bookingIds[i], testIds[i % TESTS]]);
    await client.query('VACUUM ANALYZE');
    return { userIds, addressIds, testIds };
  } finally {
    await client.end();
  }
}

/** Inserts one booking with one item per transaction until stopped; every latency with its start time. */
function startWriter(url, ids) {
  const samples = [];
  let stopped = false;
  let failure;
  const done = (async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    let i = 0;
    try {
      while (!stopped) {
        const owner = i % ids.userIds.length;
        const started = now();
        await client.query(
          `WITH b AS (INSERT INTO bookings (booking_number, user_id, address_id, scheduled_at, total_amount) VALUES ($1, $2, $3, now() + interval '1 day', 650) RETURNING id)
           INSERT INTO booking_items (booking_id, test_id) SELECT id, $4 FROM b`,
          [`WR${String(i).padStart(9, '0')}`, ids.userIds[owner], ids.addressIds[owner], ids.testIds[i % ids.testIds.length]],
        );
        samples.push({ at: started, ms: now() - started });
        i++;
      }
    } catch (error) {
      failure = error;
    } finally {
      await client.end();
    }
  })();
  return {
    samples,
    async stop() {
      stopped = true;
      await done;
      if (failure) throw new Error(`the writer failed: ${failure.message}`);
    },
  };
}

/** `strata migrate latest` through the real CLI, recording when each migration's line arrives. */
function migrateLatest(url) {
  return new Promise((resolve, reject) => {
    const started = now();
    const steps = [];
    const child = spawn(process.execPath, [STRATA, 'migrate', 'latest', '--url', url], { cwd: PACKAGE_DIR, env: cliEnv() });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      for (const match of String(chunk).matchAll(/↑ (\S+) \((\d+) ms\)/g)) steps.push({ name: match[1], ms: Number(match[2]), endedAt: now() });
    });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ started, ended: now(), steps }) : reject(new Error(`strata migrate latest exited ${code}:\n${stderr}`))));
  });
}

/** The seed's way, for comparison: inline keys and checks, plain indexes, one transaction. */
const NAIVE_P0 = `
BEGIN;
CREATE TABLE staff (id uuid PRIMARY KEY DEFAULT strata_uuidv7(), full_name text NOT NULL);
CREATE TABLE pets (id uuid PRIMARY KEY DEFAULT strata_uuidv7(), user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE, name text NOT NULL);
CREATE INDEX ix_pets_user_id ON pets (user_id);
ALTER TABLE bookings
  ADD COLUMN pet_id uuid REFERENCES pets (id) ON DELETE CASCADE,
  ADD COLUMN collection_staff_id uuid REFERENCES staff (id),
  ADD COLUMN notes text,
  ADD COLUMN estimated_distance_km numeric(7,2) CHECK (estimated_distance_km >= 0);
CREATE INDEX ix_bookings_pet_id ON bookings (pet_id);
CREATE INDEX ix_bookings_collection_staff_id ON bookings (collection_staff_id);
ALTER TABLE booking_items
  ADD COLUMN quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
  ADD COLUMN unit_price numeric(19,4) CHECK (unit_price >= 0),
  ADD COLUMN status varchar(20) NOT NULL DEFAULT 'pending';
COMMIT;`;

async function migrateNaive(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const started = now();
    await client.query(NAIVE_P0);
    const ended = now();
    return { started, ended, steps: [{ name: 'naive P0 (one transaction)', ms: ended - started, endedAt: ended }] };
  } finally {
    await client.end();
  }
}

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function describeLatencies(label, samples) {
  const ms = samples.map((s) => s.ms);
  const fmt = (v) => `${v.toFixed(1)} ms`;
  return `${label.padEnd(26)}${String(ms.length).padStart(8)} inserts   median ${fmt(percentile(ms, 50)).padStart(9)}   p99 ${fmt(percentile(ms, 99)).padStart(9)}   worst ${fmt(Math.max(...ms)).padStart(10)}`;
}

async function main() {
  const server = pickServer();
  const database = `petlab_bench_${process.pid}`;
  const url = withDatabase(server.url, database);
  const version = (await admin(server.url, 'SHOW server_version'))[0].server_version;
  let keep = false;
  try {
    await admin(server.url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin(server.url, `CREATE DATABASE ${database}`);
    console.log(`petlab online-ALTER bench: ${server.label} (PostgreSQL ${version}), mode ${MODE}, ${BOOKINGS.toLocaleString('en')} bookings`);

    strataSync(['migrate', 'to', BASELINE, '--url', url]);
    const loadStarted = now();
    const ids = await loadBaseline(url);
    const sizes = await admin(url, `SELECT pg_size_pretty(pg_total_relation_size('bookings')) AS bookings, pg_size_pretty(pg_total_relation_size('booking_items')) AS items`);
    console.log(`baseline loaded by COPY in ${seconds(now() - loadStarted)}: ${BOOKINGS.toLocaleString('en')} bookings (${sizes[0].bookings}), ${BOOKINGS.toLocaleString('en')} booking_items (${sizes[0].items}), ${OWNERS.toLocaleString('en')} owners and addresses, ${TESTS} tests`);

    const writer = startWriter(url, ids);
    await new Promise((resolve) => setTimeout(resolve, CALM_MS));
    const run = MODE === 'online' ? await migrateLatest(url) : await migrateNaive(url);
    await new Promise((resolve) => setTimeout(resolve, CALM_MS));
    await writer.stop();

    const before = writer.samples.filter((s) => s.at < run.started);
    // An insert that was waiting when the migration started or ended counts as during.
    const during = writer.samples.filter((s) => s.at + s.ms >= run.started && s.at <= run.ended);
    const after = writer.samples.filter((s) => s.at > run.ended);
    const worst = during.reduce((a, b) => (b.ms > a.ms ? b : a), during[0] ?? { at: run.started, ms: 0 });
    const running = run.steps.find((step) => step.endedAt >= worst.at + worst.ms) ?? run.steps.find((step) => step.endedAt >= worst.at);

    console.log(`migration (${MODE === 'online' ? 'strata migrate latest: P0, P1, P2' : 'naive P0 SQL'}): ${seconds(run.ended - run.started)} wall, ${run.steps.length} migration(s)`);
    for (const step of [...run.steps].sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`  ${String(Math.round(step.ms)).padStart(7)} ms  ${step.name}`);
    console.log('writer (one booking + one item per transaction):');
    console.log(`  ${describeLatencies('before the migration', before)}`);
    console.log(`  ${describeLatencies('during the migration', during)}`);
    console.log(`  ${describeLatencies('after the migration', after)}`);
    console.log(`  worst wait ${worst.ms.toFixed(1)} ms, while ${running ? running.name : 'the migration'} ran`);
    keep = process.env.BENCH_KEEP === '1';
    if (keep) console.log(`kept database ${database}`);
  } finally {
    if (!keep) await admin(server.url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    server.release();
  }
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});

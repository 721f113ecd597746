import { spawn } from 'node:child_process';
import { createTestDatabase, queryRows, runCli, STRATA_BIN, testServers, type TestDatabase } from '../../src/testing';
import { createTable, migrationFolder } from './fixtures';


describe.each(testServers())('runner lock ($label)', (server) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(server, 'lock');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('8 concurrent runs apply each migration exactly once and all exit 0', async () => {
    const dir = migrationFolder({
      '20240101000000_a.ts': createTable('alpha', `await knex.raw('SELECT pg_sleep(0.3)');`),
      '20240102000000_b.ts': createTable('beta', `await knex('beta').insert({ name: 'once' });`),
      '20240103000000_c.ts': createTable('gamma'),
    });
    const runs = await Promise.all(Array.from({ length: 8 }, () => runCli(['migrate', 'latest', '--migrations', dir, '--url', db.url])));
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(runs.filter((run) => run.stdout.includes('batch 1 applied 3 migration(s)'))).toHaveLength(1);
    expect(runs.filter((run) => run.stdout.includes('already up to date'))).toHaveLength(7);
    expect(await queryRows(db.url, 'SELECT name FROM knex_migrations')).toHaveLength(3);
    expect(await queryRows(db.url, 'SELECT name FROM beta')).toHaveLength(1);
  });

  it('kill -9 in the middle of a migration leaves no partial schema and no lock; the next run completes', async () => {
    const dir = migrationFolder({
      '20240101000000_a.ts': createTable('alpha'),
      '20240102000000_slow.ts': createTable('slow', `await knex.raw('SELECT pg_sleep(30)');`),
    });
    const child = spawn(process.execPath, [STRATA_BIN, 'migrate', 'latest', '--migrations', dir, '--url', db.url], { stdio: 'ignore' });
    // Wait until the slow migration is sleeping inside its transaction.
    for (let i = 0; i < 200; i++) {
      const sleeping = await queryRows(db.url, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()`);
      if (sleeping.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // The server notices the dead client (client_connection_check_interval): lock and transaction go with it.
    for (let i = 0; i < 100; i++) {
      const locks = await queryRows(db.url, `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
      if (locks.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await queryRows(db.url, `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)).toHaveLength(0);
    expect(await queryRows(db.url, `SELECT tablename FROM pg_tables WHERE tablename = 'slow'`)).toHaveLength(0);
    expect((await queryRows<{ name: string }>(db.url, 'SELECT name FROM knex_migrations')).map((r) => r.name)).toEqual(['20240101000000_a.ts']);

    const fast = migrationFolder({ '20240101000000_a.ts': createTable('alpha'), '20240102000000_slow.ts': createTable('slow') });
    const next = await runCli(['migrate', 'latest', '--migrations', fast, '--url', db.url, '--lock-timeout', '5']);
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('batch 2 applied 1 migration(s)');
  });
});

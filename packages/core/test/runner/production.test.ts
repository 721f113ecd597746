import { Client } from 'pg';
import { createTestDatabase, runCli, testServers, type TestDatabase } from '../../src/testing';
import { createTable, migrationFolder } from './fixtures';

async function tableExists(url: string, table: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SELECT to_regclass($1) AS t`, [table])).rows[0].t !== null;
  } finally {
    await client.end();
  }
}

describe.each(testServers())('rollbacks on production ($label)', (server) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(server, 'prod');
  });
  afterEach(async () => {
    await db.drop();
  });
  const production = { STRATA_ENV: 'production' };

  it('refuses a down() that destroys data, changing nothing, unless --allow-data-loss', async () => {
    const dir = migrationFolder({ '20240101000000_a.ts': createTable('invoices') });
    const strata = (...args: string[]) => runCli(['migrate', ...args, '--migrations', dir, '--url', db.url], { env: production });
    expect((await strata('latest')).code).toBe(0);
    const refused = await strata('down');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused on production: down() of 20240101000000_a.ts would drop-table invoices — nothing was changed');
    expect(await tableExists(db.url, 'invoices')).toBe(true);
    expect((await strata('down', '--allow-data-loss')).code).toBe(0);
    expect(await tableExists(db.url, 'invoices')).toBe(false);
  });

  it('lets a down() that destroys no data through', async () => {
    const dir = migrationFolder({
      '20240101000000_a.ts': createTable('invoices'),
      '20240102000000_index.ts': `export async function up(knex: any) { await knex.raw('CREATE INDEX ix_invoices_name ON invoices (name)'); }
export async function down(knex: any) { await knex.raw('DROP INDEX ix_invoices_name'); }
`,
    });
    const strata = (...args: string[]) => runCli(['migrate', ...args, '--migrations', dir, '--url', db.url], { env: production });
    await strata('latest');
    expect((await strata('down')).code).toBe(0);
    expect(await tableExists(db.url, 'ix_invoices_name')).toBe(false);
  });
});

import { Client } from 'pg';
import { createTestDatabase, testServers } from '../src/testing';

describe.each(testServers())('test servers ($label)', (server) => {
  it('creates and drops a throwaway database', async () => {
    const db = await createTestDatabase(server);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.end();
    expect(rows[0]?.db).toBe(db.name);
    await db.drop();
  });
});

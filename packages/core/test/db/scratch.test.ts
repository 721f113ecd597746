/**
 * Scratch databases under interruption: Ctrl-C while one is being created must still drop it.
 * (A check interrupted while its no-trace step was creating its database left it behind.)
 */
import { queryRows, testServers } from '../../src/testing';

const databasesLike = async (serverUrl: string, prefix: string) =>
  (await queryRows<{ datname: string }>(serverUrl, 'SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix])).map((r) => r.datname);

describe.each(testServers())('scratch databases ($label)', (server) => {
  // An interruption is final for a process: each case gets the module fresh.
  let scratch: typeof import('../../src/db/scratch');
  beforeEach(() => {
    jest.resetModules();
    scratch = require('../../src/db/scratch');
  });

  it('an interruption during CREATE DATABASE waits for it and drops what it made', async () => {
    const prefix = `strata_test_inflight_${process.pid}_`;
    let settled = false;
    // Not awaited: the interruption comes while the creation is under way.
    const creation = scratch.createScratchDatabase(server.url, 'inflight', { prefix }).finally(() => {
      settled = true;
    });
    creation.catch(() => undefined);
    await scratch.dropLiveScratchDatabases(20_000);
    expect(settled).toBe(true);
    await expect(creation).rejects.toThrow('interrupted');
    expect(await databasesLike(server.url, prefix)).toEqual([]);
    await expect(scratch.createScratchDatabase(server.url, 'after', { prefix })).rejects.toThrow('interrupted: no new scratch database is created');
  });
});

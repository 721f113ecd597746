/**
 * @strata/commerce on real PostgreSQL (the embedded server and the local one): the real CLI
 * migrates to the committed schema.snapshot, seeds are idempotent, rollback leaves nothing.
 */
import path from 'node:path';
import type { Knex } from 'knex';
import { connect } from '@strata/core';
import { committedSchema, createTestDatabase, dump, liveSchema, ownTables, packageCli, testServers, type TestDatabase } from '@strata/core/testing';

const PACKAGE_DIR = path.resolve(__dirname, '..');
const { strataOk } = packageCli(PACKAGE_DIR);

describe.each(testServers())('commerce ($label)', (server) => {
  let db: TestDatabase;
  let knex: Knex;

  beforeAll(async () => {
    db = await createTestDatabase(server, 'commerce');
    await strataOk(db.url, ['migrate', 'latest']);
    knex = connect(db.url);
  });

  afterAll(async () => {
    await knex?.destroy();
    await db?.drop();
  });

  it('migrates to exactly the committed schema.snapshot', async () => {
    expect(await liveSchema(knex)).toEqual(committedSchema(PACKAGE_DIR));
  });

  it('seeds reference and demo data, and a rerun changes no row', async () => {
    await strataOk(db.url, ['seed', 'run', '--profile', 'demo']);
    const tables = await ownTables(knex);
    const before = await dump(knex, tables);
    await strataOk(db.url, ['seed', 'run', '--profile', 'demo', '--rerun']);
    expect(await dump(knex, tables)).toBe(before);
    await strataOk(db.url, ['seed', 'undo']);
  });

  it('rolls every migration back, leaving nothing', async () => {
    await strataOk(db.url, ['migrate', 'rollback', '--every-batch']);
    expect(await liveSchema(knex)).toEqual([]);
  });
});

/**
 * The online-DDL kit on real PostgreSQL: what makes a change of a live table safe to run and to
 * rerun — NOT VALID then VALIDATE, CONCURRENTLY with INVALID-index repair, lock_timeout.
 */
import knexFactory, { type Knex } from 'knex';
import { Client } from 'pg';
import { StrataError } from '../src/errors';
import {
  addConstraintNotValid,
  attachUniqueConstraint,
  buildIndexConcurrently,
  constraintState,
  dropIndexConcurrently,
  indexState,
  limitLockWait,
  refuseDuplicates,
  refuseViolations,
  unvalidateConstraint,
  validateConstraint,
} from '../src/tables';
import { createTestDatabase, pgError, PgErrorCode, testServers, type TestDatabase } from '../src/testing';

describe.each(testServers())('online DDL ($label)', (server) => {
  let db: TestDatabase;
  let knex: Knex;

  beforeAll(async () => {
    db = await createTestDatabase(server, 'online');
    knex = knexFactory({ client: 'pg', connection: db.url, pool: { min: 0, max: 2 } });
  });
  afterAll(async () => {
    await knex.destroy();
    await db.drop();
  });
  beforeEach(async () => {
    await knex.raw('DROP TABLE IF EXISTS accounts');
    await knex.raw('CREATE TABLE accounts (id int PRIMARY KEY, code text, credit int)');
    await knex('accounts').insert([
      { id: 1, code: 'a', credit: 10 },
      { id: 2, code: 'a', credit: -5 },
      { id: 3, code: 'b', credit: 0 },
    ]);
  });

  it('a failed concurrent build leaves an INVALID index; the rerun drops and rebuilds it', async () => {
    const index = { name: 'uq_accounts_code', table: 'accounts', columns: ['code'], unique: true };
    expect((await pgError(buildIndexConcurrently(knex, index))).code).toBe(PgErrorCode.unique);
    expect(await indexState(knex, index.name)).toBe('invalid');
    await knex('accounts').where({ id: 2 }).update({ code: 'c' });
    await buildIndexConcurrently(knex, index);
    expect(await indexState(knex, index.name)).toBe('valid');
    await buildIndexConcurrently(knex, index); // done: nothing to do
    await attachUniqueConstraint(knex, 'accounts', index.name);
    expect(await constraintState(knex, 'accounts', index.name)).toEqual({ type: 'u', validated: true });
    await attachUniqueConstraint(knex, 'accounts', index.name); // rerun: skipped
  });

  it('NOT VALID checks new rows only; VALIDATE fails on old ones until they are fixed; unvalidate undoes it', async () => {
    const check = 'ck_accounts_credit_not_negative';
    await addConstraintNotValid(knex, 'accounts', check, 'CHECK (credit >= 0)');
    await addConstraintNotValid(knex, 'accounts', check, 'CHECK (credit >= 0)'); // rerun: skipped
    expect(await constraintState(knex, 'accounts', check)).toEqual({ type: 'c', validated: false });
    expect(await pgError(knex('accounts').insert({ id: 4, credit: -1 }))).toMatchObject({ code: PgErrorCode.check, constraint: check });
    expect((await pgError(validateConstraint(knex, 'accounts', check))).message).toContain(check);
    expect(await constraintState(knex, 'accounts', check)).toEqual({ type: 'c', validated: false });
    await knex('accounts').where({ id: 2 }).update({ credit: 0 });
    await validateConstraint(knex, 'accounts', check);
    expect(await constraintState(knex, 'accounts', check)).toEqual({ type: 'c', validated: true });
    await unvalidateConstraint(knex, 'accounts', check);
    expect(await constraintState(knex, 'accounts', check)).toEqual({ type: 'c', validated: false });
  });

  it('validating a constraint that was never added says so', async () => {
    await expect(validateConstraint(knex, 'accounts', 'ck_accounts_missing')).rejects.toThrow(
      new StrataError('cannot validate accounts.ck_accounts_missing: the constraint does not exist (add it NOT VALID first)'),
    );
  });

  it('inside the migration transaction a change is part of it; outside, each change commits on its own', async () => {
    const check = 'ck_accounts_id_positive';
    await knex
      .transaction(async (trx) => {
        await limitLockWait(trx);
        await addConstraintNotValid(trx, 'accounts', check, 'CHECK (id > 0)');
        throw new Error('the migration fails after it');
      })
      .catch(() => undefined);
    expect(await constraintState(knex, 'accounts', check)).toBeUndefined();
    await addConstraintNotValid(knex, 'accounts', check, 'CHECK (id > 0)');
    await expect(knex.raw('SELECT 1/0')).rejects.toThrow('division by zero');
    expect(await constraintState(knex, 'accounts', check)).toEqual({ type: 'c', validated: false });
  });

  it('a catalog change queued behind a long query gives up after the lock timeout, changing nothing', async () => {
    const reader = new Client({ connectionString: db.url });
    await reader.connect();
    try {
      await reader.query('BEGIN');
      await reader.query('SELECT count(*) FROM accounts'); // holds ACCESS SHARE until COMMIT
      const error = await pgError(addConstraintNotValid(knex, 'accounts', 'ck_accounts_code_short', 'CHECK (length(code) < 10)'));
      expect(error.code).toBe('55P03'); // lock_not_available
      expect(await constraintState(knex, 'accounts', 'ck_accounts_code_short')).toBeUndefined();
    } finally {
      await reader.query('ROLLBACK').catch(() => undefined);
      await reader.end();
    }
  });

  it('refuses duplicates and violations up front, naming them and the remedy', async () => {
    await expect(refuseDuplicates(knex, 'accounts', 'code', 'give each account its own code')).rejects.toThrow(
      "accounts.code has 1 duplicated value(s) ('a' ×2), so it cannot be made unique: give each account its own code, then run the migration again (nothing was changed)",
    );
    await expect(refuseViolations(knex, 'accounts', 'id', 'credit >= 0', 'credit is never negative', 'settle them')).rejects.toThrow(
      "1 row(s) of accounts break the rule that credit is never negative (id '2'): settle them, then run the migration again (nothing was changed)",
    );
    await refuseDuplicates(knex, 'accounts', 'id', 'never');
  });

  it('drops an index concurrently, and a second time finds nothing to drop', async () => {
    await buildIndexConcurrently(knex, { name: 'ix_accounts_credit', table: 'accounts', columns: ['credit'] });
    await dropIndexConcurrently(knex, 'ix_accounts_credit');
    await dropIndexConcurrently(knex, 'ix_accounts_credit');
    expect(await indexState(knex, 'ix_accounts_credit')).toBe('absent');
  });
});

/** Test cases that change a shared database and leave it as it was. */
import type { Knex } from 'knex';

/**
 * Runs `body` in a transaction that is always rolled back, so each case starts from the same
 * database whatever the one before did.
 * @example await inRolledBackTransaction(knex, async (trx) => { await trx('plans').insert(plan); … });
 */
export async function inRolledBackTransaction(knex: Knex, body: (trx: Knex.Transaction) => Promise<void>): Promise<void> {
  const trx = await knex.transaction();
  try {
    await body(trx);
  } finally {
    await trx.rollback();
  }
}

/**
 * Runs `body` in a savepoint of `trx` (a nested Knex transaction): a statement refused inside it
 * rolls back to the savepoint and `trx` goes on, where it would otherwise be aborted.
 * @see https://www.postgresql.org/docs/current/sql-savepoint.html
 * @example const error = await pgError(inSavepoint(trx, (sp) => sp('plans').insert(duplicate)));
 */
export function inSavepoint<T>(trx: Knex.Transaction, body: (savepoint: Knex.Transaction) => Promise<T>): Promise<T> {
  return trx.transaction(body);
}

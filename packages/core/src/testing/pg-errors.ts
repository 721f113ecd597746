/** Provoking and reading PostgreSQL errors: the refusals a schema's constraints and triggers make. */

/** The SQLSTATE codes of the refusals schema tests assert. https://www.postgresql.org/docs/current/errcodes-appendix.html */
export const PgErrorCode = {
  /** unique_violation: a unique index or constraint. */
  unique: '23505',
  /** foreign_key_violation: no such parent, or a parent still referenced (ON DELETE NO ACTION). */
  foreignKey: '23503',
  /** check_violation: a CHECK constraint (and triggers that raise it). */
  check: '23514',
  /** exclusion_violation: an EXCLUDE constraint. */
  exclusion: '23P01',
  /** not_null_violation. */
  notNull: '23502',
} as const;
export type PgErrorCode = (typeof PgErrorCode)[keyof typeof PgErrorCode];

/**
 * The codes of a delete refused by ON DELETE RESTRICT: restrict_violation (23001) on PostgreSQL 18,
 * foreign_key_violation (23503) on the majors before it.
 * @example expect(RESTRICT_CODES).toContain((await pgError(knex('users').where({ id }).delete())).code);
 */
export const RESTRICT_CODES: readonly string[] = ['23001', '23503'];

/** What a refused statement reports: the fields of node-pg's DatabaseError a test asserts. */
export interface PgError {
  /** SQLSTATE, e.g. `23505` ({@link PgErrorCode}). */
  readonly code?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
  readonly detail?: string;
  readonly message: string;
}

/**
 * The error `action` fails with (a promise or query, or a function starting one); fails the test
 * when it succeeds. Inside a transaction, run the statement in a savepoint ({@link inSavepoint})
 * so the transaction goes on after the refusal.
 * @example
 * expect(await pgError(knex('users').insert({ email: 'A@Example.com' }))).toMatchObject({ code: PgErrorCode.check, constraint: 'ck_users_email_lower_case' });
 */
export async function pgError(action: PromiseLike<unknown> | (() => PromiseLike<unknown>)): Promise<PgError> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    return error as PgError;
  }
  throw new Error('expected the statement to be refused, but it succeeded');
}

/**
 * PostgreSQL identifiers: the 63-byte limit, deterministic shortening, quoting.
 * https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS
 */
import { createHash } from 'node:crypto';
import { StrataError } from '../errors';

/** PostgreSQL keeps at most NAMEDATALEN-1 = 63 bytes of an identifier and silently truncates the rest. */
export const MAX_IDENTIFIER_BYTES = 63;

/** Hex characters of the hash appended to a shortened name (48 bits: collisions are practically impossible). */
export const SHORT_HASH_LENGTH = 12;

/** Byte length of a name as PostgreSQL counts it (UTF-8). */
export function identifierBytes(name: string): number {
  return Buffer.byteLength(name, 'utf8');
}

/**
 * Returns `name` unchanged when it fits in 63 bytes; otherwise a readable prefix, `_` and a
 * 12-character hash of the whole name, at most 63 bytes in total. PostgreSQL would instead cut
 * the name at 63 bytes, so two long names sharing a prefix would collide (knex#1233).
 * The prefix is cut on a character boundary, so multi-byte names stay valid UTF-8.
 *
 * @example
 * shortenIdentifier('ix_orders_user_id') // 'ix_orders_user_id'
 * shortenIdentifier('fk_' + 'a'.repeat(70)) // 'fk_aaaa…aaa_<12 hex chars>' (63 bytes)
 */
export function shortenIdentifier(name: string): string {
  if (name.length === 0) throw new StrataError('identifier is empty: pass a table, column or constraint name');
  if (identifierBytes(name) <= MAX_IDENTIFIER_BYTES) return name;
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, SHORT_HASH_LENGTH);
  const budget = MAX_IDENTIFIER_BYTES - SHORT_HASH_LENGTH - 1;
  let prefix = '';
  let bytes = 0;
  for (const char of name) {
    const size = identifierBytes(char);
    if (bytes + size > budget) break;
    prefix += char;
    bytes += size;
  }
  return `${prefix.replace(/_+$/, '')}_${hash}`;
}

/** snake_case: lower-case letters, digits and single underscores, starting with a letter. */
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/**
 * True when `name` is snake_case (the convention for tables, columns, enum types and constraint names).
 * @example isSnakeCase('billing_accounts') // true
 * @example isSnakeCase('BillingAccounts') // false
 */
export function isSnakeCase(name: string): boolean {
  return SNAKE_CASE.test(name);
}

/**
 * Quotes one identifier for SQL, doubling embedded quotes.
 * @example quoteIdentifier('orders') // '"orders"'
 */
export function quoteIdentifier(name: string): string {
  if (name.length === 0) throw new StrataError('identifier is empty: pass a table, column or type name');
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Quotes a possibly schema-qualified name: `billing.orders` → `"billing"."orders"`.
 * @example quoteQualified('billing.orders') // '"billing"."orders"'
 */
export function quoteQualified(name: string): string {
  return name.split('.').map(quoteIdentifier).join('.');
}

/**
 * Quotes a string literal for SQL (standard_conforming_strings is on since PostgreSQL 9.1).
 * @example quoteLiteral("it's") // "'it''s'"
 */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The table part of a possibly schema-qualified name: constraint names are never qualified. */
export function bareName(name: string): string {
  const parts = name.split('.');
  return parts[parts.length - 1] ?? name;
}

/**
 * Convergent DDL: statements that bring ANY database to a table's shape without dropping,
 * renaming or rewriting anything, so the same migration takes an empty database, one built by
 * the superseded Alembic migrations (0004/0005/0009/0010), and one that already has everything,
 * to the same schema.
 *
 * A table is ensured in four kinds of statement, each a no-op where the object exists:
 * 1. `CREATE TABLE IF NOT EXISTS t (id …, CONSTRAINT t_pkey PRIMARY KEY (id))` — the key only;
 * 2. one `ALTER TABLE t ADD COLUMN IF NOT EXISTS …` per column, in order — every column is
 *    declared once, and a table that lacks its last columns gets them appended in the same
 *    order a fresh table has them (the snapshot compares column order too);
 * 3. a `DO` block per constraint (PostgreSQL has no `ADD CONSTRAINT IF NOT EXISTS`);
 * 4. `CREATE [UNIQUE] INDEX IF NOT EXISTS` per index.
 * The statements are static: the SQL is the same on every database, so `migrate --dry-run`
 * on an empty database shows exactly what runs anywhere.
 *
 * What they cannot do, by design: change a column that exists with another type, default or
 * nullability (`ADD COLUMN IF NOT EXISTS` skips it — a rewrite is what the additive-only policy
 * forbids); add a NOT NULL column without a default to a table that has rows (PostgreSQL refuses
 * and the migration's transaction leaves nothing behind).
 * https://www.postgresql.org/docs/current/sql-createtable.html
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
import type { Knex } from 'knex';

/**
 * PostgreSQL's reserved key words (catcode R and T of pg_get_keywords(), PostgreSQL 14–18): as
 * column or table names they must be double-quoted. The tests compare this list with the server's.
 * https://www.postgresql.org/docs/current/sql-keywords-appendix.html
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization', 'binary', 'both',
  'case', 'cast', 'check', 'collate', 'collation', 'column', 'concurrently', 'constraint', 'create', 'cross',
  'current_catalog', 'current_date', 'current_role', 'current_schema', 'current_time', 'current_timestamp',
  'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for',
  'foreign', 'freeze', 'from', 'full', 'grant', 'group', 'having', 'ilike', 'in', 'initially', 'inner', 'intersect',
  'into', 'is', 'isnull', 'join', 'lateral', 'leading', 'left', 'like', 'limit', 'localtime', 'localtimestamp',
  'natural', 'not', 'notnull', 'null', 'offset', 'on', 'only', 'or', 'order', 'outer', 'overlaps', 'placing',
  'primary', 'references', 'returning', 'right', 'select', 'session_user', 'similar', 'some', 'symmetric',
  'system_user', 'table', 'tablesample', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using',
  'variadic', 'verbose', 'when', 'where', 'window', 'with',
]);

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * An identifier as SQL: bare when PostgreSQL reads it back unchanged, double-quoted otherwise
 * (a reserved word, upper case, or other characters). Bare names keep the SQL preview readable.
 * @example ident('org_id') // 'org_id'
 * @example ident('current_date') // '"current_date"' — bare, it is the CURRENT_DATE function
 */
export function ident(name: string): string {
  if (PLAIN_IDENTIFIER.test(name) && !RESERVED_WORDS.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal (standard_conforming_strings is on since PostgreSQL 9.1). */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** One column: its name and the rest of its definition as SQL (`varchar(36) NOT NULL`). */
export interface ColumnShape {
  readonly name: string;
  /** Type, then NOT NULL / DEFAULT as PostgreSQL writes them, e.g. `plan_tier NOT NULL DEFAULT 'starter'`. */
  readonly definition: string;
}

/** A named table constraint and its definition (`UNIQUE (org_id)`, `FOREIGN KEY (…) REFERENCES …`). */
export interface ConstraintShape {
  readonly name: string;
  readonly definition: string;
}

/** A named index on plain columns. */
export interface IndexShape {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
}

/** Everything a migration ensures about one table. */
export interface TableShape {
  readonly name: string;
  /** The primary key: its constraint name and columns; its columns must come first in `columns`. */
  readonly primaryKey: { readonly name: string; readonly columns: readonly string[] };
  /** Every column, in table order. */
  readonly columns: readonly ColumnShape[];
  readonly constraints?: readonly ConstraintShape[];
  readonly indexes?: readonly IndexShape[];
}

/** `column('plan', "plan_tier NOT NULL DEFAULT 'starter'")`. */
export function column(name: string, definition: string): ColumnShape {
  return { name, definition };
}

/** `CREATE TABLE IF NOT EXISTS` with the primary key columns and constraint only. */
export function createTableSql(shape: TableShape): string {
  const keyColumns = shape.primaryKey.columns.map((name) => {
    const found = shape.columns.find((c) => c.name === name);
    if (!found) throw new Error(`table ${shape.name}: primary key column ${name} is not among its columns`);
    return found;
  });
  const lines = [
    ...keyColumns.map((c) => `    ${ident(c.name)} ${c.definition}`),
    `    CONSTRAINT ${ident(shape.primaryKey.name)} PRIMARY KEY (${shape.primaryKey.columns.map(ident).join(', ')})`,
  ];
  return `CREATE TABLE IF NOT EXISTS ${ident(shape.name)} (\n${lines.join(',\n')}\n)`;
}

/** `ALTER TABLE … ADD COLUMN IF NOT EXISTS …` for every column but the key's, in order. */
export function addColumnsSql(shape: TableShape): string | undefined {
  const added = shape.columns.filter((c) => !shape.primaryKey.columns.includes(c.name));
  if (added.length === 0) return undefined;
  return `ALTER TABLE ${ident(shape.name)}\n${added.map((c) => `    ADD COLUMN IF NOT EXISTS ${ident(c.name)} ${c.definition}`).join(',\n')}`;
}

/**
 * Adds a constraint unless the table has one of that name. PostgreSQL has no
 * `ADD CONSTRAINT IF NOT EXISTS`, hence the DO block (it reads pg_constraint, no user data).
 * https://www.postgresql.org/docs/current/sql-do.html
 */
export function addConstraintSql(table: string, constraint: ConstraintShape): string {
  return [
    'DO $$',
    'BEGIN',
    `    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = ${literal(ident(table))}::regclass AND conname = ${literal(constraint.name)}) THEN`,
    `        ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(constraint.name)} ${constraint.definition};`,
    '    END IF;',
    'END',
    '$$',
  ].join('\n');
}

/** `CREATE [UNIQUE] INDEX IF NOT EXISTS name ON table (columns)`. */
export function createIndexSql(table: string, index: IndexShape): string {
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${ident(index.name)} ON ${ident(table)} (${index.columns.map(ident).join(', ')})`;
}

/** Every statement that ensures a table, in the order they run. */
export function ensureTableSql(shape: TableShape): string[] {
  const add = addColumnsSql(shape);
  return [
    createTableSql(shape),
    ...(add ? [add] : []),
    ...(shape.constraints ?? []).map((constraint) => addConstraintSql(shape.name, constraint)),
    ...(shape.indexes ?? []).map((index) => createIndexSql(shape.name, index)),
  ];
}

/**
 * Brings the table to its shape on any database: creates what is missing, keeps every row and
 * every existing object (nothing is dropped, renamed or rewritten).
 * @example await ensureTable(knex, { name: 'coupons', primaryKey: { name: 'coupons_pkey', columns: ['id'] }, columns: [column('id', 'varchar(36) NOT NULL'), …] });
 */
export async function ensureTable(knex: Knex, shape: TableShape): Promise<void> {
  // knex.raw reads `?` as a binding placeholder: none of these statements has bindings.
  for (const sql of ensureTableSql(shape)) await knex.raw(sql.replace(/\?/g, '\\?'));
}

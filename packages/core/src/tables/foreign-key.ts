/**
 * Foreign keys by convention: named `fk_<table>_<column>`, always indexed (`ix_<table>_<column>`),
 * with an explicit ON DELETE choice.
 * https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-FK
 */
import type { Knex } from 'knex';
import { StrataError } from '../errors';
import { fkName, ixName } from '../naming/names';

/** What happens to referencing rows when the referenced row is deleted. No default on purpose. */
export const OnDelete = {
  /** Delete the referencing rows too. */
  cascade: 'CASCADE',
  /** Refuse the delete while referencing rows exist (checked immediately). */
  restrict: 'RESTRICT',
  /** Set the column to NULL (the column must be nullable). */
  'set null': 'SET NULL',
  /** Refuse the delete at the end of the statement (deferrable). */
  'no action': 'NO ACTION',
} as const;
export type OnDelete = keyof typeof OnDelete;

/** Options of {@link foreignKey}. */
export interface ForeignKeyOptions {
  /** `'users'` (→ `users.id`) or `'users.id'`; a schema-qualified table needs the column: `'auth.users.id'`. */
  readonly references: string;
  /** Required: the choice is part of the data model, never a silent default. */
  readonly onDelete: OnDelete;
  /** Default false: the column is NOT NULL. */
  readonly nullable?: boolean;
  /** Column type, default `uuid`; e.g. `'char(3)'` for a reference to a code table. */
  readonly type?: string;
  /**
   * Default true: add `ix_<table>_<column>`. Pass false only when another index of the table
   * already leads with the column (a unique one for a one-to-one, say) — the schema lint's
   * `foreign-key-index` rule still checks that one exists.
   */
  readonly index?: boolean;
  /** ON UPDATE of the referenced key; default NO ACTION (keys are not updated). */
  readonly onUpdate?: OnDelete;
}

/** Splits `'users'` / `'users.id'` / `'auth.users.id'` into table and column. */
export function parseReference(references: string): { table: string; column: string } {
  const parts = references.split('.');
  if (parts.some((part) => part.length === 0)) {
    throw new StrataError(`foreign key reference '${references}' is malformed: use 'table' or 'table.column'`);
  }
  if (parts.length === 1) return { table: references, column: 'id' };
  return { table: parts.slice(0, -1).join('.'), column: parts[parts.length - 1] as string };
}

/**
 * Adds column `column` (uuid unless `type` says otherwise), constraint `fk_<table>_<column>`
 * and index `ix_<table>_<column>` — PostgreSQL does not index referencing columns by itself,
 * and deletes on the parent scan the child without one.
 * @example
 * foreignKey(t, 'orders', 'user_id', { references: 'users', onDelete: 'cascade' })
 * // "user_id" uuid not null
 * // alter table "orders" add constraint "fk_orders_user_id" foreign key ("user_id") references "users" ("id") on delete CASCADE
 * // create index "ix_orders_user_id" on "orders" ("user_id")
 */
export function foreignKey(t: Knex.TableBuilder, table: string, column: string, options: ForeignKeyOptions): Knex.ColumnBuilder {
  const where = `foreign key ${table}.${column}`;
  if (!options || typeof options.references !== 'string') {
    throw new StrataError(`${where} needs options.references ('table' or 'table.column')`);
  }
  if (!options.onDelete || !Object.hasOwn(OnDelete, options.onDelete)) {
    throw new StrataError(`${where} needs options.onDelete: one of ${Object.keys(OnDelete).map((k) => `'${k}'`).join(', ')} (there is no default on purpose)`);
  }
  const nullable = options.nullable ?? false;
  if (options.onDelete === 'set null' && !nullable) {
    throw new StrataError(`${where} uses onDelete 'set null' on a NOT NULL column: pass nullable: true or choose another onDelete`);
  }
  const target = parseReference(options.references);
  const builder = options.type ? t.specificType(column, options.type) : t.uuid(column);
  if (nullable) builder.nullable();
  else builder.notNullable();
  const constraint = t.foreign(column, fkName(table, column)).references(target.column).inTable(target.table).onDelete(OnDelete[options.onDelete]);
  if (options.onUpdate) constraint.onUpdate(OnDelete[options.onUpdate]);
  if (options.index !== false) t.index([column], ixName(table, [column]));
  return builder;
}

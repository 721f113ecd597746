/**
 * Constraint, index and trigger names by convention — the one place they are built.
 * Every builder shortens names longer than 63 bytes with {@link shortenIdentifier}.
 */
import { StrataError } from '../errors';
import { bareName, shortenIdentifier } from './identifier';

/** Prefix of each kind of name. */
export const NamePrefix = {
  /** Primary key constraint: `pk_<table>`. */
  primaryKey: 'pk',
  /** Foreign key constraint: `fk_<table>_<column>`. */
  foreignKey: 'fk',
  /** Non-unique index: `ix_<table>_<col1>_<col2>`. */
  index: 'ix',
  /** Unique constraint or unique index: `uq_<table>_<cols>`. */
  unique: 'uq',
  /** Check constraint: `ck_<table>_<name>`. */
  check: 'ck',
  /** Trigger: `trg_<table>_<name>`. */
  trigger: 'trg',
} as const;
export type NamePrefix = (typeof NamePrefix)[keyof typeof NamePrefix];

function build(prefix: NamePrefix, table: string, parts: readonly string[]): string {
  if (table.length === 0) throw new StrataError(`${prefix}_ name needs a table name: pass the table the constraint belongs to`);
  for (const part of parts) {
    if (part.length === 0) throw new StrataError(`${prefix}_ name for table ${table} has an empty column or name part`);
  }
  return shortenIdentifier([prefix, bareName(table), ...parts].join('_'));
}

function columnList(columns: string | readonly string[], kind: string, table: string): readonly string[] {
  const list = typeof columns === 'string' ? [columns] : columns;
  if (list.length === 0) throw new StrataError(`${kind} name for table ${table} needs at least one column`);
  return list;
}

/**
 * Primary key constraint name.
 * @example pkName('orders') // 'pk_orders'
 */
export function pkName(table: string): string {
  return build(NamePrefix.primaryKey, table, []);
}

/**
 * Foreign key constraint name.
 * @example fkName('orders', 'user_id') // 'fk_orders_user_id'
 */
export function fkName(table: string, column: string): string {
  return build(NamePrefix.foreignKey, table, [column]);
}

/**
 * Index name.
 * @example ixName('orders', ['user_id', 'created_at']) // 'ix_orders_user_id_created_at'
 */
export function ixName(table: string, columns: string | readonly string[]): string {
  return build(NamePrefix.index, table, columnList(columns, 'ix_', table));
}

/**
 * Unique constraint (or unique index) name.
 * @example uqName('payments', ['provider', 'external_id']) // 'uq_payments_provider_external_id'
 */
export function uqName(table: string, columns: string | readonly string[]): string {
  return build(NamePrefix.unique, table, columnList(columns, 'uq_', table));
}

/**
 * Check constraint name; `name` says what is checked.
 * @example ckName('invoices', 'amount_positive') // 'ck_invoices_amount_positive'
 */
export function ckName(table: string, name: string): string {
  return build(NamePrefix.check, table, [name]);
}

/**
 * Trigger name; `name` says what the trigger does.
 * @example triggerName('orders', 'updated_at') // 'trg_orders_updated_at'
 */
export function triggerName(table: string, name: string): string {
  return build(NamePrefix.trigger, table, [name]);
}

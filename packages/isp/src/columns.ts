/** Column helpers beside core's, for the shapes this schema needs more than once. */
import type { Knex } from 'knex';
import { fkName, OnDelete, parseReference } from '@strata/core';

/**
 * Like core's `foreignKey()` but without its own index, for a column that a unique index of the
 * same table already leads with (`uq_x_customer_id_…`): a second index on the column alone would
 * only cost writes. `strata lint --schema` (foreign-key-index) fails the package if no index
 * covers the key, so this cannot leave a foreign key unindexed by mistake.
 * @example foreignKeyCovered(t, 'internet_services', 'service_id', { references: 'services', onDelete: 'cascade' });
 */
export function foreignKeyCovered(
  t: Knex.TableBuilder,
  table: string,
  column: string,
  options: { references: string; onDelete: OnDelete; nullable?: boolean; type?: string },
): Knex.ColumnBuilder {
  const target = parseReference(options.references);
  const builder = options.type ? t.specificType(column, options.type) : t.uuid(column);
  if (options.nullable) builder.nullable();
  else builder.notNullable();
  t.foreign(column, fkName(table, column)).references(target.column).inTable(target.table).onDelete(OnDelete[options.onDelete]);
  return builder;
}

/**
 * A composite foreign key `(columns) → target(targetColumns)` named `fk_<table>_<col1>_<col2>`
 * (the name `strata lint --schema` expects), with ON DELETE and ON UPDATE. Used where a copied
 * column lets a plain constraint enforce a cross-table rule: an address carries its prefix's
 * network (`CHECK address <<= prefix`), a service its plan's type. ON UPDATE CASCADE keeps the
 * copy in step with its source. Add the covering index yourself (a unique key usually is one).
 * @example compositeForeignKey(t, 'ip_addresses', ['prefix_id', 'prefix'], 'ip_prefixes', ['id', 'prefix'], 'restrict', 'cascade');
 */
export function compositeForeignKey(
  t: Knex.TableBuilder,
  table: string,
  columns: readonly string[],
  target: string,
  targetColumns: readonly string[],
  onDelete: OnDelete,
  onUpdate: OnDelete = 'no action',
): void {
  t.foreign([...columns], fkName(table, columns.join('_')))
    .references([...targetColumns])
    .inTable(target)
    .onDelete(OnDelete[onDelete])
    .onUpdate(OnDelete[onUpdate]);
}

/** Rules for changes that break code already running against the database (old releases, replicas, jobs). */
import type { ColumnDef } from 'libpg-query';
import { alterCommands, columnConstraints, namesOf, relationOf, splitName } from '../ast';
import { resolveName } from '../catalog';
import { displayName, existingTable, type Rule, type StatementContext } from './types';

const SQUAWK = 'https://squawkhq.com/docs/';

export const renameTable: Rule = {
  id: 'rename-table',
  severity: 'error',
  destructive: false,
  fix: 'Create the new table (or a view under the new name), move readers and writers in a release, then drop the old name later.',
  anchor: `${SQUAWK}renaming-table`,
  check(statement, context) {
    if (statement.kind !== 'RenameStmt' || statement.node.renameType !== 'OBJECT_TABLE') return [];
    const relation = relationOf(statement.node.relation);
    const table = relation && existingTable(context, relation.schema, relation.name);
    // A table swap puts a table with the same columns and keys back under the old name.
    if (!table || context.facts.tableSwaps.has(table)) return [];
    return [{ object: table, message: `renames table ${displayName(table)} to ${String(statement.node.newname)}: code still using the old name fails at once.` }];
  },
};

export const renameColumn: Rule = {
  id: 'rename-column',
  severity: 'error',
  destructive: false,
  fix: 'Add the new column, write both, backfill, move readers, then drop the old column in a later release.',
  anchor: `${SQUAWK}renaming-column`,
  check(statement, context) {
    if (statement.kind !== 'RenameStmt' || statement.node.renameType !== 'OBJECT_COLUMN') return [];
    const relation = relationOf(statement.node.relation);
    const table = relation && existingTable(context, relation.schema, relation.name);
    if (!table) return [];
    const column = String(statement.node.subname);
    // A column this function added has no reader yet (e.g. the new column of a column swap).
    const existed = context.assumeExisting || (context.before.tables.get(table)?.columns.has(column) === true && !context.added.has(`${table}.${column}`));
    if (!existed) return [];
    return [{ object: `${table}.${column}`, message: `renames column ${displayName(table)}.${column} to ${String(statement.node.newname)}: code still using the old name fails at once.` }];
  },
};

const SERIAL = /^(small|big)?serial[248]?$/;

export const requiredColumn: Rule = {
  id: 'required-column',
  severity: 'error',
  destructive: false,
  fix: 'Add the column nullable or with a constant DEFAULT; backfill; then enforce NOT NULL (see set-not-null).',
  anchor: `${SQUAWK}adding-required-field`,
  check(statement, context) {
    if (statement.kind !== 'AlterTableStmt') return [];
    const relation = relationOf(statement.node.relation);
    const table = relation && existingTable(context, relation.schema, relation.name);
    if (!table) return [];
    return alterCommands(statement.node)
      .filter((command) => command.subtype === 'AT_AddColumn' && command.defKind === 'ColumnDef')
      .map((command) => command.def as ColumnDef)
      .filter((column) => {
        const kinds = columnConstraints(column).map((c) => c.contype);
        const required = column.is_not_null || kinds.includes('CONSTR_NOTNULL') || kinds.includes('CONSTR_PRIMARY');
        const filled = kinds.includes('CONSTR_DEFAULT') || kinds.includes('CONSTR_IDENTITY') || kinds.includes('CONSTR_GENERATED');
        const names = namesOf(column.typeName?.names);
        return required && !filled && !SERIAL.test(names[names.length - 1] ?? '');
      })
      .map((column) => ({
        object: `${table}.${column.colname}`,
        message: `adds NOT NULL column ${displayName(table)}.${column.colname} with no default: it fails on a table with rows, and every INSERT of the running code that omits it fails.`,
      }));
  },
};

function existingEnum(statement: { node: Record<string, unknown> }, context: StatementContext): string | undefined {
  const { schema, name } = splitName(namesOf(statement.node.typeName));
  const key = resolveName(context.before, schema, name, context.before.types);
  return context.assumeExisting || context.before.types.has(key) ? key : undefined;
}

export const renameEnumValue: Rule = {
  id: 'rename-enum-value',
  severity: 'error',
  destructive: false,
  fix: 'Add the new value, migrate rows and code to it, and stop writing the old one; keep the old value until nothing uses it.',
  anchor: 'https://www.postgresql.org/docs/current/sql-altertype.html',
  check(statement, context) {
    if (statement.kind !== 'AlterEnumStmt' || !statement.node.oldVal) return [];
    const type = existingEnum(statement, context);
    if (!type) return [];
    return [{ object: type, message: `renames value '${String(statement.node.oldVal)}' of enum ${displayName(type)} to '${String(statement.node.newVal)}': code still writing or comparing the old label fails or silently stops matching.` }];
  },
};

export const enumValueOrder: Rule = {
  id: 'enum-value-order',
  severity: 'warning',
  destructive: false,
  fix: 'Append new values (ADD VALUE without BEFORE/AFTER) and sort in code; enum order is part of the type’s contract.',
  anchor: 'https://www.postgresql.org/docs/current/datatype-enum.html#DATATYPE-ENUM-ORDERING',
  check(statement, context) {
    if (statement.kind !== 'AlterEnumStmt' || statement.node.oldVal || !statement.node.newValNeighbor) return [];
    const type = existingEnum(statement, context);
    if (!type) return [];
    const where = statement.node.newValIsAfter === true ? 'after' : 'before';
    return [{ object: type, message: `adds '${String(statement.node.newVal)}' to enum ${displayName(type)} ${where} '${String(statement.node.newValNeighbor)}': ORDER BY, <, > and MIN/MAX on the column change meaning for existing rows.` }];
  },
};

export const dropNotNull: Rule = {
  id: 'drop-not-null',
  severity: 'warning',
  destructive: false,
  fix: 'Keep NOT NULL and write a marker value instead; if NULL must be allowed, make sure every reader (code, reports, PL/pgSQL) handles it first.',
  anchor: `${SQUAWK}ban-drop-not-null`,
  check(statement, context) {
    if (statement.kind !== 'AlterTableStmt') return [];
    const relation = relationOf(statement.node.relation);
    const table = relation && existingTable(context, relation.schema, relation.name);
    if (!table || context.assumeExisting) return [];
    const before = context.before.tables.get(table)?.columns;
    const after = context.after?.tables.get(table)?.columns;
    return alterCommands(statement.node)
      .filter((command) => command.subtype === 'AT_DropNotNull' && command.name && before?.get(command.name)?.notNull === true)
      // Knex's .alter() drops NOT NULL and sets it again: only a column nullable at the end counts.
      .filter((command) => after !== undefined && after.get(command.name!)?.notNull === false)
      .map((command) => ({ object: `${table}.${command.name}`, message: `makes ${displayName(table)}.${command.name} nullable: code written when it could not be NULL may now read NULL from it and fail.` }));
  },
};

export const COMPATIBILITY_RULES: readonly Rule[] = [renameTable, renameColumn, requiredColumn, renameEnumValue, enumValueOrder, dropNotNull];

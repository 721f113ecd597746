/** Rules for choices that are not dangerous today but cost later: column types, name lengths. */
import type { ColumnDef, TypeName } from 'libpg-query';
import { alterCommands, columnConstraints, namesOf, relationOf, tableColumns, tableConstraints, typeNameOf } from '../ast';
import type { ParsedStatement } from '../parser';
import { displayName, type Hit, type Rule } from './types';

/** Every column a statement defines or retypes, with the table it belongs to. */
function definedColumns(statement: ParsedStatement): { table: string; column: string; typeName: TypeName | undefined }[] {
  const relation = relationOf(statement.node.relation);
  const table = relation ? (relation.schema ? `${relation.schema}.${relation.name}` : relation.name) : '';
  if (statement.kind === 'CreateStmt') return tableColumns(statement.node).map((c) => ({ table, column: c.colname ?? '', typeName: c.typeName }));
  if (statement.kind !== 'AlterTableStmt') return [];
  return alterCommands(statement.node)
    .filter((cmd) => (cmd.subtype === 'AT_AddColumn' || cmd.subtype === 'AT_AlterColumnType') && cmd.defKind === 'ColumnDef')
    .map((cmd) => {
      const def = cmd.def as ColumnDef;
      return { table, column: def.colname ?? cmd.name ?? '', typeName: def.typeName };
    });
}

function typeRule(id: string, type: string, fix: string, anchor: string, why: string): Rule {
  return {
    id,
    severity: 'warning',
    destructive: false,
    fix,
    anchor,
    check(statement) {
      return definedColumns(statement)
        .filter((c) => typeNameOf(c.typeName) === type)
        .map((c) => ({ object: `${c.table}.${c.column}`, message: `column ${displayName(c.table)}.${c.column} is ${why}` }));
    },
  };
}

export const jsonColumn = typeRule(
  'json-column',
  'json',
  'Use jsonb.',
  'https://www.postgresql.org/docs/current/datatype-json.html',
  'json: stored as text, re-parsed on every access, no equality operator (DISTINCT, GROUP BY and UNIQUE fail) and no GIN index.',
);

export const preferTimestamptz = typeRule(
  'prefer-timestamptz',
  'timestamp',
  'Use timestamptz (Knex: table.timestamp(name, { useTz: true }), the default on PostgreSQL).',
  'https://squawkhq.com/docs/prefer-timestamptz',
  'timestamp without time zone: the instant it means depends on the time zone of whoever wrote it.',
);

/** PostgreSQL keeps NAMEDATALEN - 1 = 63 bytes of an identifier and silently truncates the rest. */
const MAX_IDENTIFIER_BYTES = 63;

/** Names a statement creates: tables, columns, indexes, constraints, types, schemas, and new names of renames. */
function createdNames(statement: ParsedStatement): string[] {
  const node = statement.node;
  const names: string[] = [];
  const relation = relationOf(node.relation);
  switch (statement.kind) {
    case 'CreateStmt':
      if (relation) names.push(relation.name);
      for (const column of tableColumns(node)) {
        names.push(column.colname ?? '');
        for (const c of columnConstraints(column)) names.push(c.conname ?? '');
      }
      for (const c of tableConstraints(node)) names.push(c.conname ?? '');
      break;
    case 'AlterTableStmt':
      for (const cmd of alterCommands(node)) {
        if (cmd.subtype === 'AT_AddColumn' && cmd.defKind === 'ColumnDef') {
          const column = cmd.def as ColumnDef;
          names.push(column.colname ?? '');
          for (const c of columnConstraints(column)) names.push(c.conname ?? '');
        }
        if (cmd.subtype === 'AT_AddConstraint' && cmd.defKind === 'Constraint') names.push(String((cmd.def as { conname?: string }).conname ?? ''));
      }
      break;
    case 'IndexStmt':
      names.push(String(node.idxname ?? ''));
      break;
    case 'RenameStmt':
      names.push(String(node.newname ?? ''));
      break;
    case 'CreateEnumStmt':
    case 'CompositeTypeStmt':
      names.push(...namesOf(node.typeName).slice(-1));
      if (statement.kind === 'CreateEnumStmt') names.push(...namesOf(node.vals));
      break;
    case 'CreateDomainStmt':
      names.push(...namesOf(node.domainname).slice(-1));
      break;
    case 'CreateSchemaStmt':
      names.push(String(node.schemaname ?? ''));
      break;
    case 'CreateSeqStmt':
    case 'ViewStmt':
      if (relation) names.push(relation.name);
      else names.push(relationOf((node.view as unknown) ?? (node.sequence as unknown))?.name ?? '');
      break;
    case 'AlterEnumStmt':
      names.push(String(node.newVal ?? ''));
      break;
  }
  return names;
}

export const identifierTooLong: Rule = {
  id: 'identifier-too-long',
  severity: 'warning',
  destructive: false,
  fix: 'Name it in at most 63 bytes (name indexes and constraints explicitly; Knex derives long ones from table and column names).',
  anchor: 'https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS',
  check(statement) {
    const hits: Hit[] = [];
    for (const name of createdNames(statement)) {
      const bytes = Buffer.byteLength(name, 'utf8');
      if (bytes > MAX_IDENTIFIER_BYTES) {
        const kept = Buffer.from(name, 'utf8').subarray(0, MAX_IDENTIFIER_BYTES).toString('utf8');
        hits.push({ object: name, message: `${name} is ${bytes} bytes; PostgreSQL silently keeps the first 63 ("${kept}"), so two long names can collide.` });
      }
    }
    return hits;
  },
};

export const HYGIENE_RULES: readonly Rule[] = [jsonColumn, identifierTooLong, preferTimestamptz];

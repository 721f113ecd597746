/** Rules for choices that are not dangerous today but cost later: column types, name lengths. */
import { scanSync, type ColumnDef, type TypeName } from 'libpg-query';
import { alterCommands, relationOf, tableColumns, typeNameOf } from '../ast';
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

/**
 * Identifiers as written in the statement's text. The parser already truncates them to 63
 * bytes, as the server does, so the long original is only visible to the scanner.
 */
function writtenIdentifiers(sql: string): string[] {
  const names = new Set<string>();
  for (const token of scanSync(sql).tokens) {
    if (token.tokenName !== 'IDENT') continue;
    names.add(token.text.startsWith('"') ? token.text.slice(1, -1).replace(/""/g, '"') : token.text.toLowerCase());
  }
  return [...names];
}

export const identifierTooLong: Rule = {
  id: 'identifier-too-long',
  severity: 'warning',
  destructive: false,
  fix: 'Name it in at most 63 bytes (name indexes and constraints explicitly; Knex derives long ones from table and column names).',
  anchor: 'https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS',
  check(statement) {
    const hits: Hit[] = [];
    for (const name of writtenIdentifiers(statement.sql)) {
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

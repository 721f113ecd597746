/** Rules for choices that are not dangerous today but cost later: column types, name lengths. */
import { scanSync, type ColumnDef, type Constraint, type TypeName } from 'libpg-query';
import { alterCommands, columnConstraints, namesOf, relationOf, splitName, tableColumns, tableConstraints, typeNameOf } from '../ast';
import { resolveName } from '../catalog';
import type { ParsedStatement } from '../parser';
import { displayName, type Hit, type Rule, type StatementContext } from './types';

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

export const charColumn = typeRule(
  'char-column',
  'bpchar',
  'Use text (with a CHECK on its length if it must be bounded) or varchar(n).',
  'https://squawkhq.com/docs/ban-char-field',
  'character(n): blank-padded to its length (trailing spaces are ignored in comparisons and dropped on casts), and no faster than text or varchar in PostgreSQL.',
);

/** A column that counts rows: serial, identity, or an integer primary key. */
interface CounterColumn {
  readonly table: string;
  readonly column: string;
  /** Storage width: what it can count up to. */
  readonly width: 'smallint' | 'integer' | 'bigint';
  readonly how: 'serial' | 'identity' | 'primary key';
  /** As written, e.g. `serial`, `integer`. */
  readonly written: string;
}

const SERIAL_WIDTH: Record<string, CounterColumn['width']> = { smallserial: 'smallint', serial2: 'smallint', serial: 'integer', serial4: 'integer', bigserial: 'bigint', serial8: 'bigint' };
const INTEGER_WIDTH: Record<string, CounterColumn['width']> = { int2: 'smallint', smallint: 'smallint', int4: 'integer', int: 'integer', integer: 'integer', int8: 'bigint', bigint: 'bigint' };
const FORMATTED_WIDTH: Record<string, CounterColumn['width']> = { smallint: 'smallint', integer: 'integer', bigint: 'bigint' };

/**
 * The counter columns a statement defines: serial and identity columns (created or added), and
 * the integer columns a PRIMARY KEY covers (written on the column, on the table, or added by a
 * later ALTER TABLE … ADD PRIMARY KEY — its column types then come from the catalog after the function).
 */
function counterColumns(statement: ParsedStatement, context: StatementContext): CounterColumn[] {
  const relation = relationOf(statement.node.relation);
  if (!relation) return [];
  const table = resolveName(context.before, relation.schema, relation.name, context.before.tables);
  const found: CounterColumn[] = [];
  const keys = new Set<string>();
  let columns: ColumnDef[] = [];
  if (statement.kind === 'CreateStmt') {
    columns = tableColumns(statement.node);
    for (const constraint of tableConstraints(statement.node)) if (constraint.contype === 'CONSTR_PRIMARY') namesOf(constraint.keys).forEach((k) => keys.add(k));
  } else if (statement.kind === 'AlterTableStmt') {
    const commands = alterCommands(statement.node);
    columns = commands.filter((c) => c.subtype === 'AT_AddColumn' && c.defKind === 'ColumnDef').map((c) => c.def as ColumnDef);
    for (const command of commands) {
      const constraint = command.subtype === 'AT_AddConstraint' && command.defKind === 'Constraint' ? (command.def as Constraint) : undefined;
      if (constraint?.contype !== 'CONSTR_PRIMARY' || constraint.indexname) continue;
      for (const key of namesOf(constraint.keys)) {
        if (columns.some((c) => c.colname === key)) {
          keys.add(key);
          continue;
        }
        const width = FORMATTED_WIDTH[context.after?.tables.get(table)?.columns.get(key)?.type ?? ''];
        if (width && width !== 'bigint') found.push({ table, column: key, width, how: 'primary key', written: width });
      }
    }
  } else return [];
  for (const column of columns) {
    const type = typeNameOf(column.typeName);
    const constraints = columnConstraints(column);
    const name = column.colname ?? '';
    if (SERIAL_WIDTH[type]) found.push({ table, column: name, width: SERIAL_WIDTH[type]!, how: 'serial', written: type });
    else if (INTEGER_WIDTH[type] && constraints.some((c) => c.contype === 'CONSTR_IDENTITY')) found.push({ table, column: name, width: INTEGER_WIDTH[type]!, how: 'identity', written: INTEGER_WIDTH[type]! });
    else if (INTEGER_WIDTH[type] && (keys.has(name) || constraints.some((c) => c.contype === 'CONSTR_PRIMARY'))) found.push({ table, column: name, width: INTEGER_WIDTH[type]!, how: 'primary key', written: INTEGER_WIDTH[type]! });
  }
  return found;
}

const LIMIT = { smallint: '32,767', integer: '2,147,483,647' } as const;

function narrowCounterRule(id: string, width: 'smallint' | 'integer', anchor: string): Rule {
  return {
    id,
    severity: 'warning',
    destructive: false,
    fix: 'Use bigint: bigint GENERATED BY DEFAULT AS IDENTITY for a counter (Knex: t.bigIncrements(), or t.specificType(\'id\', \'bigint generated by default as identity\').primary()); a uuid key (core\'s uuidPrimaryKey) needs neither.',
    anchor,
    check(statement, context) {
      return counterColumns(statement, context)
        .filter((c) => c.width === width)
        .map((c) => ({
          object: `${c.table}.${c.column}`,
          message: `${displayName(c.table)}.${c.column} (${c.how === 'serial' ? c.written : `${c.written} ${c.how}`}) runs out at ${LIMIT[width]}: widening it later rewrites the table, its indexes and every foreign key column pointing at it.`,
        }));
    },
  };
}

export const preferBigintOverInt = narrowCounterRule('prefer-bigint-over-int', 'integer', 'https://squawkhq.com/docs/prefer-bigint-over-int');
export const preferBigintOverSmallint = narrowCounterRule('prefer-bigint-over-smallint', 'smallint', 'https://squawkhq.com/docs/prefer-bigint-over-smallint');

export const preferIdentity: Rule = {
  id: 'prefer-identity',
  severity: 'warning',
  destructive: false,
  fix: 'bigint GENERATED BY DEFAULT AS IDENTITY (Knex: t.specificType(\'id\', \'bigint generated by default as identity\').primary()).',
  anchor: 'https://squawkhq.com/docs/prefer-identity',
  check(statement, context) {
    // A 32- or 16-bit serial gets prefer-bigint-over-int/smallint instead: its fix (bigint identity) fixes both.
    return counterColumns(statement, context)
      .filter((c) => c.how === 'serial' && c.width === 'bigint')
      .map((c) => ({
        object: `${c.table}.${c.column}`,
        message: `${displayName(c.table)}.${c.column} is ${c.written}: its sequence is a separate object with its own owner and grants (another role's INSERT fails on it) that dumps, copies and ALTER … TYPE treat apart from the column; an identity column belongs to the column.`,
      }));
  },
};

export const createDomainWithCheck: Rule = {
  id: 'create-domain-with-check',
  severity: 'warning',
  destructive: false,
  fix: 'Create the domain without the CHECK (or use the base type) and put the CHECK on the columns, where it can be changed with NOT VALID and VALIDATE.',
  anchor: 'https://squawkhq.com/docs/ban-create-domain-with-constraint',
  check(statement, context) {
    if (statement.kind !== 'CreateDomainStmt') return [];
    const checks = ((statement.node.constraints as { Constraint?: Constraint }[] | undefined) ?? []).filter((c) => c.Constraint?.contype === 'CONSTR_CHECK');
    if (checks.length === 0) return [];
    const { schema, name } = splitName(namesOf(statement.node.domainname));
    const domain = resolveName(context.before, schema, name, context.before.types);
    return [{ object: domain, message: `creates domain ${displayName(domain)} with a CHECK: changing that check later re-checks every row of every column using the domain under locks that block writes, with no NOT VALID way around it.` }];
  },
};

export const HYGIENE_RULES: readonly Rule[] = [jsonColumn, identifierTooLong, preferTimestamptz, charColumn, preferBigintOverInt, preferBigintOverSmallint, preferIdentity, createDomainWithCheck];

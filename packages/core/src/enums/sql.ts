/**
 * SQL for native PostgreSQL enums, as pure functions of names and values (asserted exactly in tests).
 * https://www.postgresql.org/docs/current/datatype-enum.html
 * https://www.postgresql.org/docs/current/sql-altertype.html
 */
import { StrataError } from '../errors';
import { quoteIdentifier, quoteLiteral, quoteQualified } from '../naming/identifier';

/** Where {@link addEnumValueSql} puts a new value; at the end when omitted. */
export type EnumValuePosition = { readonly before: string; readonly after?: never } | { readonly after: string; readonly before?: never };

const DOLLAR_TAG = '$strata$';

function literalList(values: readonly string[]): string {
  return values.map(quoteLiteral).join(', ');
}

function regtype(name: string): string {
  return `to_regtype(${quoteLiteral(quoteIdentifier(name))})`;
}

function doBlock(name: string, body: readonly string[], literals: readonly string[]): string {
  for (const value of [name, ...literals]) {
    if (value.includes(DOLLAR_TAG)) throw new StrataError(`enum ${name}: '${value}' contains ${DOLLAR_TAG}, which Strata uses to quote DO blocks`);
  }
  return ['DO ' + DOLLAR_TAG, 'BEGIN', ...body.map((line) => `  ${line}`), 'END', DOLLAR_TAG].join('\n');
}

/** The labels of an enum in sort order, as a SQL text[] expression. */
export function enumLabelsExpression(name: string): string {
  return `ARRAY(SELECT enumlabel::text FROM pg_catalog.pg_enum WHERE enumtypid = ${regtype(name)} ORDER BY enumsortorder)`;
}

/**
 * Creates the type unless it exists; if it exists with other values, fails instead of hiding the
 * difference. PostgreSQL has no `CREATE TYPE IF NOT EXISTS`, hence the DO block.
 * https://www.postgresql.org/docs/current/sql-do.html
 */
export function createEnumSql(name: string, values: readonly string[]): string {
  const message = `type ${name} already exists with other values than (${values.join(', ')}): change it with addValue/renameValue/replace, not create`;
  return doBlock(
    name,
    [
      `IF ${regtype(name)} IS NULL THEN`,
      `  CREATE TYPE ${quoteIdentifier(name)} AS ENUM (${literalList(values)});`,
      `ELSIF ${enumLabelsExpression(name)} IS DISTINCT FROM ARRAY[${literalList(values)}]::text[] THEN`,
      `  RAISE EXCEPTION '%', ${quoteLiteral(message)};`,
      'END IF;',
    ],
    values,
  );
}

/** Drops the type if it exists; never CASCADE, which would silently drop the columns using it. */
export function dropEnumSql(name: string): string {
  return `DROP TYPE IF EXISTS ${quoteIdentifier(name)}`;
}

/**
 * Adds a value unless present. The new value cannot be used until the transaction commits (55P04).
 * https://www.postgresql.org/docs/current/sql-altertype.html#SQL-ALTERTYPE-NOTES
 */
export function addEnumValueSql(name: string, value: string, position?: EnumValuePosition): string {
  const where = position?.before !== undefined ? ` BEFORE ${quoteLiteral(position.before)}` : position?.after !== undefined ? ` AFTER ${quoteLiteral(position.after)}` : '';
  return `ALTER TYPE ${quoteIdentifier(name)} ADD VALUE IF NOT EXISTS ${quoteLiteral(value)}${where}`;
}

/** Renames a value; does nothing when already renamed, fails when neither name exists. */
export function renameEnumValueSql(name: string, from: string, to: string): string {
  const has = (label: string) => `EXISTS (SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = ${regtype(name)} AND enumlabel = ${quoteLiteral(label)})`;
  const message = `type ${name} has neither value '${from}' nor '${to}': nothing to rename`;
  return doBlock(
    name,
    [
      `IF ${has(from)} THEN`,
      `  ALTER TYPE ${quoteIdentifier(name)} RENAME VALUE ${quoteLiteral(from)} TO ${quoteLiteral(to)};`,
      `ELSIF NOT ${has(to)} THEN`,
      `  RAISE EXCEPTION '%', ${quoteLiteral(message)};`,
      'END IF;',
    ],
    [from, to],
  );
}

/** A column that uses the enum, with its current default expression (if any). */
export interface EnumColumnUse {
  readonly table: string;
  readonly column: string;
  /** The default, as pg_get_expr prints it, e.g. `'active'::billing_status`. */
  readonly defaultExpression?: string | null;
}

/** Everything {@link replaceEnumSql} needs, resolved and validated by the caller. */
export interface EnumReplacePlan {
  readonly name: string;
  /** Temporary name of the old type while the columns are converted. */
  readonly oldName: string;
  readonly values: readonly string[];
  /** Old value → new value, only for values that change. */
  readonly mapping: Readonly<Record<string, string>>;
  readonly columns: readonly EnumColumnUse[];
}

/** The value a default like `'active'::billing_status` names, or undefined for another expression. */
export function enumDefaultValue(expression: string, name: string): string | undefined {
  const match = /^'((?:[^']|'')*)'::(.+)$/.exec(expression.trim());
  if (!match || (match[2] !== name && match[2] !== quoteIdentifier(name))) return undefined;
  return (match[1] as string).replace(/''/g, "'");
}

/**
 * Statements that replace an enum type keeping every row: rename the old type, create the new one,
 * convert each column with an explicit CASE mapping (defaults dropped and re-set mapped), drop the old type.
 */
export function replaceEnumSql(plan: EnumReplacePlan): string[] {
  const type = quoteIdentifier(plan.name);
  const statements = [`ALTER TYPE ${type} RENAME TO ${quoteIdentifier(plan.oldName)}`, `CREATE TYPE ${type} AS ENUM (${literalList(plan.values)})`];
  const changes = Object.entries(plan.mapping).filter(([from, to]) => from !== to);
  for (const use of plan.columns) {
    const table = quoteQualified(use.table);
    const column = quoteIdentifier(use.column);
    const asText = `${column}::text`;
    const converted = changes.length === 0 ? asText : `CASE ${asText} ${changes.map(([from, to]) => `WHEN ${quoteLiteral(from)} THEN ${quoteLiteral(to)}`).join(' ')} ELSE ${asText} END`;
    const defaultValue = use.defaultExpression ? enumDefaultValue(use.defaultExpression, plan.oldName) ?? enumDefaultValue(use.defaultExpression, plan.name) : undefined;
    if (use.defaultExpression) statements.push(`ALTER TABLE ${table} ALTER COLUMN ${column} DROP DEFAULT`);
    statements.push(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${type} USING (${converted})::${type}`);
    if (defaultValue !== undefined) {
      const mapped = plan.mapping[defaultValue] ?? defaultValue;
      statements.push(`ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT ${quoteLiteral(mapped)}::${type}`);
    }
  }
  statements.push(`DROP TYPE ${quoteIdentifier(plan.oldName)}`);
  return statements;
}

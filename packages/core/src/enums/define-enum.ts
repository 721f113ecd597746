/**
 * Native PostgreSQL enums defined once in TypeScript and used by migrations, seeds and lint.
 * https://www.postgresql.org/docs/current/datatype-enum.html
 */
import type { Knex } from 'knex';
import { StrataError } from '../errors';
import { identifierBytes, isSnakeCase, MAX_IDENTIFIER_BYTES, quoteIdentifier, shortenIdentifier } from '../naming/identifier';
import { runSql } from '../naming/run-sql';
import { enumDrift, readEnumLabels, type EnumDrift } from './drift';
import { addEnumValueSql, createEnumSql, dropEnumSql, enumDefaultValue, renameEnumValueSql, replaceEnumSql, type EnumColumnUse, type EnumValuePosition } from './sql';

/** A column to convert in {@link PgEnum.replace}. */
export interface EnumColumnRef {
  /** Table name, optionally schema-qualified. */
  readonly table: string;
  readonly column: string;
}

/** Options of {@link PgEnum.replace}. */
export interface EnumReplaceOptions<V extends string> {
  /** The new values, in order. */
  readonly values: readonly V[];
  /** Old value → new value for every old value that is not kept (and any you want to merge). */
  readonly mapping?: Readonly<Record<string, V>>;
  /** Every column using the type; an unlisted one is an error (it would block dropping the old type). */
  readonly columns: readonly EnumColumnRef[];
}

/** A native enum: its name, its values and the operations migrations run on it. */
export interface PgEnum<N extends string = string, V extends string = string> {
  readonly name: N;
  readonly values: readonly V[];
  /** Type guard: is `value` one of the values? */
  has(value: unknown): value is V;
  /** Creates the type unless it exists with these values (fails if it exists with other values). `values` pins the values of this migration. */
  create(knex: Knex, options?: { readonly values?: readonly string[] }): Promise<void>;
  /** Drops the type if it exists (never CASCADE). */
  drop(knex: Knex): Promise<void>;
  /** Adds a column of this type to a table builder. */
  column(t: Knex.TableBuilder, columnName: string): Knex.ColumnBuilder;
  /** Adds a value (at a position); no-op when present. Usable from the NEXT migration on (55P04). */
  addValue(knex: Knex, value: string, position?: EnumValuePosition): Promise<void>;
  /** Adds several values in order; `position` places the first, the others follow it. */
  addValues(knex: Knex, values: readonly string[], position?: EnumValuePosition): Promise<void>;
  /** Renames a value; no-op when already renamed. */
  renameValue(knex: Knex, from: string, to: string): Promise<void>;
  /** Replaces the type by one with `values`, converting every listed column with the mapping; keeps every row. */
  replace(knex: Knex, options: EnumReplaceOptions<string>): Promise<void>;
  /** Database values versus this definition. */
  drift(knex: Knex, schema?: string): Promise<EnumDrift>;
}

/** The union of an enum's values: `EnumValue<typeof billingStatus>` → `'active' | 'canceled'`. */
export type EnumValue<E> = E extends PgEnum<string, infer V> ? V : never;

function checkName(kind: string, name: string, owner: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new StrataError(`${owner}: ${kind} is empty`);
  if (identifierBytes(name) > MAX_IDENTIFIER_BYTES) throw new StrataError(`${owner}: ${kind} '${name}' is longer than ${MAX_IDENTIFIER_BYTES} bytes, PostgreSQL's limit`);
}

/** Validates a list of labels: non-empty, unique, at most 63 bytes each. */
export function checkEnumValues(name: string, values: readonly string[]): void {
  if (!Array.isArray(values) || values.length === 0) throw new StrataError(`enum ${name} needs at least one value`);
  const seen = new Set<string>();
  for (const value of values) {
    checkName('value', value, `enum ${name}`);
    if (seen.has(value)) throw new StrataError(`enum ${name} lists '${value}' twice`);
    seen.add(value);
  }
}

/**
 * Defines a native enum once; migrations, seeds and lint share it.
 * @example
 * export const billingStatus = defineEnum('billing_status', ['active', 'suspended', 'canceled'] as const);
 * export type BillingStatus = EnumValue<typeof billingStatus>;
 * // migration: await billingStatus.create(knex); … billingStatus.column(t, 'status').notNullable();
 */
export function defineEnum<const N extends string, const V extends string>(name: N, values: readonly V[]): PgEnum<N, V> {
  checkName('name', name, 'defineEnum');
  if (!isSnakeCase(name)) throw new StrataError(`enum type name '${name}' is not snake_case: use e.g. '${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}'`);
  checkEnumValues(name, values);
  const frozen = Object.freeze([...values]);
  const known = new Set<string>(frozen);

  const definition: PgEnum<N, V> = {
    name,
    values: frozen,
    has: (value: unknown): value is V => typeof value === 'string' && known.has(value),
    async create(knex, options) {
      const pinned = options?.values ?? frozen;
      checkEnumValues(name, pinned);
      await runSql(knex, createEnumSql(name, pinned));
    },
    async drop(knex) {
      await runSql(knex, dropEnumSql(name));
    },
    column(t, columnName) {
      return t.specificType(columnName, quoteIdentifier(name));
    },
    async addValue(knex, value, position) {
      checkName('value', value, `enum ${name}`);
      await runSql(knex, addEnumValueSql(name, value, position));
    },
    async addValues(knex, added, position) {
      checkEnumValues(name, added);
      let previous: string | undefined;
      for (const value of added) {
        // Each value after the first goes right after the one before, keeping the given order.
        await definition.addValue(knex, value, previous === undefined ? position : { after: previous });
        previous = value;
      }
    },
    async renameValue(knex, from, to) {
      checkName('value', from, `enum ${name}`);
      checkName('value', to, `enum ${name}`);
      await runSql(knex, renameEnumValueSql(name, from, to));
    },
    async replace(knex, options) {
      await replaceEnum(knex, name, options);
    },
    drift(knex, schema) {
      return enumDrift(knex, definition, schema);
    },
  };
  return Object.freeze(definition);
}

async function replaceEnum(knex: Knex, name: string, options: EnumReplaceOptions<string>): Promise<void> {
  const where = `enum ${name} replace`;
  checkEnumValues(name, options.values);
  const mapping = options.mapping ?? {};
  const current = await readEnumLabels(knex, name);
  if (current === undefined) throw new StrataError(`${where}: type ${name} does not exist`);
  const oldName = shortenIdentifier(`${name}_old`);
  const target = new Set(options.values);
  // Idempotent: already replaced and the old type is gone.
  if (current.length === options.values.length && current.every((v, i) => v === options.values[i]) && (await readEnumLabels(knex, oldName)) === undefined) return;

  for (const [from, to] of Object.entries(mapping)) {
    if (!current.includes(from)) throw new StrataError(`${where}: mapping names '${from}', which is not a value of ${name} (values: ${current.join(', ')})`);
    if (!target.has(to)) throw new StrataError(`${where}: mapping sends '${from}' to '${to}', which is not one of the new values (${options.values.join(', ')})`);
  }
  const unmapped = current.filter((value) => !target.has(value) && mapping[value] === undefined);
  if (unmapped.length > 0) {
    throw new StrataError(`${where}: removed value(s) ${unmapped.map((v) => `'${v}'`).join(', ')} have no mapping: add mapping: { ${unmapped.map((v) => `${v}: '<new value>'`).join(', ')} }`);
  }

  const uses = await readEnumColumns(knex, name);
  const listed = options.columns.map((c) => ({ ...c, key: columnKey(c.table, c.column) }));
  const unlisted = uses.filter((use) => !listed.some((c) => matchesColumn(c, use)));
  if (unlisted.length > 0) {
    throw new StrataError(`${where}: column(s) ${unlisted.map((u) => `${u.schema}.${u.table}.${u.column}`).join(', ')} use ${name} but are not in options.columns: list every column`);
  }
  const columns: EnumColumnUse[] = [];
  for (const ref of listed) {
    const use = uses.find((u) => matchesColumn(ref, u));
    if (!use) throw new StrataError(`${where}: column ${ref.key} is not of type ${name}`);
    if (use.isArray || use.relkind !== 'r') throw new StrataError(`${where}: ${ref.key} is ${use.isArray ? 'an array of' : 'a view or other non-table use of'} ${name}, which replace cannot convert`);
    if (use.defaultExpression && enumDefaultValue(use.defaultExpression, name) === undefined) {
      throw new StrataError(`${where}: default of ${ref.key} (${use.defaultExpression}) is not a plain value: drop the default before replace and set it again after`);
    }
    columns.push({ table: ref.table, column: ref.column, defaultExpression: use.defaultExpression });
  }
  const changed: Record<string, string> = {};
  for (const [from, to] of Object.entries(mapping)) if (from !== to) changed[from] = to;
  for (const statement of replaceEnumSql({ name, oldName, values: options.values, mapping: changed, columns })) {
    await runSql(knex, statement);
  }
}

interface ColumnUse {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly relkind: string;
  readonly isArray: boolean;
  readonly defaultExpression: string | null;
}

function columnKey(table: string, column: string): string {
  return `${table}.${column}`;
}

function matchesColumn(ref: EnumColumnRef, use: ColumnUse): boolean {
  if (ref.column !== use.column) return false;
  return ref.table === use.table || ref.table === `${use.schema}.${use.table}`;
}

/** Every column (of a table, view, …) whose type is the enum or an array of it. */
async function readEnumColumns(knex: Knex, name: string): Promise<ColumnUse[]> {
  const result = await knex.raw<{ rows: ColumnUse[] }>(
    `SELECT n.nspname AS schema, c.relname AS "table", a.attname AS "column", c.relkind::text AS relkind,
            (a.atttypid <> t.oid) AS "isArray", pg_get_expr(d.adbin, d.adrelid) AS "defaultExpression"
       FROM pg_catalog.pg_type t
       JOIN pg_catalog.pg_attribute a ON a.atttypid IN (t.oid, t.typarray) AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE t.oid = to_regtype(?) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      ORDER BY 1, 2, 3`,
    [quoteIdentifier(name)],
  );
  return result.rows;
}

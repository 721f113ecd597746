/**
 * Catalog assertions without catalog queries: tests read tables, indexes, foreign keys and
 * enums from a schema snapshot — the package's committed `schema.snapshot`, or a live database
 * snapshotted the way `strata check` does — instead of restating pg_catalog joins by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { PgEnum } from '../enums/define-enum';
import { parseForeignKeyDefinition, parseIndexDefinition, type ForeignKeyDefinition, type IndexDefinition } from '../schema/definitions';
import { readSnapshotDocument, snapshotEntries, type SnapshotEntry } from '../schema/render';
import { snapshotSchema } from '../schema/snapshot';

/** An index of a table, with its parts (see `parseIndexDefinition`). */
export interface IndexFact extends IndexDefinition {
  readonly table: string;
  readonly name: string;
}

/** A foreign key of a table and what happens to its rows when the referenced row is deleted. */
export interface ForeignKeyFact extends Omit<ForeignKeyDefinition, 'onUpdate'> {
  readonly table: string;
  readonly name: string;
}

/** Any table constraint, with its definition as `pg_get_constraintdef` prints it. */
export interface ConstraintFact {
  readonly table: string;
  readonly name: string;
  readonly definition: string;
}

/** What a snapshot says, in shapes a test can compare with `toEqual`. */
export interface SchemaFacts {
  /** Ordinary and partitioned tables, by name. */
  readonly tables: readonly string[];
  /** Column names of a table, in physical order. */
  columns(table: string): readonly string[];
  readonly indexes: readonly IndexFact[];
  readonly foreignKeys: readonly ForeignKeyFact[];
  readonly constraints: readonly ConstraintFact[];
  /** Enum types with their values in sort order. */
  readonly enums: ReadonlyArray<{ readonly name: string; readonly values: readonly string[] }>;
  /** Triggers as `table.trigger`. */
  readonly triggers: readonly string[];
  readonly functions: readonly string[];
  readonly extensions: readonly string[];
}

/** The package's committed `schema.snapshot`. */
export function committedSchema(packageDir: string): SnapshotEntry[] {
  const file = path.join(packageDir, 'schema.snapshot');
  return readSnapshotDocument(readFileSync(file, 'utf8'), file);
}

/** The live schema of a database (schema `public` unless given), as snapshot entries. */
export async function liveSchema(source: Knex | string, schema = 'public'): Promise<SnapshotEntry[]> {
  return snapshotEntries(await snapshotSchema(source, { schema }));
}

/**
 * Reads a snapshot into facts.
 * @example expect(schemaFacts(committedSchema(dir)).foreignKeys).toContainEqual(expect.objectContaining({ name: 'fk_orders_user_id', onDelete: 'RESTRICT' }))
 */
export function schemaFacts(entries: readonly SnapshotEntry[]): SchemaFacts {
  const of = (kind: string) => entries.filter((entry) => entry.kind === kind);
  const constraints = of('constraint').map((e) => ({ table: e.table!, name: e.name, definition: e.value }));
  return {
    tables: entries.filter((e) => e.kind === 'table' || e.kind === 'partitioned table').map((e) => e.name),
    columns: (table) => of('column').filter((e) => e.table === table).map((e) => e.name),
    indexes: of('index').map((e) => parseIndex(e.table!, e.name, e.value)),
    foreignKeys: constraints.filter((c) => c.definition.startsWith('FOREIGN KEY')).map(parseForeignKey),
    constraints,
    enums: of('enum').map((e) => ({ name: e.name, values: [...e.value.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'")) })),
    triggers: of('trigger').map((e) => `${e.table}.${e.name}`),
    functions: [...of('function'), ...of('procedure')].map((e) => e.name),
    extensions: of('extension').map((e) => e.name),
  };
}

/**
 * An index as a schema test lists it: a btree, not unique, not partial, unless `options` say so.
 * @example indexFact('users', 'uq_users_email', ['email'], { unique: true, predicate: '(deleted_at IS NULL)' })
 */
export function indexFact(table: string, name: string, columns: readonly string[], options: { unique?: boolean; method?: string; predicate?: string | null } = {}): IndexFact {
  return { table, name, unique: options.unique ?? false, method: options.method ?? 'btree', columns, predicate: options.predicate ?? null };
}

/**
 * A foreign key as a schema test lists it, referencing `id` unless `referencedColumns` say otherwise.
 * @example foreignKeyFact('orders', 'fk_orders_user_id', 'user_id', 'users', 'RESTRICT')
 */
export function foreignKeyFact(table: string, name: string, columns: string | readonly string[], references: string, onDelete: ForeignKeyFact['onDelete'], referencedColumns: readonly string[] = ['id']): ForeignKeyFact {
  return { table, name, columns: typeof columns === 'string' ? [columns] : columns, references, referencedColumns, onDelete };
}

/**
 * Facts sorted by table, then name: the facts of a snapshot and a list written in design order
 * compare with `toEqual`.
 * @example expect(byTableAndName(facts.indexes)).toEqual(byTableAndName(INDEXES));
 */
export function byTableAndName<T extends { readonly table: string; readonly name: string }>(facts: readonly T[]): T[] {
  return [...facts].sort((a, b) => a.table.localeCompare(b.table) || a.name.localeCompare(b.name));
}

/**
 * The enum types a module of `defineEnum`s declares (a package's `src/enums.ts`), as
 * {@link SchemaFacts.enums} lists them: by name, values in order. Exports that are not enums are left out.
 * @example expect(facts.enums).toEqual(declaredEnums(enums)); // import * as enums from '../src/enums'
 */
export function declaredEnums(module: Readonly<Record<string, unknown>>): Array<{ name: string; values: string[] }> {
  return Object.values(module)
    .filter((value): value is PgEnum => typeof value === 'object' && value !== null && 'name' in value && 'values' in value)
    .map((e) => ({ name: e.name, values: [...e.values] }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `CREATE UNIQUE INDEX uq_x ON public.t USING btree (a, lower(b)) WHERE (deleted_at IS NULL)`. */
function parseIndex(table: string, name: string, definition: string): IndexFact {
  const index = parseIndexDefinition(definition);
  if (!index) throw new Error(`not an index definition: ${definition}`);
  return { table, name, ...index };
}

/** `FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE`; no ON DELETE means NO ACTION. */
function parseForeignKey(constraint: ConstraintFact): ForeignKeyFact {
  const fk = parseForeignKeyDefinition(constraint.definition);
  if (!fk) throw new Error(`not a foreign key definition: ${constraint.definition}`);
  return { table: constraint.table, name: constraint.name, columns: fk.columns, references: fk.references, referencedColumns: fk.referencedColumns, onDelete: fk.onDelete };
}

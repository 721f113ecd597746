/**
 * Catalog assertions without catalog queries: tests read tables, indexes, foreign keys and
 * enums from a schema snapshot — the package's committed `schema.snapshot`, or a live database
 * snapshotted the way `strata check` does — instead of restating pg_catalog joins by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { readSnapshotDocument, snapshotEntries, type SnapshotEntry } from '../schema/render';
import { snapshotSchema } from '../schema/snapshot';

/** An index as `pg_get_indexdef` describes it. */
export interface IndexFact {
  readonly table: string;
  readonly name: string;
  readonly unique: boolean;
  /** Access method: `btree`, `gin`, `gist`… */
  readonly method: string;
  /** Key columns or expressions, with their options (`recorded_at DESC`). */
  readonly columns: readonly string[];
  /** The WHERE of a partial index, as PostgreSQL prints it, else null. */
  readonly predicate: string | null;
}

/** A foreign key and what happens to its rows when the referenced row is deleted. */
export interface ForeignKeyFact {
  readonly table: string;
  readonly name: string;
  readonly columns: readonly string[];
  readonly references: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';
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

const INDEX_HEAD = /^CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?\S+ USING (\w+) /;

/** `CREATE UNIQUE INDEX uq_x ON public.t USING btree (a, lower(b)) WHERE (deleted_at IS NULL)`. */
function parseIndex(table: string, name: string, definition: string): IndexFact {
  const head = INDEX_HEAD.exec(definition);
  if (!head) throw new Error(`not an index definition: ${definition}`);
  const { inside, rest } = parenthesised(definition.slice(head[0].length));
  const where = / WHERE (.*)$/.exec(rest);
  return { table, name, unique: head[1] !== undefined, method: head[2]!, columns: splitTopLevel(inside), predicate: where ? where[1]! : null };
}

/** `FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE`; no ON DELETE means NO ACTION. */
function parseForeignKey(constraint: ConstraintFact): ForeignKeyFact {
  const match = /^FOREIGN KEY \((.+?)\) REFERENCES ([^(]+)\((.+?)\)(.*)$/.exec(constraint.definition);
  if (!match) throw new Error(`not a foreign key definition: ${constraint.definition}`);
  const onDelete = /ON DELETE (NO ACTION|RESTRICT|CASCADE|SET NULL|SET DEFAULT)/.exec(match[4]!)?.[1] as ForeignKeyFact['onDelete'] | undefined;
  return {
    table: constraint.table,
    name: constraint.name,
    columns: splitTopLevel(match[1]!),
    references: match[2]!.replace(/^public\./, ''),
    referencedColumns: splitTopLevel(match[3]!),
    onDelete: onDelete ?? 'NO ACTION',
  };
}

/** The text inside the parenthesis `text` starts with, and what follows it (quotes respected). */
function parenthesised(text: string): { inside: string; rest: string } {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')' && --depth === 0) return { inside: text.slice(1, i), rest: text.slice(i + 1) };
  }
  return { inside: text, rest: '' };
}

/** Splits on commas outside parentheses and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((part) => part !== '');
}

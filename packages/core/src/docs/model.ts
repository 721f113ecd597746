/**
 * The schema as the docs present it: per table its columns with key markers, its keys, indexes,
 * foreign keys with cardinality, checks and triggers — derived from a schema snapshot only, so it
 * is the same on every PostgreSQL major the snapshot is (14–18).
 */
import { compareText } from '../schema/snapshot';
import type { SchemaSnapshot, SnapshotColumn, SnapshotConstraint, SnapshotIndex, SnapshotTable } from '../schema/types';

/** An index as `pg_get_indexdef` describes it. */
export interface IndexFact {
  readonly name: string;
  readonly unique: boolean;
  /** Access method: `btree`, `gin`, `gist`… */
  readonly method: string;
  /** Key columns (unquoted) or expressions, with their options as written (`recorded_at DESC`). */
  readonly columns: readonly string[];
  /** The WHERE of a partial index, as PostgreSQL prints it, else null. */
  readonly predicate: string | null;
}

/** A foreign key and what happens to its rows when the referenced row is deleted. */
export interface ForeignKeyFact {
  readonly name: string;
  /** Referencing columns, unquoted. */
  readonly columns: readonly string[];
  /** The referenced table, without `public.` and quotes. */
  readonly references: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';
}

/** A foreign key with what the ERD draws. */
export interface ForeignKeyModel extends ForeignKeyFact {
  /** `ON UPDATE …` when not NO ACTION, else undefined. */
  readonly onUpdate: string | undefined;
  /** Some referencing column is nullable: a row may reference nothing (zero or one parent). */
  readonly optional: boolean;
  /** A non-partial unique key (or the primary key) has exactly the referencing columns: one-to-one. */
  readonly oneToOne: boolean;
  /** The referencing columns are part of the primary key: the child's identity includes the parent. */
  readonly identifying: boolean;
}

/** A unique key: the primary key, a unique constraint or a unique index. */
export interface UniqueKey {
  readonly name: string;
  /** Plain column names; expressions and sort options are kept as written. */
  readonly columns: readonly string[];
  /** WHERE of a partial unique index, else null. */
  readonly predicate: string | null;
  readonly primary: boolean;
}

/** One table as the docs present it. */
export interface TableModel {
  readonly table: SnapshotTable;
  readonly name: string;
  readonly columns: readonly SnapshotColumn[];
  readonly primaryKey: readonly string[];
  readonly uniqueKeys: readonly UniqueKey[];
  readonly foreignKeys: readonly ForeignKeyModel[];
  readonly indexes: readonly IndexFact[];
  /** Check and exclusion constraints, by name. */
  readonly checks: ReadonlyArray<{ readonly name: string; readonly type: string; readonly definition: string }>;
}

/** Key markers of a column: `PK`, `FK`, `UK`, in that order. */
export function keyMarkers(model: TableModel, column: string): string[] {
  const markers: string[] = [];
  if (model.primaryKey.includes(column)) markers.push('PK');
  if (model.foreignKeys.some((fk) => fk.columns.includes(column))) markers.push('FK');
  if (model.uniqueKeys.some((key) => !key.primary && key.columns.includes(column))) markers.push('UK');
  return markers;
}

/**
 * Builds the table models of a snapshot, tables sorted by name, every list sorted by name.
 * @example tableModels(snapshot).find((t) => t.name === 'cdrs')!.foreignKeys[0] // { name: 'fk_cdrs_account_id', optional: false, oneToOne: false, … }
 */
export function tableModels(snapshot: SchemaSnapshot): TableModel[] {
  return [...snapshot.tables]
    .sort((a, b) => compareText(a.name, b.name))
    .map((table) => {
      const primary = table.constraints.find((c) => c.type === 'primary key');
      const indexes = table.indexes.map(parseIndex).sort((a, b) => compareText(a.name, b.name));
      const uniqueKeys = indexes
        .filter((i) => i.unique)
        .map((i): UniqueKey => ({ name: i.name, columns: i.columns.map(plainColumn), predicate: i.predicate, primary: primary !== undefined && table.indexes.some((x) => x.name === i.name && x.constraint === primary.name) }));
      const primaryKey = uniqueKeys.find((key) => key.primary)?.columns ?? [];
      const nullable = new Set(table.columns.filter((c) => c.nullable).map((c) => c.name));
      const foreignKeys = table.constraints
        .filter((c) => c.type === 'foreign key')
        .sort((a, b) => compareText(a.name, b.name))
        .map((constraint): ForeignKeyModel => {
          const fk = parseForeignKey(constraint);
          const definition = constraint.definition;
          return {
            ...fk,
            onUpdate: /ON UPDATE (RESTRICT|CASCADE|SET NULL|SET DEFAULT)/.exec(definition)?.[1],
            optional: fk.columns.some((column) => nullable.has(column)),
            oneToOne: uniqueKeys.some((key) => key.predicate === null && sameSet(key.columns, fk.columns)),
            identifying: fk.columns.every((column) => primaryKey.includes(column)),
          };
        });
      const checks = table.constraints
        .filter((c) => c.type === 'check' || c.type === 'exclusion')
        .map((c) => ({ name: c.name, type: c.type, definition: c.definition }))
        .sort((a, b) => compareText(a.name, b.name));
      return { table, name: table.name, columns: table.columns, primaryKey, uniqueKeys, foreignKeys, indexes, checks };
    });
}

const INDEX_HEAD = /^CREATE (UNIQUE )?INDEX (?:"(?:[^"]|"")+"|\S+) ON (?:ONLY )?(?:(?:"(?:[^"]|"")+"|[^\s".]+)\.)?(?:"(?:[^"]|"")+"|[^\s".]+) USING (\w+) /;

/** `CREATE UNIQUE INDEX uq_x ON public."Odd Name" USING btree (a, lower(b)) WHERE (deleted_at IS NULL)` */
export function parseIndex(index: SnapshotIndex): IndexFact {
  const head = INDEX_HEAD.exec(index.definition);
  if (!head) return { name: index.name, unique: false, method: '', columns: [], predicate: null };
  const { inside, rest } = parenthesised(index.definition.slice(head[0].length));
  const where = / WHERE (.*)$/.exec(rest);
  return { name: index.name, unique: head[1] !== undefined, method: head[2]!, columns: splitTopLevel(inside), predicate: where ? where[1]! : null };
}

/** `FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE`; no ON DELETE means NO ACTION. */
export function parseForeignKey(constraint: SnapshotConstraint): ForeignKeyFact {
  const match = /^FOREIGN KEY \((.+?)\) REFERENCES ((?:"(?:[^"]|"")+"|[^\s"(.]+)(?:\.(?:"(?:[^"]|"")+"|[^\s"(.]+))?)\((.+?)\)(.*)$/.exec(constraint.definition);
  if (!match) return { name: constraint.name, columns: [], references: '', referencedColumns: [], onDelete: 'NO ACTION' };
  const onDelete = /ON DELETE (NO ACTION|RESTRICT|CASCADE|SET NULL|SET DEFAULT)/.exec(match[4]!)?.[1] as ForeignKeyFact['onDelete'] | undefined;
  return {
    name: constraint.name,
    columns: splitTopLevel(match[1]!).map(plainColumn),
    references: unquoteQualified(match[2]!),
    referencedColumns: splitTopLevel(match[3]!).map(plainColumn),
    onDelete: onDelete ?? 'NO ACTION',
  };
}

/** `public.t` → `t`, `"Odd Name"` → `Odd Name`, `billing."x"` → `billing.x`. */
function unquoteQualified(name: string): string {
  const parts = [...name.matchAll(/"((?:[^"]|"")+)"|([^."]+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!));
  return parts.length > 1 && parts[0] === 'public' ? parts.slice(1).join('.') : parts.join('.');
}

/** The text inside the parenthesis `text` starts with, and what follows it. */
function parenthesised(text: string): { inside: string; rest: string } {
  let depth = 0;
  let quoted: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === quoted) quoted = undefined;
    } else if (c === "'" || c === '"') quoted = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return { inside: text.slice(1, i), rest: text.slice(i + 1) };
  }
  return { inside: text, rest: '' };
}

/** Splits on commas outside parentheses and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === quoted) quoted = undefined;
    } else if (c === "'" || c === '"') quoted = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c === ',') {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((part) => part !== '');
}

/** `recorded_at DESC` → `recorded_at`; `lower(email)` stays an expression; `"Odd"` → `Odd`. */
function plainColumn(element: string): string {
  const match = /^("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)(?:\s+(?:ASC|DESC|NULLS FIRST|NULLS LAST|COLLATE \S+|[a-z_][a-z0-9_]*_ops))*$/i.exec(element);
  if (!match) return element;
  const name = match[1]!;
  return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * The schema as the docs present it: per table its columns with key markers, its keys, indexes,
 * foreign keys with cardinality, checks and triggers — derived from a schema snapshot only, so it
 * is the same on every PostgreSQL major the snapshot is (14–18).
 */
import { snapshotEntries } from '../schema/render';
import { compareText } from '../schema/snapshot';
import type { SchemaSnapshot, SnapshotColumn, SnapshotTable } from '../schema/types';
import { schemaFacts, type ForeignKeyFact, type IndexFact } from '../testing/schema-facts';

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
  const facts = schemaFacts(snapshotEntries(snapshot));
  return [...snapshot.tables]
    .sort((a, b) => compareText(a.name, b.name))
    .map((table) => {
      const primary = table.constraints.find((c) => c.type === 'primary key');
      const indexes = facts.indexes.filter((i) => i.table === table.name).sort((a, b) => compareText(a.name, b.name));
      const uniqueKeys = indexes
        .filter((i) => i.unique)
        .map((i): UniqueKey => ({ name: i.name, columns: i.columns.map(plainColumn), predicate: i.predicate, primary: primary !== undefined && table.indexes.some((x) => x.name === i.name && x.constraint === primary.name) }));
      const primaryKey = uniqueKeys.find((key) => key.primary)?.columns ?? [];
      const nullable = new Set(table.columns.filter((c) => c.nullable).map((c) => c.name));
      const foreignKeys = facts.foreignKeys
        .filter((fk) => fk.table === table.name)
        .sort((a, b) => compareText(a.name, b.name))
        .map((raw): ForeignKeyModel => {
          const fk = { ...raw, columns: raw.columns.map(plainColumn), referencedColumns: raw.referencedColumns.map(plainColumn) };
          const definition = table.constraints.find((c) => c.name === fk.name)?.definition ?? '';
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

/**
 * The schema as the docs present it: per table its columns with key markers, its keys, indexes,
 * foreign keys with cardinality, checks and triggers — derived from a schema snapshot only, so it
 * is the same on every PostgreSQL major the snapshot is (14–18).
 */
import { parseForeignKeyDefinition, parseIndexDefinition, plainColumn, type ForeignKeyDefinition, type IndexDefinition } from '../schema/definitions';
import { compareText } from '../schema/snapshot';
import type { SchemaSnapshot, SnapshotColumn, SnapshotConstraint, SnapshotIndex, SnapshotTable } from '../schema/types';

/** An index of a table, with its parts (see `schema/definitions.ts`). */
export interface IndexFact extends IndexDefinition {
  readonly name: string;
}

/** A foreign key of a table, with its parts (see `schema/definitions.ts`). */
export interface ForeignKeyFact extends ForeignKeyDefinition {
  readonly name: string;
}

/** A foreign key with what the ERD draws. */
export interface ForeignKeyModel extends Omit<ForeignKeyFact, 'onUpdate'> {
  /** `ON UPDATE …` when not NO ACTION, else undefined. */
  readonly onUpdate: ForeignKeyDefinition['onUpdate'] | undefined;
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
          const { onUpdate, ...fk } = parseForeignKey(constraint);
          return {
            ...fk,
            onUpdate: onUpdate === 'NO ACTION' ? undefined : onUpdate,
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

/** `CREATE UNIQUE INDEX uq_x ON public."Odd Name" USING btree (a, lower(b)) WHERE (deleted_at IS NULL)`; an unreadable one has no columns. */
function parseIndex(index: SnapshotIndex): IndexFact {
  return { name: index.name, ...(parseIndexDefinition(index.definition) ?? { unique: false, method: '', columns: [], predicate: null }) };
}

/** `FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE`; an unreadable one has no columns. */
function parseForeignKey(constraint: SnapshotConstraint): ForeignKeyFact {
  return { name: constraint.name, ...(parseForeignKeyDefinition(constraint.definition) ?? { columns: [], references: '', referencedColumns: [], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }) };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The shape of a schema snapshot: plain data, deterministic order, identical on PostgreSQL 14–18. */

/** Version of the snapshot format; bump when the shape changes. */
export const SNAPSHOT_FORMAT = 1;

export interface SnapshotColumn {
  readonly name: string;
  /** As format_type prints it, e.g. `numeric(19,4)`, `timestamp with time zone`. */
  readonly type: string;
  readonly nullable: boolean;
  /** Default expression as pg_get_expr prints it, or null. */
  readonly default: string | null;
  /** `always` / `by default` for identity columns, else null. */
  readonly identity: string | null;
  /** Generation expression of a generated column (`stored`/`virtual` in generatedKind), else null. */
  readonly generated: string | null;
  readonly generatedKind: string | null;
  /** Collation when it differs from the type's default, else null. */
  readonly collation: string | null;
}

export interface SnapshotConstraint {
  readonly name: string;
  /** `primary key`, `foreign key`, `unique`, `check` or `exclusion`. */
  readonly type: string;
  /** As pg_get_constraintdef prints it. */
  readonly definition: string;
}

export interface SnapshotIndex {
  readonly name: string;
  /** As pg_get_indexdef prints it. */
  readonly definition: string;
  /** The constraint the index backs (primary key, unique, exclusion), else null. */
  readonly constraint: string | null;
}

export interface SnapshotTrigger {
  readonly name: string;
  /** As pg_get_triggerdef prints it. */
  readonly definition: string;
  /** False when disabled. */
  readonly enabled: boolean;
}

export interface SnapshotTable {
  readonly name: string;
  /** `table` or `partitioned table`. */
  readonly kind: string;
  /** Partition key of a partitioned table, e.g. `RANGE (at)`, else null. */
  readonly partitionKey: string | null;
  /** Parent and bound of a partition, e.g. `events FOR VALUES FROM (…) TO (…)`, else null. */
  readonly partitionOf: string | null;
  /** In physical order. */
  readonly columns: readonly SnapshotColumn[];
  readonly constraints: readonly SnapshotConstraint[];
  readonly indexes: readonly SnapshotIndex[];
  readonly triggers: readonly SnapshotTrigger[];
}

export interface SnapshotView {
  readonly name: string;
  /** `view` or `materialized view`. */
  readonly kind: string;
  /** pg_get_viewdef with whitespace collapsed. */
  readonly definition: string;
}

export interface SnapshotEnum {
  readonly name: string;
  /** In sort order. */
  readonly values: readonly string[];
}

export interface SnapshotSequence {
  readonly name: string;
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  /** `table.column` for serial and identity sequences, else null. */
  readonly ownedBy: string | null;
}

export interface SnapshotFunction {
  readonly name: string;
  /** Identity arguments, e.g. `a integer, b text`. */
  readonly arguments: string;
  /** `function` or `procedure`. */
  readonly kind: string;
  readonly returns: string | null;
  readonly language: string;
  /** `immutable`, `stable` or `volatile`. */
  readonly volatility: string;
  readonly strict: boolean;
  readonly securityDefiner: boolean;
  /** `safe`, `restricted` or `unsafe`. */
  readonly parallel: string;
  /** `SET` options, e.g. `search_path=public`, sorted. */
  readonly settings: readonly string[];
  /** Source text (trailing spaces trimmed per line). */
  readonly body: string;
}

export interface SnapshotExtension {
  readonly name: string;
  /** Schema the extension's objects live in. The version is left out: it differs between majors. */
  readonly schema: string;
}

/** A deterministic description of one schema of a database. */
export interface SchemaSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly schema: string;
  readonly extensions: readonly SnapshotExtension[];
  readonly enums: readonly SnapshotEnum[];
  readonly sequences: readonly SnapshotSequence[];
  readonly functions: readonly SnapshotFunction[];
  readonly tables: readonly SnapshotTable[];
  readonly views: readonly SnapshotView[];
}

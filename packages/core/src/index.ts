/**
 * @strata/core — the public API for schema packages, as an explicit list: conventions (names,
 * tables, enums, snapshots, schema lint), the seed kit, errors, and the runner for programmatic
 * use. Subpaths: `@strata/core/testing` (test helpers), `@strata/core/lint` (the migration linter).
 * Anything not listed here is internal.
 */

// Naming conventions
export { MAX_IDENTIFIER_BYTES, identifierBytes, isSnakeCase, quoteIdentifier, quoteLiteral, quoteQualified, shortenIdentifier } from './naming/identifier';
export { NamePrefix, ckName, fkName, ixName, pkName, triggerName, uqName } from './naming/names';

// Table helpers
export { MONEY_PRECISION, MONEY_SCALE, TimestampColumn, money, softDelete, timestamps, uniqueWhereNotDeleted, uuidPrimaryKey } from './tables/columns';
export { OnDelete, foreignKey, parseReference, type ForeignKeyOptions } from './tables/foreign-key';
export {
  UPDATED_AT_FUNCTION,
  addUpdatedAtTrigger,
  addUpdatedAtTriggerSql,
  createUpdatedAtFunction,
  createUpdatedAtFunctionSql,
  dropUpdatedAtFunction,
  dropUpdatedAtFunctionSql,
  dropUpdatedAtTrigger,
  dropUpdatedAtTriggerSql,
} from './tables/updated-at';
export {
  LOCK_TIMEOUT,
  addConstraintNotValid,
  attachUniqueConstraint,
  buildIndexConcurrently,
  constraintState,
  dropIndexConcurrently,
  indexState,
  limitLockWait,
  refuseDuplicates,
  refuseViolations,
  shortTransaction,
  unvalidateConstraint,
  validateConstraint,
  type ConcurrentIndex,
  type IndexState,
} from './tables/online-ddl';
export { UUID_V7_FUNCTION, createUuidV7Function, createUuidV7FunctionSql, dropUuidV7Function, dropUuidV7FunctionSql } from './tables/uuid-v7';

// Enums
export { defineEnum, type EnumColumnRef, type EnumReplaceOptions, type EnumValue, type PgEnum } from './enums/define-enum';
export { describeEnumDrift, enumDrift, readEnumLabels, type EnumDrift } from './enums/drift';
export type { EnumValuePosition } from './enums/sql';

// Schema snapshots and the schema convention lint
export { SNAPSHOT_FORMAT, type SchemaSnapshot, type SnapshotColumn, type SnapshotConstraint, type SnapshotEnum, type SnapshotExtension, type SnapshotFunction, type SnapshotIndex, type SnapshotSequence, type SnapshotTable, type SnapshotTrigger, type SnapshotView } from './schema/types';
export { snapshotSchema, type SnapshotOptions } from './schema/snapshot';
export { parseSnapshotText, readSnapshotDocument, renderSnapshotJson, renderSnapshotText, snapshotEntries, type SnapshotEntry } from './schema/render';
export { diffSnapshotEntries, diffSnapshots } from './schema/diff';
export { lintSchema, type SchemaLintOptions } from './schema/lint';
export { schemaLintOptionsFrom, type SchemaLintPackageOptions, type SchemaWaivers } from './schema/lint-options';
export { SCHEMA_RULE_IDS, SchemaRule, type SchemaRuleId } from './schema/lint-rules';

// Errors
export { ConfigError, ExitCode, HistoryError, LockTimeoutError, MigrationError, ModuleLoadError, ParseError, SafetyError, StrataError, UsageError, messageOf } from './errors';

// Seeds and the seed kit
export { SeedProfile, type SeedContext, type SeedModule } from './seeds/module';
export { seedIds, type SeedIds } from './seeds/ids';
export { ensureRow, upsertRow, type NaturalKey } from './seeds/rows';
export { MIN_PRODUCTION_SECRET_LENGTH, productionSecrets, refuseOnProduction, type ProductionSecret } from './seeds/production';

// Migration modules and the runner
export type { MigrationConfig, MigrationLintConfig, MigrationModule } from './migrations/source';
export type { MigrateRequest } from './migrations/plan';
export type { HistoryWrite, MigrateResult, StepRecord } from './migrations/records';
export { MIGRATE_DEFAULTS, migrateOptions, runMigrations, type MigrateOptions } from './migrations/runner';
export { MigrationState, readStatus, type MigrationStatus } from './migrations/status';
export { renderPreview } from './migrations/preview';
export { baselineMigrations, type BaselineOptions, type BaselineResult } from './migrations/baseline';
export { SEED_DEFAULTS, runSeeds, seedOptions, seedStatus, undoSeeds, type SeedOptions, type SeedStatus } from './seeds/runner';
export { BookkeepingTable, isBookkeepingTable } from './bookkeeping';

// Databases
export { connect } from './db/connect';
export { isProduction } from './db/environment';
export { maskUrl } from './db/url';
export type { Knex } from 'knex';

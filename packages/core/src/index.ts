/**
 * @strata/core — the public API for schema packages: conventions (names, tables, enums),
 * seed types, errors, and the runner for programmatic use.
 */
export * from './conventions';
export * from './errors';
export { SeedProfile, type SeedContext, type SeedModule } from './seeds/module';
export { seedIds, type SeedIds } from './seeds/ids';
export { ensureRow, upsertRow, type NaturalKey } from './seeds/rows';
export { productionSecrets, refuseOnProduction, MIN_PRODUCTION_SECRET_LENGTH, type ProductionSecret } from './seeds/production';
export type { MigrationModule, MigrationConfig, MigrationLintConfig } from './migrations/source';
export { runMigrations, readStatus, type MigrateProps, type MigrateResult } from './migrations/runner';
export type { MigrateRequest } from './migrations/plan';
export { runSeeds, undoSeeds, seedStatus } from './seeds/runner';
export { connect } from './db/connect';
export { isProduction } from './db/environment';
export { maskUrl } from './db/url';
export type { Knex } from 'knex';

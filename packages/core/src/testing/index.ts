/**
 * Test utilities shared by every package: real servers, throwaway databases (one per test file,
 * migrated and seeded by the package's real CLI), what a package's tables hold, catalog facts read
 * from schema snapshots, PostgreSQL refusals provoked in rolled-back transactions, and the
 * production refusals of demo data.
 */
export * from './servers';
export * from './databases';
export * from './cli';
export * from './package-cli';
export * from './tables';
export * from './schema-facts';
export * from './package-database';
export * from './pg-errors';
export * from './transactions';
export * from './seeds';

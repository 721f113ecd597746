/**
 * Test utilities shared by every package: real servers, throwaway databases, the real CLI run
 * in a package, what a package's tables hold, and catalog facts read from schema snapshots.
 */
export * from './servers';
export * from './databases';
export * from './cli';
export * from './package-cli';
export * from './tables';
export * from './schema-facts';

/** Schema snapshots, their diff, and the schema convention lint. */
export * from './types';
export * from './snapshot';
export * from './render';
export * from './definitions';
export * from './diff';
export * from './lint-rules';
export * from './lint-options';
export * from './lint';

/** Core conventions: naming, table helpers, enum helpers, schema snapshots and schema lint. */
export * from './naming';
export * from './tables';
export * from './enums';
export * from './schema';

/** Naming conventions: identifiers, the 63-byte limit, constraint and index names. */
export * from './identifier';
export * from './names';

/** Native PostgreSQL enum helpers. */
export * from './define-enum';
export * from './drift';
export * from './sql';

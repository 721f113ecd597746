/** Table helpers: UUIDv7 keys, timestamps, soft delete, foreign keys, money. */
export * from './uuid-v7';
export * from './updated-at';
export * from './columns';
export * from './foreign-key';
export * from './online-ddl';

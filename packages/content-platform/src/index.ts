/** Shared by the migrations, seeds and tests of @strata/content-platform. */
import { seedIds } from '@strata/core';

export * from './enums';
export * from './tables';

/**
 * Namespace of this package's seeded ids. Fixed forever: changing it would give every seeded
 * row a new id, and a rerun would insert duplicates instead of finding its rows.
 */
export const SEED_NAMESPACE = '4c54a5ef-0aee-4d26-8ed7-836b563434e2';

/**
 * `stableId(table, naturalKey)`: the id a seed gives a row — a UUID v5, 36 characters, so it fits
 * the varchar(36) ids the application writes (`str(uuid4())`); `deleteSeeded` removes exactly those rows.
 */
export const { id: stableId, deleteSeeded } = seedIds(SEED_NAMESPACE);

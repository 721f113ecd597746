/** Shared by the migrations, seeds and tests of @strata/petlab: seeded ids, table names, enums. */
import { seedIds } from '@strata/core';

export * from './enums';
export * from './tables';

/**
 * Namespace of this package's seeded ids. Fixed forever: changing it would give every seeded
 * row a new id, and a rerun would insert duplicates instead of finding its rows.
 */
export const SEED_NAMESPACE = 'e4c3e4e9-eb23-4274-b7e1-0f02c290bb87';

/** `stableId(table, naturalKey)`: the id a seed gives a row; `deleteSeeded` removes exactly those rows. */
export const { id: stableId, deleteSeeded } = seedIds(SEED_NAMESPACE);

import { seedIds } from '@strata/core';

/**
 * Namespace of this package's seeded ids. Fixed forever: changing it would give every seeded
 * row a new id, and a rerun would insert duplicates instead of finding its rows.
 */
export const SEED_NAMESPACE = 'd737fcaf-ce82-422c-a21a-6f90db8f2cf6';

/** `stableId(table, naturalKey)`: the id a seed gives a row; `deleteSeeded` removes exactly those rows. */
export const { id: stableId, deleteSeeded } = seedIds(SEED_NAMESPACE);

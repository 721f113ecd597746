import { seedIds } from '@strata/core';

/**
 * Namespace of this package's seeded ids. Fixed forever: changing it would give every
 * seeded row a new id, and a re-run would insert duplicates instead of finding its rows.
 */
export const SEED_NAMESPACE = '6f1d3c2a-8b4e-5a7f-9c0d-2e3b4a5c6d7e';

/** `stableId(table, naturalKey)`: the id a seed gives a row; `deleteSeeded` removes exactly those rows. */
export const { id: stableId, deleteSeeded } = seedIds(SEED_NAMESPACE);

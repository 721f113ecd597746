/**
 * Shared by the migrations, seeds and tests of @strata/isp: the namespace of seeded ids. Table
 * names are in `./tables`, enum types in `./enums`, the seeds' data in `./reference` and `./demo`.
 */
import { seedIds } from '@strata/core';

/**
 * Namespace of this package's seeded ids. Fixed forever: changing it would give every seeded
 * row a new id, and a rerun would insert duplicates instead of finding its rows.
 */
export const SEED_NAMESPACE = '9b412ebb-8bf6-4d54-b480-8bf065c1ae6e';

/** `stableId(table, naturalKey)`: the id a seed gives a row; `deleteSeeded` removes exactly those rows. */
export const { id: stableId, deleteSeeded } = seedIds(SEED_NAMESPACE);

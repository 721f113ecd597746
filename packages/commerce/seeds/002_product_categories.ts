/**
 * Reference seed: the shop's product categories. Inserted once: staff may rename or reorder a
 * category in the admin, and a rerun leaves their edits alone.
 */
import type { Knex } from 'knex';
import { ensureRow, SeedProfile } from '@strata/core';
import { deleteSeeded, stableId } from '../src/ids';
import { PRODUCT_CATEGORIES } from '../src/reference-data';
import { Table } from '../src/tables';

export const profile = SeedProfile.reference;

export async function seed(knex: Knex): Promise<void> {
  for (const category of PRODUCT_CATEGORIES) {
    await ensureRow(knex, Table.productCategories, { slug: category.slug }, {
      id: stableId(Table.productCategories, category.slug),
      slug: category.slug,
      name: category.name,
      description: category.description,
      sort_order: category.sortOrder,
      is_active: true,
    });
  }
}

/** Refused by the database (RESTRICT) while products still use a category: undo the demo seeds first. */
export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.productCategories, PRODUCT_CATEGORIES.map((category) => category.slug));
}

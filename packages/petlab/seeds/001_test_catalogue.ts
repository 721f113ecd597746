/**
 * Reference seed: the test catalogue — 6 categories and 15 veterinary tests with tube type,
 * sample volume, collection instructions and turnaround hours, and their search tags.
 * A category or test whose natural key (slug, code) exists is left as it is, so the lab's own
 * price or wording changes are never reverted by a rerun.
 */
import type { Knex } from 'knex';
import { ensureRow, SeedProfile } from '@strata/core';
import { deleteSeeded, stableId, Table } from '../src';
import { TEST_CATEGORIES, TESTS } from '../src/catalogue';

export const profile = SeedProfile.reference;

const tagKey = (code: string, tag: string) => `${code}:${tag}`;

export async function seed(knex: Knex): Promise<void> {
  const categoryIds = new Map<string, string>();
  for (const category of TEST_CATEGORIES) {
    const id = await ensureRow(knex, Table.testCategories, { slug: category.slug }, {
      id: stableId(Table.testCategories, category.slug),
      slug: category.slug,
      name: category.name,
      description: category.description,
      sort_order: category.sortOrder,
    });
    categoryIds.set(category.slug, id);
  }
  for (const test of TESTS) {
    const testId = await ensureRow(knex, Table.tests, { code: test.code }, {
      id: stableId(Table.tests, test.code),
      category_id: categoryIds.get(test.category),
      code: test.code,
      name: test.name,
      description: test.description,
      price: test.price,
      tube_type: test.tubeType,
      sample_quantity_ml: test.sampleQuantityMl,
      sample_collection_instructions: test.instructions,
      tat_hours: test.tatHours,
    });
    for (const tag of test.tags) {
      await ensureRow(knex, Table.testTags, { test_id: testId, tag }, { id: stableId(Table.testTags, tagKey(test.code, tag)), test_id: testId, tag });
    }
  }
}

/** Removes the seeded tags, tests and categories — refused (RESTRICT) once a booking uses a test. */
export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.testTags, TESTS.flatMap((test) => test.tags.map((tag) => tagKey(test.code, tag))));
  await deleteSeeded(knex, Table.tests, TESTS.map((test) => test.code));
  await deleteSeeded(knex, Table.testCategories, TEST_CATEGORIES.map((category) => category.slug));
}

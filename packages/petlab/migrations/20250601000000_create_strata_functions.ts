/**
 * The functions every table of this package relies on: strata_uuidv7() (primary key default)
 * and strata_set_updated_at() (updated_at trigger). Later migrations create the tables.
 */
import type { Knex } from 'knex';
import { createUpdatedAtFunction, createUuidV7Function, dropUpdatedAtFunction, dropUuidV7Function } from '@strata/core';

export async function up(knex: Knex): Promise<void> {
  await createUuidV7Function(knex);
  await createUpdatedAtFunction(knex);
}

export async function down(knex: Knex): Promise<void> {
  await dropUpdatedAtFunction(knex);
  await dropUuidV7Function(knex);
}

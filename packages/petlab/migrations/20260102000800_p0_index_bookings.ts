/**
 * P0: the indexes of the two new foreign keys of bookings, built CONCURRENTLY — inserts and
 * updates of bookings go on during the build (a plain CREATE INDEX holds a SHARE lock that blocks
 * them until the last row is indexed). CONCURRENTLY cannot run inside a transaction, hence
 * `transaction: false`; if a build fails, the invalid index it leaves is dropped and rebuilt when
 * the migration runs again (see createIndexConcurrently).
 */
import type { Knex } from 'knex';
import { createIndexConcurrently, dropIndexConcurrently } from '../src/online-ddl';
import { Table } from '../src/tables';

export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await createIndexConcurrently(knex, Table.bookings, ['pet_id']);
  await createIndexConcurrently(knex, Table.bookings, ['collection_staff_id']);
}

export async function down(knex: Knex): Promise<void> {
  await dropIndexConcurrently(knex, Table.bookings, ['collection_staff_id']);
  await dropIndexConcurrently(knex, Table.bookings, ['pet_id']);
}

/**
 * P0 on a live table: bookings gets pet_id, collection_staff_id, notes, estimated_distance_km.
 *
 * Online, in three steps (bookings is the busiest table):
 * 1. here: nullable columns (catalog only) and the foreign keys and check NOT VALID — new rows are
 *    checked at once, no existing row is read;
 * 2. 20260102000800: ix_bookings_pet_id and ix_bookings_collection_staff_id, CONCURRENTLY;
 * 3. 20260102000900: VALIDATE, which scans under SHARE UPDATE EXCLUSIVE while writes go on.
 * (A plain ADD FOREIGN KEY would hold SHARE ROW EXCLUSIVE on bookings — blocking every insert —
 * while it checks all rows; a plain CREATE INDEX would block inserts for the whole build.)
 *
 * pet_id stays nullable: bookings made before pets existed have no pet, and inventing one would be
 * worse than NULL. The application requires it on new bookings.
 *
 * Booking → Pet: the seed's sketch says CASCADE, which would delete a pet's bookings — and through
 * them the reports — when the pet is deleted. RESTRICT: medical and billing history outlives the
 * pet row (pets are soft-deleted).
 * Booking → Staff (the collector): RESTRICT, the chain of custody of the sample names who took it.
 */
import type { Knex } from 'knex';
import { ckName, fkName } from '@strata/core';
import { addCheckNotValid, addForeignKeyNotValid, limitLockWait } from '../src/online-ddl';
import { Table } from '../src/tables';

const TABLE = Table.bookings;

export async function up(knex: Knex): Promise<void> {
  await limitLockWait(knex);
  await knex.schema.alterTable(TABLE, (t) => {
    t.uuid('pet_id').nullable();
    t.uuid('collection_staff_id').nullable();
    t.text('notes').nullable();
    // Road distance from the clinic to the collection address, for distance pricing.
    t.decimal('estimated_distance_km', 7, 2).nullable();
  });
  await addForeignKeyNotValid(knex, TABLE, 'pet_id', { references: Table.pets, onDelete: 'restrict' });
  await addForeignKeyNotValid(knex, TABLE, 'collection_staff_id', { references: Table.staff, onDelete: 'restrict' });
  await addCheckNotValid(knex, TABLE, 'estimated_distance_km_not_negative', 'estimated_distance_km >= 0');
}

export async function down(knex: Knex): Promise<void> {
  await limitLockWait(knex);
  await knex.schema.alterTable(TABLE, (t) => {
    t.dropChecks([ckName(TABLE, 'estimated_distance_km_not_negative')]);
    t.dropForeign('collection_staff_id', fkName(TABLE, 'collection_staff_id'));
    t.dropForeign('pet_id', fkName(TABLE, 'pet_id'));
    t.dropColumns('pet_id', 'collection_staff_id', 'notes', 'estimated_distance_km');
  });
}

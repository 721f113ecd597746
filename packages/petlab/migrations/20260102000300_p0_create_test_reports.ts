/**
 * P0: test_reports — the result of one booked test: TestReport → BookingItem one-to-one
 * (unique booking_item_id), analysed by a lab technician, verified by an analyst, released to
 * the owner; amended (never deleted) after release.
 *
 * The seed's sketch cascades the delete from the booking item. A report is a medical record: it
 * must survive any cleanup of bookings, so the key is RESTRICT (a booking item with a report
 * cannot be deleted; cancel the booking instead).
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, fkName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { ReportStatus } from '../src/enums';
import { Table } from '../src/tables';

const TABLE = Table.testReports;

export async function up(knex: Knex): Promise<void> {
  await ReportStatus.create(knex, { values: ['pending', 'in_progress', 'ready', 'verified', 'released', 'amended'] });
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // One report per booking item: uq_test_reports_booking_item_id also serves as the foreign
    // key's index, so there is no separate ix_ index. RESTRICT: see the file comment.
    t.uuid('booking_item_id').notNullable();
    t.foreign('booking_item_id', fkName(TABLE, 'booking_item_id')).references('id').inTable(Table.bookingItems).onDelete('RESTRICT');
    t.unique(['booking_item_id'], { indexName: uqName(TABLE, ['booking_item_id']) });
    // RESTRICT: the batch is the report's quality-control provenance.
    foreignKey(t, TABLE, 'batch_group_id', { references: Table.testBatchGroups, onDelete: 'restrict', nullable: true });
    ReportStatus.column(t, 'status').notNullable().defaultTo('pending');
    // Parameter → { value, unit, reference range, flag }, as the analyser and analyst record it.
    t.jsonb('results').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    t.text('summary').nullable();
    // Object-storage key of the signed PDF; the file itself is not kept in the database.
    t.string('report_file_key', 500).nullable();
    // RESTRICT on both: who analysed and who signed a medical report must stay known.
    foreignKey(t, TABLE, 'analyzed_by', { references: Table.staff, onDelete: 'restrict', nullable: true });
    foreignKey(t, TABLE, 'verified_by', { references: Table.staff, onDelete: 'restrict', nullable: true });
    t.timestamp('verified_at', { useTz: true }).nullable();
    t.timestamp('released_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.index(['status'], ixName(TABLE, ['status']));
    t.check('(verified_by IS NULL) = (verified_at IS NULL)', {}, ckName(TABLE, 'verified_by_and_at_together'));
    t.check(`status NOT IN ('verified', 'released', 'amended') OR verified_by IS NOT NULL`, {}, ckName(TABLE, 'verified_before_release'));
    t.check(`status NOT IN ('released', 'amended') OR released_at IS NOT NULL`, {}, ckName(TABLE, 'released_has_released_at'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await ReportStatus.drop(knex);
}

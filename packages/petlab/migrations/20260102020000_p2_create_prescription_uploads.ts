/**
 * P2: prescription_uploads — a vet's prescription or a filled-in test form uploaded for a
 * booking, reviewed by staff. The file lives in object storage; the row keeps its key, name,
 * type, size and SHA-256 (to detect a corrupted or swapped file).
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { PrescriptionKind, PrescriptionStatus } from '../src/enums';
import { Table } from '../src/tables';

const TABLE = Table.prescriptionUploads;

/** Largest accepted upload: 10 MiB (a phone photo of a prescription is 2–5 MiB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Lint findings this migration accepts, each with its reason. */
export const lint = {
  allow: {
    'char-column': 'a SHA-256 is always 64 hex digits (ck_prescription_uploads_sha256_hex): a full-width value is never blank-padded',
  },
};

export async function up(knex: Knex): Promise<void> {
  await PrescriptionKind.create(knex, { values: ['prescription', 'test_form'] });
  await PrescriptionStatus.create(knex, { values: ['uploaded', 'accepted', 'rejected'] });
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // RESTRICT: a prescription is part of the booking's medical record.
    foreignKey(t, TABLE, 'booking_id', { references: Table.bookings, onDelete: 'restrict' });
    // RESTRICT: the uploader stays known; owners are deactivated, not deleted.
    foreignKey(t, TABLE, 'user_id', { references: Table.users, onDelete: 'restrict' });
    PrescriptionKind.column(t, 'kind').notNullable().defaultTo('prescription');
    t.string('storage_key', 500).notNullable();
    t.string('original_filename', 255).notNullable();
    t.string('content_type', 100).notNullable();
    t.integer('file_size_bytes').notNullable();
    t.specificType('sha256', 'char(64)').notNullable();
    PrescriptionStatus.column(t, 'status').notNullable().defaultTo('uploaded');
    // RESTRICT: who accepted or rejected a prescription stays known.
    foreignKey(t, TABLE, 'reviewed_by', { references: Table.staff, onDelete: 'restrict', nullable: true });
    t.timestamp('reviewed_at', { useTz: true }).nullable();
    t.text('review_notes').nullable();
    timestamps(t, knex);
    t.unique(['storage_key'], { indexName: uqName(TABLE, ['storage_key']) });
    t.index(['status'], ixName(TABLE, ['status']));
    t.check(`content_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/webp')`, {}, ckName(TABLE, 'content_type_allowed'));
    t.check(`file_size_bytes > 0 AND file_size_bytes <= ${MAX_UPLOAD_BYTES}`, {}, ckName(TABLE, 'file_size_within_limit'));
    t.check(`sha256 ~ '^[0-9a-f]{64}$'`, {}, ckName(TABLE, 'sha256_hex'));
    t.check('(reviewed_by IS NULL) = (reviewed_at IS NULL)', {}, ckName(TABLE, 'reviewed_by_and_at_together'));
    t.check(`status = 'uploaded' OR reviewed_by IS NOT NULL`, {}, ckName(TABLE, 'reviewed_has_reviewer'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await PrescriptionStatus.drop(knex);
  await PrescriptionKind.drop(knex);
}

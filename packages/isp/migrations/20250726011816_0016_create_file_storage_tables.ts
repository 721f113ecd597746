/**
 * Step 16 of 17 — 0016_create_file_storage_tables — Features: File storage system (consolidated).
 *
 * Files live in S3-compatible object storage (MinIO on premises); the database keeps each
 * object's metadata — bucket, key, ETag, size, content type, SHA-256 checksum, version — and
 * what it is attached to. The row is written before the upload (`pending_upload`, so an upload
 * that never finishes is found and cleaned) and becomes `available` once the store confirms it.
 *
 * An attachment belongs to exactly one owner — a ticket, a work order, a customer or an invoice —
 * through one nullable foreign key per kind of owner and a check that exactly one is set: a
 * real foreign key for every owner, which a polymorphic (owner_type, owner_id) pair cannot have.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { FileStatus } from '../src/enums';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 16, revision: '0016_create_file_storage_tables', title: 'Features: File storage system (consolidated)' };

export async function up(knex: Knex): Promise<void> {
  await FileStatus.create(knex, { values: ['pending_upload', 'available', 'deleted'] });

  await knex.schema.createTable(Table.storedFiles, (t) => {
    const table = Table.storedFiles;
    uuidPrimaryKey(t, table, knex);
    t.text('bucket').notNullable();
    t.text('object_key').notNullable();
    // The store's ETag (MD5 of a single-part upload, not of a multipart one: hence the checksum below).
    t.text('etag').nullable();
    // S3 object version id when the bucket is versioned.
    t.text('version_id').nullable();
    t.bigInteger('size_bytes').notNullable();
    t.text('content_type').notNullable();
    // SHA-256 of the content, computed on upload: integrity whatever the ETag is.
    t.binary('checksum_sha256').nullable();
    t.text('storage_class').nullable();
    // The name the file had on the uploader's machine (for downloads).
    t.text('original_filename').nullable();
    FileStatus.column(t, 'status').notNullable().defaultTo('pending_upload');
    // SET NULL: a file stays when its uploader's account is removed.
    foreignKey(t, table, 'uploaded_by_id', { references: Table.staffUsers, onDelete: 'set null', nullable: true });
    t.timestamp('uploaded_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.unique(['bucket', 'object_key'], { indexName: uqName(table, ['bucket', 'object_key']) });
    // The cleanup job: uploads that never completed.
    t.index(['created_at'], ixName(table, ['created_at']), { predicate: knex.whereRaw("status = 'pending_upload'") });
    // S3 bucket naming rules (3–63 lower-case letters, digits, dots, hyphens) and key length (1024 bytes).
    t.check("bucket ~ '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$'", {}, ckName(table, 'bucket_name'));
    t.check("octet_length(object_key) BETWEEN 1 AND 1024", {}, ckName(table, 'object_key_length'));
    // S3's largest object: 5 TiB.
    t.check('size_bytes BETWEEN 0 AND 5497558138880', {}, ckName(table, 'size_range'));
    t.check("content_type ~ '^[a-z0-9.+-]+/[a-zA-Z0-9.+-]+'", {}, ckName(table, 'content_type_format'));
    t.check('octet_length(checksum_sha256) = 32', {}, ckName(table, 'checksum_sha256_length'));
    t.check("status <> 'available' OR (etag IS NOT NULL AND checksum_sha256 IS NOT NULL AND uploaded_at IS NOT NULL)", {}, ckName(table, 'available_is_complete'));
  });
  await addUpdatedAtTrigger(knex, Table.storedFiles);

  await knex.schema.createTable(Table.fileAttachments, (t) => {
    const table = Table.fileAttachments;
    uuidPrimaryKey(t, table, knex);
    // RESTRICT: an attached file is detached before it is deleted.
    foreignKey(t, table, 'file_id', { references: Table.storedFiles, onDelete: 'restrict' });
    // CASCADE: an attachment goes with its owner (the object is then unreferenced and collected).
    foreignKey(t, table, 'ticket_id', { references: Table.tickets, onDelete: 'cascade', nullable: true });
    foreignKey(t, table, 'work_order_id', { references: Table.workOrders, onDelete: 'cascade', nullable: true });
    foreignKey(t, table, 'customer_id', { references: Table.customers, onDelete: 'cascade', nullable: true });
    foreignKey(t, table, 'invoice_id', { references: Table.invoices, onDelete: 'cascade', nullable: true });
    // 'contract', 'photo', 'identity_document'… as the owner's screen groups them.
    t.text('label').nullable();
    foreignKey(t, table, 'attached_by_id', { references: Table.staffUsers, onDelete: 'set null', nullable: true });
    timestamps(t, knex);
    t.check('num_nonnulls(ticket_id, work_order_id, customer_id, invoice_id) = 1', {}, ckName(table, 'one_owner'));
  });
  await addUpdatedAtTrigger(knex, Table.fileAttachments);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(Table.fileAttachments);
  await knex.schema.dropTable(Table.storedFiles);
  await FileStatus.drop(knex);
}

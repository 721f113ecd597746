/**
 * P0 on a live table: tests gets the full sample information — tube_type, sample_quantity_ml,
 * sample_collection_instructions, tat_hours — and the timestamps it never had.
 *
 * Online: every column is nullable or has a constant-or-stable default, so nothing is rewritten.
 * `created_at`/`updated_at DEFAULT now()`: PostgreSQL evaluates now() once for the existing rows
 * and keeps the value in the catalog, so every test that existed before P0 reads this migration's
 * time as its created_at — the true creation time was never recorded, and "known since P0" is the
 * honest value. The checks are NOT VALID here and validated by 20260102000900.
 * Tube, volume and turnaround stay nullable: the lab fills them in per test (the reference seed
 * does for the catalogue it ships); a test without them cannot be booked by the application.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, dropUpdatedAtTrigger, timestamps } from '@strata/core';
import { TubeType } from '../src/enums';
import { addCheckNotValid, limitLockWait } from '../src/online-ddl';
import { Table } from '../src/tables';

const TABLE = Table.tests;

export async function up(knex: Knex): Promise<void> {
  await limitLockWait(knex);
  await TubeType.create(knex, { values: ['edta', 'plain', 'sst', 'heparin', 'citrate', 'fluoride', 'urine_container', 'stool_container', 'swab'] });
  await knex.schema.alterTable(TABLE, (t) => {
    TubeType.column(t, 'tube_type').nullable();
    // Sample volume to draw, millilitres (two decimals: 0.25 ml for a cat's EDTA micro-tube).
    t.decimal('sample_quantity_ml', 6, 2).nullable();
    t.text('sample_collection_instructions').nullable();
    // Turnaround time promised to the owner, in hours from sample receipt.
    t.integer('tat_hours').nullable();
    timestamps(t, knex);
  });
  await addUpdatedAtTrigger(knex, TABLE);
  await addCheckNotValid(knex, TABLE, 'sample_quantity_ml_positive', 'sample_quantity_ml > 0');
  await addCheckNotValid(knex, TABLE, 'tat_hours_positive', 'tat_hours > 0');
}

export async function down(knex: Knex): Promise<void> {
  await limitLockWait(knex);
  await dropUpdatedAtTrigger(knex, TABLE);
  await knex.schema.alterTable(TABLE, (t) => {
    t.dropChecks([ckName(TABLE, 'sample_quantity_ml_positive'), ckName(TABLE, 'tat_hours_positive')]);
    t.dropColumns('tube_type', 'sample_quantity_ml', 'sample_collection_instructions', 'tat_hours', 'created_at', 'updated_at');
  });
  await TubeType.drop(knex);
}

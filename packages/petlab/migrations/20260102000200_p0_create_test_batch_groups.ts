/**
 * P0: test_batch_groups — the seed's "test grouping for batch operations": samples of one test
 * that the lab runs together (one analyser run, one set of controls). A report points at the
 * batch that produced it, so a failed control can be traced to every report of the run.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { BatchStatus } from '../src/enums';
import { Table } from '../src/tables';

const TABLE = Table.testBatchGroups;

export async function up(knex: Knex): Promise<void> {
  await BatchStatus.create(knex, { values: ['open', 'running', 'completed', 'failed'] });
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    t.string('batch_code', 30).notNullable();
    // RESTRICT: a batch is quality-control evidence for its reports; tests are retired, not deleted.
    foreignKey(t, TABLE, 'test_id', { references: Table.tests, onDelete: 'restrict' });
    BatchStatus.column(t, 'status').notNullable().defaultTo('open');
    // RESTRICT: who ran the batch stays known (staff are soft-deleted).
    foreignKey(t, TABLE, 'lab_tech_id', { references: Table.staff, onDelete: 'restrict', nullable: true });
    t.timestamp('started_at', { useTz: true }).nullable();
    t.timestamp('completed_at', { useTz: true }).nullable();
    t.text('notes').nullable();
    timestamps(t, knex);
    t.unique(['batch_code'], { indexName: uqName(TABLE, ['batch_code']) });
    t.index(['status'], ixName(TABLE, ['status']));
    t.check('completed_at >= started_at', {}, ckName(TABLE, 'completed_after_started'));
    t.check(`status NOT IN ('completed', 'failed') OR completed_at IS NOT NULL`, {}, ckName(TABLE, 'finished_has_completed_at'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await BatchStatus.drop(knex);
}

/** Call detail records from the switch: one row per call, rated (rate, cost) and then billed. */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, money, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { CallDirection, CallType, CdrProcessingStatus } from '../src/enums';
import { Table } from '../src/tables';

const TABLE = Table.cdrs;

export async function up(knex: Knex): Promise<void> {
  await CallDirection.create(knex);
  await CallType.create(knex);
  await CdrProcessingStatus.create(knex);
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // The switch's own call id (e.g. FreeSWITCH's uuid): unique, so a CDR delivered twice is stored once.
    t.uuid('call_uuid').notNullable();
    // RESTRICT on both: CDRs are billing evidence that must be retained; a subscription or
    // account with calls is closed by status, never deleted with its calls.
    // NULL when the call matched no subscription (rated at the account's pay-as-you-go tariff).
    foreignKey(t, TABLE, 'subscription_id', { references: Table.subscriptions, onDelete: 'restrict', nullable: true });
    foreignKey(t, TABLE, 'account_id', { references: Table.accounts, onDelete: 'restrict' });
    // Calling number (caller id) and dialled destination, E.164 where known.
    t.string('caller_id', 32).notNullable();
    t.string('destination', 32).notNullable();
    CallDirection.column(t, 'direction').notNullable();
    CallType.column(t, 'call_type').notNullable();
    t.timestamp('start_time', { useTz: true }).notNullable();
    t.timestamp('answer_time', { useTz: true }).nullable();
    t.timestamp('end_time', { useTz: true }).nullable();
    // Seconds from start to end; billable_seconds from answer to end, rounded to the pulse.
    t.integer('duration').notNullable().defaultTo(0);
    t.integer('billable_seconds').notNullable().defaultTo(0);
    t.string('hangup_cause', 64).nullable();
    // Price per minute applied, and the resulting charge; NULL until rated.
    money(t, 'rate').nullable();
    money(t, 'cost').nullable();
    CdrProcessingStatus.column(t, 'processing_status').notNullable().defaultTo('pending');
    t.timestamp('processed_at', { useTz: true }).nullable();
    t.text('processing_error').nullable();
    // The record as the switch sent it, kept for disputes and re-rating.
    t.jsonb('raw_data').nullable();
    timestamps(t, knex);
    t.unique(['call_uuid'], { indexName: uqName(TABLE, ['call_uuid']) });
    t.index(['caller_id'], ixName(TABLE, ['caller_id']));
    t.index(['destination'], ixName(TABLE, ['destination']));
    t.index(['start_time'], ixName(TABLE, ['start_time']));
    // The rating job picks up pending CDRs.
    t.index(['processing_status'], ixName(TABLE, ['processing_status']));
    t.index(['call_type'], ixName(TABLE, ['call_type']));
    t.check('duration >= 0 AND billable_seconds >= 0 AND billable_seconds <= duration', {}, ckName(TABLE, 'durations_valid'));
    t.check('cost IS NULL OR cost >= 0', {}, ckName(TABLE, 'cost_not_negative'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await CdrProcessingStatus.drop(knex);
  await CallType.drop(knex);
  await CallDirection.drop(knex);
}

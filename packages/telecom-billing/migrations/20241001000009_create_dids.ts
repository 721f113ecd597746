/** Telephone number (DID) inventory and which subscription each number is assigned to. */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, money, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { DidStatus, DidType } from '../src/enums';
import { Table } from '../src/tables';

const TABLE = Table.dids;

export async function up(knex: Knex): Promise<void> {
  await DidType.create(knex);
  await DidStatus.create(knex);
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // E.164 number, e.g. +918041234567.
    t.string('did_number', 20).notNullable();
    // SET NULL: a number is inventory that outlives a subscription; when the subscription goes,
    // the number stays with us and returns to the pool (status says whether it can be reused).
    foreignKey(t, TABLE, 'subscription_id', { references: Table.subscriptions, onDelete: 'set null', nullable: true });
    // ISO 3166-1 alpha-2.
    t.string('country', 2).notNullable().defaultTo('IN');
    // STD code, e.g. 80 for Bengaluru.
    t.string('area_code', 10).nullable();
    t.string('city', 100).nullable();
    DidType.column(t, 'number_type').notNullable().defaultTo('local');
    DidStatus.column(t, 'status').notNullable().defaultTo('available');
    // Carrier the number is leased from.
    t.string('provider', 100).nullable();
    // What the carrier charges us for the number.
    money(t, 'monthly_cost').notNullable().defaultTo(0);
    money(t, 'setup_cost').notNullable().defaultTo(0);
    // e.g. { "voice": true, "sms": false }.
    t.jsonb('capabilities').notNullable().defaultTo(knex.raw(`'{"voice": true}'::jsonb`));
    // Where inbound calls go: IVR, extension, queue or forward-to number.
    t.jsonb('routing').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    t.timestamp('assigned_at', { useTz: true }).nullable();
    t.timestamp('released_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.unique(['did_number'], { indexName: uqName(TABLE, ['did_number']) });
    t.index(['status'], ixName(TABLE, ['status']));
    t.index(['country'], ixName(TABLE, ['country']));
    t.check(`did_number ~ '^[+][1-9][0-9]{6,14}$'`, {}, ckName(TABLE, 'did_number_e164'));
    // An assigned number belongs to a subscription.
    t.check(`status <> 'assigned' OR subscription_id IS NOT NULL`, {}, ckName(TABLE, 'assigned_has_subscription'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await DidStatus.drop(knex);
  await DidType.drop(knex);
}

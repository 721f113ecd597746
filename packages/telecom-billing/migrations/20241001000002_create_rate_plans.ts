/** The plans customers subscribe to: prices, included minutes, limits and features. */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, ixName, money, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { DEFAULT_CURRENCY, Table } from '../src/tables';

const TABLE = Table.ratePlans;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // Stable natural key ('starter', …): the application and the seeds find plans by it.
    t.string('code', 50).notNullable();
    t.string('name', 100).notNullable();
    t.text('description').nullable();
    money(t, 'monthly_price').notNullable();
    money(t, 'annual_price').notNullable();
    t.string('currency', 3).notNullable().defaultTo(DEFAULT_CURRENCY);
    t.integer('included_minutes').notNullable().defaultTo(0);
    t.integer('max_dids').notNullable().defaultTo(1);
    t.integer('max_concurrent_calls').notNullable().defaultTo(1);
    // Price per minute beyond the included minutes; NULL = overage not sold on this plan.
    money(t, 'overage_rate_per_minute').nullable();
    // Feature flags and support channels, e.g. { "ivr": true, "support": ["email", "chat"] }.
    t.jsonb('features').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    // Retired plans stay (subscriptions reference them) but are no longer offered.
    t.boolean('is_active').notNullable().defaultTo(true);
    t.integer('sort_order').notNullable().defaultTo(0);
    t.jsonb('metadata').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    timestamps(t, knex);
    t.unique(['code'], { indexName: uqName(TABLE, ['code']) });
    t.unique(['name'], { indexName: uqName(TABLE, ['name']) });
    t.index(['is_active'], ixName(TABLE, ['is_active']));
    t.check('monthly_price >= 0 AND annual_price >= 0', {}, ckName(TABLE, 'prices_not_negative'));
    t.check('included_minutes >= 0 AND max_dids >= 0 AND max_concurrent_calls > 0', {}, ckName(TABLE, 'limits_valid'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
}

/**
 * Logged migration 04 (`20251015_04_fulfillment_tables`): fulfillment tasks, Instagram accounts
 * and their analytics (snapshots), service campaigns and campaign activities.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, fkName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { emptyObject } from '../../src/columns';
import { CampaignActivityType, CampaignStatus, FulfillmentTaskStatus } from '../../src/enums';
import { Table } from '../../src/tables';

const SNAPSHOTS = Table.instagramAccountSnapshots;

export async function up(knex: Knex): Promise<void> {
  await FulfillmentTaskStatus.create(knex, { values: ['pending', 'in_progress', 'blocked', 'done', 'canceled'] });
  await CampaignStatus.create(knex, { values: ['draft', 'scheduled', 'active', 'paused', 'completed', 'canceled'] });
  await CampaignActivityType.create(knex, { values: ['post_published', 'story_published', 'engagement_session', 'report_sent', 'note'] });

  await knex.schema.createTable(Table.fulfillmentTasks, (t) => {
    uuidPrimaryKey(t, Table.fulfillmentTasks, knex);
    // RESTRICT: a task records work done for the customer (evidence in a dispute or chargeback);
    // an order item with tasks is not deleted.
    foreignKey(t, Table.fulfillmentTasks, 'order_item_id', { references: Table.orderItems, onDelete: 'restrict' });
    // SET NULL: the task stays when the staff member's login goes; it is simply unassigned.
    foreignKey(t, Table.fulfillmentTasks, 'assignee_user_id', { references: Table.users, onDelete: 'set null', nullable: true });
    t.string('title', 200).notNullable();
    t.text('description').nullable();
    FulfillmentTaskStatus.column(t, 'status').notNullable().defaultTo('pending');
    t.integer('sort_order').notNullable().defaultTo(0);
    t.timestamp('due_at', { useTz: true }).nullable();
    t.timestamp('started_at', { useTz: true }).nullable();
    t.timestamp('completed_at', { useTz: true }).nullable();
    timestamps(t, knex);
    // The team's board lists open tasks by status.
    t.index(['status'], ixName(Table.fulfillmentTasks, ['status']));
    t.check(`status <> 'done' OR completed_at IS NOT NULL`, {}, ckName(Table.fulfillmentTasks, 'done_has_completed_at'));
  });
  await addUpdatedAtTrigger(knex, Table.fulfillmentTasks);

  await knex.schema.createTable(Table.instagramAccounts, (t) => {
    uuidPrimaryKey(t, Table.instagramAccounts, knex);
    t.uuid('customer_profile_id').notNullable();
    // Handle without '@', as Instagram allows it: letters, digits, '.', '_'; at most 30.
    t.string('username', 30).notNullable();
    // Instagram's own user id, known once the customer connects the account (OAuth).
    t.string('instagram_user_id', 64).nullable();
    t.boolean('is_business_account').notNullable().defaultTo(false);
    t.timestamp('connected_at', { useTz: true }).nullable();
    t.timestamp('disconnected_at', { useTz: true }).nullable();
    timestamps(t, knex);
    // A profile lists a handle once. This unique index leads with customer_profile_id, so it
    // also serves the foreign key below (declared by hand: foreignKey() would add a second index).
    t.unique(['customer_profile_id', 'username'], { indexName: uqName(Table.instagramAccounts, ['customer_profile_id', 'username']) });
    // Target of the snapshots' composite foreign key (customer_profile_id, id), which keeps a
    // snapshot's customer_profile_id equal to its account's.
    t.unique(['customer_profile_id', 'id'], { indexName: uqName(Table.instagramAccounts, ['customer_profile_id', 'id']) });
    t.unique(['instagram_user_id'], { indexName: uqName(Table.instagramAccounts, ['instagram_user_id']) });
    // CASCADE: a connected account is personal data of the profile and goes with it.
    t.foreign('customer_profile_id', fkName(Table.instagramAccounts, 'customer_profile_id')).references('id').inTable(Table.customerProfiles).onDelete('CASCADE');
    t.check(`username ~ '^[a-z0-9._]{1,30}$'`, {}, ckName(Table.instagramAccounts, 'username_format'));
  });
  await addUpdatedAtTrigger(knex, Table.instagramAccounts);

  await knex.schema.createTable(SNAPSHOTS, (t) => {
    uuidPrimaryKey(t, SNAPSHOTS, knex);
    // The ERD keys snapshots by customer profile (the indexing plan's dashboard query: a
    // profile's latest numbers); the account says which of the profile's accounts was measured.
    t.uuid('customer_profile_id').notNullable();
    t.uuid('instagram_account_id').notNullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable();
    t.integer('followers_count').notNullable();
    t.integer('following_count').notNullable();
    t.integer('media_count').notNullable();
    // Percent of followers who interacted, e.g. 3.2500.
    t.decimal('engagement_rate', 7, 4).nullable();
    t.integer('reach').nullable();
    t.integer('impressions').nullable();
    // Any further metric of the Graph API response, as received.
    t.jsonb('metrics').notNullable().defaultTo(emptyObject(knex));
    timestamps(t, knex);
    // CASCADE (delete and update): analytics are derived data of the account; they go with it
    // and follow it if it moves to another profile. One composite key instead of two single ones:
    // it both proves the account exists and that it belongs to the snapshot's profile.
    t.foreign(['customer_profile_id', 'instagram_account_id'], fkName(SNAPSHOTS, 'customer_profile_id_instagram_account_id'))
      .references(['customer_profile_id', 'id'])
      .inTable(Table.instagramAccounts)
      .onDelete('CASCADE')
      .onUpdate('CASCADE');
    // One reading per account and instant; leads with both key columns, so it indexes the foreign key.
    t.unique(['customer_profile_id', 'instagram_account_id', 'recorded_at'], {
      indexName: uqName(SNAPSHOTS, ['customer_profile_id', 'instagram_account_id', 'recorded_at']),
    });
    t.check('followers_count >= 0 AND following_count >= 0 AND media_count >= 0', {}, ckName(SNAPSHOTS, 'counts_not_negative'));
  });
  // Indexing plan: (customer_profile_id, recorded_at DESC) — the newest readings of a profile first.
  await knex.raw(`CREATE INDEX ?? ON ?? (customer_profile_id, recorded_at DESC)`, [ixName(SNAPSHOTS, ['customer_profile_id', 'recorded_at']), SNAPSHOTS]);
  await addUpdatedAtTrigger(knex, SNAPSHOTS);

  await knex.schema.createTable(Table.serviceCampaigns, (t) => {
    uuidPrimaryKey(t, Table.serviceCampaigns, knex);
    // RESTRICT: a campaign is a delivered service, part of the commercial record; profiles of
    // customers with orders are anonymised, never deleted.
    foreignKey(t, Table.serviceCampaigns, 'customer_profile_id', { references: Table.customerProfiles, onDelete: 'restrict' });
    // SET NULL: the campaign's history stays when the account is disconnected or erased.
    foreignKey(t, Table.serviceCampaigns, 'instagram_account_id', { references: Table.instagramAccounts, onDelete: 'set null', nullable: true });
    // RESTRICT: the order line that bought the campaign; NULL for campaigns given away.
    foreignKey(t, Table.serviceCampaigns, 'order_item_id', { references: Table.orderItems, onDelete: 'restrict', nullable: true });
    t.string('name', 200).notNullable();
    CampaignStatus.column(t, 'status').notNullable().defaultTo('draft');
    t.timestamp('starts_at', { useTz: true }).nullable();
    t.timestamp('ends_at', { useTz: true }).nullable();
    // Targets agreed with the customer, e.g. { "followers_gain": 1000 }.
    t.jsonb('goals').notNullable().defaultTo(emptyObject(knex));
    timestamps(t, knex);
    t.index(['status'], ixName(Table.serviceCampaigns, ['status']));
    t.check('ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at', {}, ckName(Table.serviceCampaigns, 'period_ordered'));
  });
  await addUpdatedAtTrigger(knex, Table.serviceCampaigns);

  await knex.schema.createTable(Table.campaignActivities, (t) => {
    uuidPrimaryKey(t, Table.campaignActivities, knex);
    // CASCADE: an activity is part of its campaign's log.
    foreignKey(t, Table.campaignActivities, 'service_campaign_id', { references: Table.serviceCampaigns, onDelete: 'cascade' });
    // SET NULL: the log stays when the staff member's login goes.
    foreignKey(t, Table.campaignActivities, 'performed_by_user_id', { references: Table.users, onDelete: 'set null', nullable: true });
    CampaignActivityType.column(t, 'activity_type').notNullable();
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('summary').nullable();
    // e.g. { "likes": 120, "comments": 14 } for a published post.
    t.jsonb('metrics').notNullable().defaultTo(emptyObject(knex));
    timestamps(t, knex);
  });
  await addUpdatedAtTrigger(knex, Table.campaignActivities);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(Table.campaignActivities);
  await knex.schema.dropTable(Table.serviceCampaigns);
  await knex.schema.dropTable(SNAPSHOTS);
  await knex.schema.dropTable(Table.instagramAccounts);
  await knex.schema.dropTable(Table.fulfillmentTasks);
  await CampaignActivityType.drop(knex);
  await CampaignStatus.drop(knex);
  await FulfillmentTaskStatus.drop(knex);
}

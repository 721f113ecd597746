/**
 * P1: coupons — the codes that redeem an offer, each with an optional usage limit.
 *
 * used_count is the number of redemptions, kept by the trigger of coupon_redemptions
 * (20260102010200) in the same transaction as the redemption, and bounded by
 * ck_coupons_used_count_within_max_uses: the limit is a constraint, not an application check,
 * so it holds under any concurrency (see that migration).
 *
 * Coupon → Offer: the seed's sketch cascades the delete. A coupon with redemptions is part of
 * the billing of those bookings, so RESTRICT: offers end with is_active / valid_until.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { Table } from '../src/tables';

const TABLE = Table.coupons;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // Upper case only, so the unique index matches what a customer types after upper-casing it.
    t.string('code', 30).notNullable();
    // RESTRICT, not the seed's CASCADE: see the file comment.
    foreignKey(t, TABLE, 'offer_id', { references: Table.offers, onDelete: 'restrict' });
    // NULL = unlimited.
    t.integer('max_uses').nullable();
    t.integer('used_count').notNullable().defaultTo(0);
    // NULL = unlimited per owner.
    t.integer('max_uses_per_user').nullable();
    // NULL = the offer's window.
    t.timestamp('valid_from', { useTz: true }).nullable();
    t.timestamp('valid_until', { useTz: true }).nullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    // RESTRICT: who issued a code stays known. NULL = created by a seed or job.
    foreignKey(t, TABLE, 'created_by', { references: Table.staff, onDelete: 'restrict', nullable: true });
    timestamps(t, knex);
    t.unique(['code'], { indexName: uqName(TABLE, ['code']) });
    t.check(`code ~ '^[A-Z0-9][A-Z0-9_-]{2,29}$'`, {}, ckName(TABLE, 'code_format'));
    t.check('max_uses > 0', {}, ckName(TABLE, 'max_uses_positive'));
    t.check('max_uses_per_user > 0', {}, ckName(TABLE, 'max_uses_per_user_positive'));
    t.check('used_count >= 0 AND (max_uses IS NULL OR used_count <= max_uses)', {}, ckName(TABLE, 'used_count_within_max_uses'));
    t.check('valid_until > valid_from', {}, ckName(TABLE, 'valid_window'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
}

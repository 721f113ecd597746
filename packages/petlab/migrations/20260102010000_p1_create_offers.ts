/**
 * P1: offers — promotions with a percentage or flat discount, an optional cap, a minimum order
 * and a validity window. Coupons are the codes that redeem an offer.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, money, timestamps, uuidPrimaryKey } from '@strata/core';
import { DiscountType } from '../src/enums';
import { Table } from '../src/tables';

const TABLE = Table.offers;

export async function up(knex: Knex): Promise<void> {
  await DiscountType.create(knex, { values: ['percentage', 'flat'] });
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    t.string('name', 150).notNullable();
    t.text('description').nullable();
    DiscountType.column(t, 'discount_type').notNullable();
    // A percentage (10.0000 = 10 %) or rupees, by discount_type.
    t.decimal('discount_value', 19, 4).notNullable();
    // Cap of a percentage discount, in rupees; NULL = no cap.
    money(t, 'max_discount_amount').nullable();
    money(t, 'min_order_amount').notNullable().defaultTo(0);
    t.timestamp('valid_from', { useTz: true }).notNullable();
    // NULL = open-ended.
    t.timestamp('valid_until', { useTz: true }).nullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    // RESTRICT: who created a promotion stays known (staff are soft-deleted). NULL = created by a seed or job.
    foreignKey(t, TABLE, 'created_by', { references: Table.staff, onDelete: 'restrict', nullable: true });
    timestamps(t, knex);
    t.index(['is_active', 'valid_from'], ixName(TABLE, ['is_active', 'valid_from']));
    t.check('discount_value > 0', {}, ckName(TABLE, 'discount_value_positive'));
    t.check(`discount_type <> 'percentage' OR discount_value <= 100`, {}, ckName(TABLE, 'percentage_at_most_100'));
    t.check('max_discount_amount > 0', {}, ckName(TABLE, 'max_discount_amount_positive'));
    t.check('min_order_amount >= 0', {}, ckName(TABLE, 'min_order_amount_not_negative'));
    t.check('valid_until > valid_from', {}, ckName(TABLE, 'valid_window'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await DiscountType.drop(knex);
}

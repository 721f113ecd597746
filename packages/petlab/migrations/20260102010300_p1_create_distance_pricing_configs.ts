/**
 * P1: distance_pricing_configs — the home-visit fee by road distance from the clinic:
 * base_fee + per_km_fee × distance, in bands [min_distance_km, max_distance_km).
 * Active bands may not overlap (exclusion constraint), so every distance has at most one fee.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, money, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { Table } from '../src/tables';

const TABLE = Table.distancePricingConfigs;
/** Exclusion constraints have no prefix in the naming convention; `ex_` says what it is. */
export const NO_OVERLAP = 'ex_distance_pricing_configs_active_band_overlap';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    t.string('name', 100).notNullable();
    t.decimal('min_distance_km', 7, 2).notNullable();
    // NULL = no upper bound (the last band).
    t.decimal('max_distance_km', 7, 2).nullable();
    money(t, 'base_fee').notNullable();
    money(t, 'per_km_fee').notNullable().defaultTo(0);
    t.boolean('is_active').notNullable().defaultTo(true);
    // RESTRICT on both: who set a price stays known (staff are soft-deleted). NULL = the reference seed.
    foreignKey(t, TABLE, 'created_by', { references: Table.staff, onDelete: 'restrict', nullable: true });
    foreignKey(t, TABLE, 'updated_by', { references: Table.staff, onDelete: 'restrict', nullable: true });
    timestamps(t, knex);
    t.unique(['name'], { indexName: uqName(TABLE, ['name']) });
    t.check('min_distance_km >= 0', {}, ckName(TABLE, 'min_distance_km_not_negative'));
    t.check('max_distance_km > min_distance_km', {}, ckName(TABLE, 'max_above_min'));
    t.check('base_fee >= 0 AND per_km_fee >= 0', {}, ckName(TABLE, 'fees_not_negative'));
  });
  // numrange(min, max) is half-open, [min, max), and a NULL max is unbounded. GiST handles range
  // types natively: no btree_gist extension is needed.
  await knex.raw(`ALTER TABLE ${TABLE} ADD CONSTRAINT ${NO_OVERLAP} EXCLUDE USING gist (numrange(min_distance_km, max_distance_km) WITH &&) WHERE (is_active)`);
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
}

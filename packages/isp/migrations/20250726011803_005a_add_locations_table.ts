/**
 * Step 3 of 17 — 005a_add_locations_table — Foundation: Locations table.
 *
 * Postal addresses with coordinates, shared by everything that happens somewhere: a customer's
 * service and billing addresses (customer_locations), network sites (step 4), the emergency
 * address of a voice line (step 8), field work orders (step 11). An apartment building is one
 * location for all its flats' services, so customers link to locations rather than own them.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { foreignKeyCovered } from '../src/columns';
import { LocationPurpose } from '../src/enums';
import { Pattern } from '../src/sql';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 3, revision: '005a_add_locations_table', title: 'Foundation: Locations table' };

/** Lint findings this migration accepts, each with its reason. */
export const lint = {
  allow: {
    'char-column': 'ISO 3166/4217 codes are exactly two or three letters (checked by pattern): a full-width value is never blank-padded, and char(n) states the fixed width',
  },
};

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(Table.locations, (t) => {
    const table = Table.locations;
    uuidPrimaryKey(t, table, knex);
    // A name people use for the place ("Riverside Towers", "POP Amsterdam-2"); optional.
    t.text('label').nullable();
    t.text('address_line1').notNullable();
    t.text('address_line2').nullable();
    t.text('city').notNullable();
    // State, province or county.
    t.text('region').nullable();
    t.text('postal_code').nullable();
    t.specificType('country_code', 'char(2)').notNullable();
    // WGS 84 degrees, ~10 cm precision: enough to dispatch a technician or plan a fibre drop.
    // (numeric, not PostGIS: the servers this runs on are not guaranteed to have PostGIS.)
    t.decimal('latitude', 9, 6).nullable();
    t.decimal('longitude', 9, 6).nullable();
    // IANA zone of the place, for appointment windows: 'Europe/Amsterdam'.
    t.text('time_zone').nullable();
    t.text('notes').nullable();
    timestamps(t, knex);
    t.index(['country_code', 'postal_code'], ixName(table, ['country_code', 'postal_code']));
    t.check(`country_code ~ '${Pattern.country}'`, {}, ckName(table, 'country_code_iso'));
    t.check('latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180', {}, ckName(table, 'coordinates_in_range'));
    t.check('(latitude IS NULL) = (longitude IS NULL)', {}, ckName(table, 'coordinates_paired'));
    t.check("btrim(address_line1) <> '' AND btrim(city) <> ''", {}, ckName(table, 'address_not_blank'));
  });
  await addUpdatedAtTrigger(knex, Table.locations);

  await LocationPurpose.create(knex, { values: ['service', 'billing', 'mailing', 'installation'] });
  await knex.schema.createTable(Table.customerLocations, (t) => {
    const table = Table.customerLocations;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: the link means nothing without its customer (the location itself stays).
    // Indexed by uq_customer_locations_customer_id_location_id_purpose, which leads with it.
    foreignKeyCovered(t, table, 'customer_id', { references: Table.customers, onDelete: 'cascade' });
    // RESTRICT: an address in use by a customer cannot vanish.
    foreignKey(t, table, 'location_id', { references: Table.locations, onDelete: 'restrict' });
    LocationPurpose.column(t, 'purpose').notNullable();
    t.boolean('is_primary').notNullable().defaultTo(false);
    timestamps(t, knex);
    t.unique(['customer_id', 'location_id', 'purpose'], { indexName: uqName(table, ['customer_id', 'location_id', 'purpose']) });
    // One primary address per purpose: the invoice goes to exactly one billing address.
    t.unique(['customer_id', 'purpose'], { indexName: uqName(table, ['customer_id', 'purpose']), predicate: knex.whereRaw('is_primary') });
  });
  await addUpdatedAtTrigger(knex, Table.customerLocations);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(Table.customerLocations);
  await LocationPurpose.drop(knex);
  await knex.schema.dropTable(Table.locations);
}

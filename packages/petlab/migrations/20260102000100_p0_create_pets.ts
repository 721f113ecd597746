/**
 * P0: pets — the animals tests are done for. One owner has many pets (the seed's User ↔ Pet).
 *
 * The seed's sketch says Pet → User ON DELETE CASCADE. That is wrong here: a pet is the subject of
 * bookings and test reports (medical records), so deleting an owner must not silently take the
 * animal's records with it. pets.user_id is RESTRICT; owners are deactivated (users.is_active) and
 * pets soft-deleted (deleted_at).
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, softDelete, timestamps, uniqueWhereNotDeleted, uuidPrimaryKey } from '@strata/core';
import { PetSex, PetSpecies } from '../src/enums';
import { Table } from '../src/tables';

const TABLE = Table.pets;

export async function up(knex: Knex): Promise<void> {
  await PetSpecies.create(knex, { values: ['dog', 'cat', 'rabbit', 'bird', 'guinea_pig', 'reptile', 'horse', 'other'] });
  await PetSex.create(knex, { values: ['male', 'female', 'unknown'] });
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // RESTRICT, not the seed's CASCADE: see the file comment.
    foreignKey(t, TABLE, 'user_id', { references: Table.users, onDelete: 'restrict' });
    t.string('name', 100).notNullable();
    PetSpecies.column(t, 'species').notNullable();
    t.string('breed', 100).nullable();
    PetSex.column(t, 'sex').notNullable().defaultTo('unknown');
    // Unknown for many rescued animals, hence nullable.
    t.boolean('is_neutered').nullable();
    t.date('date_of_birth').nullable();
    // Latest weight; dosage-dependent sample volumes use it.
    t.decimal('weight_kg', 6, 2).nullable();
    // ISO 11784/11785 chips are 15 digits; older AVID/FECAVA chips have 9–10 characters.
    t.string('microchip_number', 15).nullable();
    t.text('medical_notes').nullable();
    timestamps(t, knex);
    softDelete(t);
    uniqueWhereNotDeleted(t, TABLE, ['microchip_number'], knex);
    t.check('weight_kg > 0', {}, ckName(TABLE, 'weight_kg_positive'));
    t.check(`microchip_number ~ '^[0-9A-Z]{9,15}$'`, {}, ckName(TABLE, 'microchip_number_format'));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await PetSex.drop(knex);
  await PetSpecies.drop(knex);
}

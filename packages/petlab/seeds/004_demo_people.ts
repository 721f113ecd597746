/**
 * Demo seed: four staff (one per role), two owners with a default address each, and three pets.
 * Development only: refused in production by the runner and by this seed.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { deleteSeeded, stableId, Table } from '../src';
import { DEMO_OWNERS, DEMO_STAFF } from '../src/demo';

export const profile = SeedProfile.demo;

/** Natural key of a demo pet: owner's phone and pet name. */
export const petKey = (ownerPhone: string, petName: string) => `${ownerPhone}:${petName}`;

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'demo staff, owners and pets');
  for (const member of DEMO_STAFF) {
    await ensureRow(knex, Table.staff, { phone: member.phone }, {
      id: stableId(Table.staff, member.phone),
      full_name: member.fullName,
      phone: member.phone,
      email: member.email,
      role: member.role,
    });
  }
  for (const owner of DEMO_OWNERS) {
    const userId = await ensureRow(knex, Table.users, { phone: owner.phone }, {
      id: stableId(Table.users, owner.phone),
      phone: owner.phone,
      email: owner.email,
      full_name: owner.fullName,
      phone_verified_at: '2026-01-01T00:00:00Z',
    });
    await ensureRow(knex, Table.addresses, { id: stableId(Table.addresses, owner.phone) }, {
      id: stableId(Table.addresses, owner.phone),
      user_id: userId,
      label: owner.address.label,
      line1: owner.address.line1,
      city: owner.address.city,
      state: owner.address.state,
      postal_code: owner.address.postalCode,
      latitude: owner.address.latitude,
      longitude: owner.address.longitude,
      is_default: true,
    });
    for (const pet of owner.pets) {
      const id = stableId(Table.pets, petKey(owner.phone, pet.name));
      await ensureRow(knex, Table.pets, { id }, {
        id,
        user_id: userId,
        name: pet.name,
        species: pet.species,
        breed: pet.breed,
        sex: pet.sex,
        is_neutered: pet.isNeutered,
        date_of_birth: pet.dateOfBirth,
        weight_kg: pet.weightKg,
        microchip_number: pet.microchipNumber,
      });
    }
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.pets, DEMO_OWNERS.flatMap((owner) => owner.pets.map((pet) => petKey(owner.phone, pet.name))));
  await deleteSeeded(knex, Table.addresses, DEMO_OWNERS.map((owner) => owner.phone));
  await deleteSeeded(knex, Table.users, DEMO_OWNERS.map((owner) => owner.phone));
  await deleteSeeded(knex, Table.staff, DEMO_STAFF.map((member) => member.phone));
}

/** Shared by the package's tests: the real `strata` CLI in this package, and the rows a booking needs. */
import path from 'node:path';
import type { Knex } from 'knex';
import { packageCli } from '@strata/core/testing';

/** The package folder: the CLI finds migrations/ and seeds/ from here, as `pnpm migrate` does. */
export const PACKAGE_DIR = path.resolve(__dirname, '..');

/** `strata(url, args, env)` / `strataOk(…)`: the CLI without the caller's database variables. */
export const cli = packageCli(PACKAGE_DIR);
export const { strata, strataOk } = cli;

/** The baseline migration: the schema before the plan of seed 004. */
export const BASELINE = '20250601000100_baseline';

/** The least a booking needs: an owner, an address, a pet, a category, a test, a booking and one item. */
export async function bookingGraph(trx: Knex.Transaction, suffix = '1'): Promise<{ userId: string; petId: string; testId: string; bookingId: string; itemId: string }> {
  const [user] = await trx('users').insert({ phone: `+9198000090${suffix.padStart(2, '0')}` }).returning('id');
  const [address] = await trx('addresses').insert({ user_id: user.id, line1: '1 Main Rd', city: 'Bengaluru', state: 'Karnataka', postal_code: '560001' }).returning('id');
  const [pet] = await trx('pets').insert({ user_id: user.id, name: 'Rex', species: 'dog' }).returning('id');
  const [category] = await trx('test_categories').insert({ name: `Cat ${suffix}`, slug: `cat-${suffix}` }).returning('id');
  const [test] = await trx('tests').insert({ category_id: category.id, code: `T-${suffix}`, name: 'Test', price: 100 }).returning('id');
  const [booking] = await trx('bookings')
    .insert({ booking_number: `B-${suffix}`, user_id: user.id, address_id: address.id, pet_id: pet.id, scheduled_at: '2026-02-01T09:00:00Z' })
    .returning('id');
  const [item] = await trx('booking_items').insert({ booking_id: booking.id, test_id: test.id, unit_price: 100 }).returning('id');
  return { userId: user.id, petId: pet.id, testId: test.id, bookingId: booking.id, itemId: item.id };
}

/**
 * Coupon limits under real concurrency: 20 connections each redeem the same coupon in their own
 * transaction, all at once. The schema (AFTER INSERT trigger + ck_coupons_used_count_within_max_uses)
 * must let exactly max_uses of them commit, whatever the interleaving.
 *
 * To make sure the 20 really overlap, a 21st connection first locks the coupon row; every
 * redemption then blocks inside its INSERT (pg_stat_activity shows them waiting on the lock) until
 * that connection commits, and they race for the row from there.
 */
import type { Knex } from 'knex';
import { Client } from 'pg';
import { testServers, usePackageDatabase } from '@strata/core/testing';
import { cli } from './support';

const CONNECTIONS = 20;

interface Owner { readonly userId: string; readonly bookingIds: readonly string[] }

/** `count` owners with `bookingsEach` lab-visit bookings each. */
async function owners(knex: Knex, prefix: string, count: number, bookingsEach: number): Promise<Owner[]> {
  const result: Owner[] = [];
  for (let i = 0; i < count; i++) {
    const [user] = await knex('users').insert({ phone: `+91${prefix}${String(i).padStart(6, '0')}` }).returning('id');
    const bookings = await knex('bookings')
      .insert(Array.from({ length: bookingsEach }, (_, j) => ({ booking_number: `R${prefix}-${i}-${j}`, user_id: user.id, collection_type: 'lab_visit', scheduled_at: '2026-03-01T09:00:00Z' })))
      .returning('id');
    result.push({ userId: user.id, bookingIds: bookings.map((b: { id: string }) => b.id) });
  }
  return result;
}

async function createCoupon(knex: Knex, code: string, limits: { max_uses: number | null; max_uses_per_user: number | null }): Promise<string> {
  const [offer] = await knex('offers').insert({ name: `Offer ${code}`, discount_type: 'flat', discount_value: 50, valid_from: '2026-01-01T00:00:00Z' }).returning('id');
  const [coupon] = await knex('coupons').insert({ code, offer_id: offer.id, ...limits }).returning('id');
  return coupon.id;
}

interface Outcome { readonly ok: boolean; readonly code?: string; readonly constraint?: string; readonly message?: string }

/**
 * Each attempt on its own connection: BEGIN, INSERT the redemption, COMMIT — started together
 * while `blocker` holds the coupon row, released once all of them wait on it.
 */
async function race(url: string, couponId: string, attempts: ReadonlyArray<{ userId: string; bookingId: string }>): Promise<Outcome[]> {
  const blocker = new Client({ connectionString: url });
  const clients = attempts.map(() => new Client({ connectionString: url }));
  await Promise.all([blocker, ...clients].map((client) => client.connect()));
  try {
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM coupons WHERE id = $1 FOR UPDATE', [couponId]);
    const pids = await Promise.all(clients.map(async (client) => (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid));
    const outcomes = clients.map(async (client, i): Promise<Outcome> => {
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO coupon_redemptions (coupon_id, booking_id, user_id, discount_amount) VALUES ($1, $2, $3, 50)', [couponId, attempts[i]!.bookingId, attempts[i]!.userId]);
        await client.query('COMMIT');
        return { ok: true };
      } catch (error) {
        await client.query('ROLLBACK');
        const { code, constraint, message } = error as { code?: string; constraint?: string; message: string };
        return { ok: false, code, constraint, message };
      }
    });
    await waitUntilBlocked(blocker, pids);
    await blocker.query('COMMIT');
    return await Promise.all(outcomes);
  } finally {
    await Promise.all([blocker, ...clients].map((client) => client.end()));
  }
}

/** Polls pg_stat_activity until every pid waits on a lock (10 s at most). */
async function waitUntilBlocked(observer: Client, pids: readonly number[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await observer.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE pid = ANY($1) AND wait_event_type = 'Lock'`,
      [pids],
    );
    if (rows[0]!.waiting === pids.length) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0]!.waiting} of ${pids.length} redemptions reached the coupon lock`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(testServers())('coupon limits under concurrency ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'petlab_race' });

  it(`${CONNECTIONS} concurrent redemptions of a coupon with max_uses 5: exactly 5 succeed`, async () => {
    const couponId = await createCoupon(db.knex, 'RACE5', { max_uses: 5, max_uses_per_user: null });
    const people = await owners(db.knex, '91000', CONNECTIONS, 1);
    const outcomes = await race(db.url, couponId, people.map((p) => ({ userId: p.userId, bookingId: p.bookingIds[0]! })));

    expect(outcomes.filter((o) => o.ok)).toHaveLength(5);
    const refused = outcomes.filter((o) => !o.ok);
    expect(refused).toHaveLength(15);
    for (const o of refused) expect(o).toMatchObject({ code: '23514', constraint: 'ck_coupons_used_count_within_max_uses' });
    expect(await db.knex('coupons').where({ id: couponId }).first('used_count')).toEqual({ used_count: 5 });
    expect(await db.knex('coupon_redemptions').where({ coupon_id: couponId }).count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '5' }]);
  });

  it(`${CONNECTIONS} concurrent redemptions by one owner of a coupon with max_uses_per_user 1: exactly 1 succeeds`, async () => {
    const couponId = await createCoupon(db.knex, 'ONCE', { max_uses: null, max_uses_per_user: 1 });
    const [owner] = await owners(db.knex, '92000', 1, CONNECTIONS);
    const outcomes = await race(db.url, couponId, owner!.bookingIds.map((bookingId) => ({ userId: owner!.userId, bookingId })));

    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    for (const o of outcomes.filter((x) => !x.ok)) expect(o).toMatchObject({ code: '23514', message: expect.stringContaining('already used 1 time(s) by this owner') });
    expect(await db.knex('coupons').where({ id: couponId }).first('used_count')).toEqual({ used_count: 1 });
  });
});

/**
 * Demo seed: two customers with profiles (Anna Schmidt; Max Müller of Müller Media GmbH) and two
 * staff logins (support, fulfillment), Anna's Instagram account with three weekly snapshots.
 * Logins have no password (NULL): the storefront signs them in by e-mail link. Refused in production.
 */
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { DEMO_INSTAGRAM, DEMO_USERS } from '../src/demo-data';
import { deleteSeeded, stableId } from '../src/ids';
import { ensureChild, requireId } from '../src/seeding';
import { Table } from '../src/tables';

export const profile = SeedProfile.demo;

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'demo customers');
  for (const user of DEMO_USERS) {
    const userId = await ensureRow(knex, Table.users, { email: user.email }, {
      id: stableId(Table.users, user.email),
      email: user.email,
      role: user.role,
      status: 'active',
      email_verified_at: '2025-10-01T08:00:00Z',
    });
    if (!user.profile) continue;
    const { profile: p } = user;
    await ensureRow(knex, Table.customerProfiles, { user_id: userId }, {
      id: stableId(Table.customerProfiles, user.email),
      user_id: userId,
      first_name: p.firstName,
      last_name: p.lastName,
      company_name: p.companyName ?? null,
      vat_id: p.vatId ?? null,
      phone: p.phone,
      billing_address: JSON.stringify(p.billingAddress),
      stripe_customer_id: p.stripeCustomerId,
    });
  }

  const profileId = await requireId(knex, Table.customerProfiles, { id: stableId(Table.customerProfiles, DEMO_INSTAGRAM.ownerEmail) }, '004_demo_customers');
  const accountId = await ensureRow(knex, Table.instagramAccounts, { instagram_user_id: DEMO_INSTAGRAM.instagramUserId }, {
    id: stableId(Table.instagramAccounts, DEMO_INSTAGRAM.instagramUserId),
    customer_profile_id: profileId,
    username: DEMO_INSTAGRAM.username,
    instagram_user_id: DEMO_INSTAGRAM.instagramUserId,
    is_business_account: true,
    connected_at: '2025-10-05T12:00:00Z',
  });
  for (const snapshot of DEMO_INSTAGRAM.snapshots) {
    await ensureChild(knex, Table.instagramAccountSnapshots, `${DEMO_INSTAGRAM.instagramUserId}:${snapshot.recordedAt}`, {
      customer_profile_id: profileId,
      instagram_account_id: accountId,
      recorded_at: snapshot.recordedAt,
      followers_count: snapshot.followers,
      following_count: snapshot.following,
      media_count: snapshot.media,
      engagement_rate: snapshot.engagementRate,
    });
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.instagramAccountSnapshots, DEMO_INSTAGRAM.snapshots.map((s) => `${DEMO_INSTAGRAM.instagramUserId}:${s.recordedAt}`));
  await deleteSeeded(knex, Table.instagramAccounts, [DEMO_INSTAGRAM.instagramUserId]);
  await deleteSeeded(knex, Table.customerProfiles, DEMO_USERS.filter((u) => u.profile).map((u) => u.email));
  await deleteSeeded(knex, Table.users, DEMO_USERS.map((u) => u.email));
}

/**
 * Reference: the RADIUS policy groups (a group per plan, and the walled garden for suspended
 * subscribers) with their check and reply attributes, as FreeRADIUS reads them from
 * radgroupcheck and radgroupreply. No credentials: safe in production.
 */
import type { Knex } from 'knex';
import { ensureRow, SeedProfile } from '@strata/core';
import { deleteSeeded, stableId } from '../src';
import { RADIUS_GROUPS } from '../src/reference';
import { deleteAttributes, ensureAttribute } from '../src/seeding';
import { Table } from '../src/tables';

export const profile = SeedProfile.reference;

export async function seed(knex: Knex): Promise<void> {
  for (const group of RADIUS_GROUPS) {
    await ensureRow(knex, Table.radiusGroups, { groupname: group.groupname }, { id: stableId(Table.radiusGroups, group.groupname), groupname: group.groupname, description: group.description });
    for (const item of group.check) await ensureAttribute(knex, Table.radgroupcheck, { groupname: group.groupname, attribute: item.attribute }, { op: item.op, value: item.value });
    for (const item of group.reply) await ensureAttribute(knex, Table.radgroupreply, { groupname: group.groupname, attribute: item.attribute }, { op: item.op, value: item.value });
  }
}

/** Removes the seeded attributes, then the groups (refused while subscribers are still in one). */
export async function undo(knex: Knex): Promise<void> {
  const rows = (items: (g: (typeof RADIUS_GROUPS)[number]) => readonly { attribute: string; op: string; value: string }[]) =>
    RADIUS_GROUPS.flatMap((group) => items(group).map((item) => ({ groupname: group.groupname, ...item })));
  await deleteAttributes(knex, Table.radgroupreply, rows((group) => group.reply));
  await deleteAttributes(knex, Table.radgroupcheck, rows((group) => group.check));
  await deleteSeeded(knex, Table.radiusGroups, RADIUS_GROUPS.map((group) => group.groupname));
}

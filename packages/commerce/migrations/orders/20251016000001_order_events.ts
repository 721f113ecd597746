/**
 * Orders workstream: the history of an order (ERD `OrderEvent`) — status changes, payments,
 * refunds and notes, each with when, who and why.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, timestamps, uuidPrimaryKey } from '@strata/core';
import { emptyObject } from '../../src/columns';
import { OrderEventType, OrderStatus } from '../../src/enums';
import { Table } from '../../src/tables';

export async function up(knex: Knex): Promise<void> {
  await OrderEventType.create(knex, { values: ['created', 'status_changed', 'payment_received', 'payment_failed', 'refunded', 'note_added'] });

  await knex.schema.createTable(Table.orderEvents, (t) => {
    uuidPrimaryKey(t, Table.orderEvents, knex);
    // CASCADE: the history is part of its order; paid orders cannot be deleted anyway.
    foreignKey(t, Table.orderEvents, 'order_id', { references: Table.orders, onDelete: 'cascade' });
    OrderEventType.column(t, 'event_type').notNullable();
    // order_status was created by 20251015000003 (orders), which owns it.
    OrderStatus.column(t, 'from_status').nullable();
    OrderStatus.column(t, 'to_status').nullable();
    // SET NULL: the history stays when a staff login goes; NULL also means "the system" (a webhook).
    foreignKey(t, Table.orderEvents, 'actor_user_id', { references: Table.users, onDelete: 'set null', nullable: true });
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // What caused it, e.g. { "webhook_event_id": "…", "stripe_event": "evt_…" }, or a note.
    t.jsonb('payload').notNullable().defaultTo(emptyObject(knex));
    timestamps(t, knex);
    t.check(`event_type <> 'status_changed' OR to_status IS NOT NULL`, {}, ckName(Table.orderEvents, 'status_change_has_to_status'));
  });
  await addUpdatedAtTrigger(knex, Table.orderEvents);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(Table.orderEvents);
  await OrderEventType.drop(knex);
}

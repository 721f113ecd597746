/**
 * Step 11 of 17 — create_ticketing_system — Features: Support ticketing system.
 *
 * Support tickets with comments, SLA policies and their per-priority targets, the SLA clocks of
 * each ticket (first response, resolution: running, paused while waiting on the customer, met
 * or breached), and field work orders for the technicians who install, repair and remove.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { foreignKeyCovered } from '../src/columns';
import { SlaTimerKind, SlaTimerStatus, TicketCategory, TicketChannel, TicketPriority, TicketStatus, WorkOrderStatus, WorkOrderType } from '../src/enums';
import { Pattern } from '../src/sql';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 11, revision: 'create_ticketing_system', title: 'Features: Support ticketing system' };

export async function up(knex: Knex): Promise<void> {
  await TicketPriority.create(knex, { values: ['low', 'normal', 'high', 'urgent'] });
  await TicketStatus.create(knex, { values: ['new', 'open', 'pending_customer', 'on_hold', 'resolved', 'closed'] });
  await TicketCategory.create(knex, { values: ['technical', 'billing', 'installation', 'outage', 'general'] });
  await TicketChannel.create(knex, { values: ['phone', 'email', 'portal', 'chat', 'field', 'monitoring'] });
  await SlaTimerKind.create(knex, { values: ['first_response', 'resolution'] });
  await SlaTimerStatus.create(knex, { values: ['running', 'paused', 'met', 'breached'] });
  await WorkOrderType.create(knex, { values: ['installation', 'repair', 'upgrade', 'removal', 'site_survey'] });
  await WorkOrderStatus.create(knex, { values: ['scheduled', 'dispatched', 'in_progress', 'completed', 'cancelled'] });

  await knex.schema.createTable(Table.slaPolicies, (t) => {
    const table = Table.slaPolicies;
    uuidPrimaryKey(t, table, knex);
    t.text('code').notNullable();
    t.text('name').notNullable();
    t.text('description').nullable();
    // Whether the clocks run only in business hours (residential) or round the clock (business).
    t.boolean('business_hours_only').notNullable().defaultTo(true);
    t.boolean('is_active').notNullable().defaultTo(true);
    timestamps(t, knex);
    t.unique(['code'], { indexName: uqName(table, ['code']) });
    t.check(`code ~ '${Pattern.code}'`, {}, ckName(table, 'code_format'));
  });
  await addUpdatedAtTrigger(knex, Table.slaPolicies);

  await knex.schema.createTable(Table.slaTargets, (t) => {
    const table = Table.slaTargets;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: targets are part of their policy. Indexed by uq_sla_targets_sla_policy_id_priority.
    foreignKeyCovered(t, table, 'sla_policy_id', { references: Table.slaPolicies, onDelete: 'cascade' });
    TicketPriority.column(t, 'priority').notNullable();
    t.integer('first_response_minutes').notNullable();
    t.integer('resolution_minutes').notNullable();
    timestamps(t, knex);
    t.unique(['sla_policy_id', 'priority'], { indexName: uqName(table, ['sla_policy_id', 'priority']) });
    t.check('first_response_minutes > 0 AND resolution_minutes >= first_response_minutes', {}, ckName(table, 'minutes_valid'));
  });
  await addUpdatedAtTrigger(knex, Table.slaTargets);

  await knex.schema.createTable(Table.tickets, (t) => {
    const table = Table.tickets;
    uuidPrimaryKey(t, table, knex);
    t.text('ticket_number').notNullable();
    // RESTRICT: support history stays with the account. NULL for internal (network) tickets.
    foreignKey(t, table, 'customer_id', { references: Table.customers, onDelete: 'restrict', nullable: true });
    // SET NULL: the ticket outlives the service or the alert it was about.
    foreignKey(t, table, 'service_id', { references: Table.services, onDelete: 'set null', nullable: true });
    foreignKey(t, table, 'network_alert_id', { references: Table.networkAlerts, onDelete: 'set null', nullable: true });
    t.text('subject').notNullable();
    t.text('description').nullable();
    TicketCategory.column(t, 'category').notNullable().defaultTo('general');
    TicketPriority.column(t, 'priority').notNullable().defaultTo('normal');
    TicketStatus.column(t, 'status').notNullable().defaultTo('new');
    TicketChannel.column(t, 'channel').notNullable();
    // SET NULL: a leaving agent's tickets go back to the queue.
    foreignKey(t, table, 'assigned_to_id', { references: Table.staffUsers, onDelete: 'set null', nullable: true });
    // RESTRICT: a policy in use is deactivated (is_active), not deleted.
    foreignKey(t, table, 'sla_policy_id', { references: Table.slaPolicies, onDelete: 'restrict', nullable: true });
    t.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(knex.raw('now()'));
    t.timestamp('first_responded_at', { useTz: true }).nullable();
    t.timestamp('resolved_at', { useTz: true }).nullable();
    t.timestamp('closed_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.unique(['ticket_number'], { indexName: uqName(table, ['ticket_number']) });
    // The agents' queue: open tickets by priority.
    t.index(['status', 'priority'], ixName(table, ['status', 'priority']));
    t.check("status NOT IN ('resolved', 'closed') OR resolved_at IS NOT NULL", {}, ckName(table, 'resolved_has_time'));
    t.check("(status = 'closed') = (closed_at IS NOT NULL)", {}, ckName(table, 'closed_has_time'));
  });
  await addUpdatedAtTrigger(knex, Table.tickets);

  await knex.schema.createTable(Table.ticketComments, (t) => {
    const table = Table.ticketComments;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: comments are part of their ticket.
    foreignKey(t, table, 'ticket_id', { references: Table.tickets, onDelete: 'cascade' });
    // Written by an agent, or by the customer (through a contact); SET NULL keeps the text.
    foreignKey(t, table, 'author_staff_id', { references: Table.staffUsers, onDelete: 'set null', nullable: true });
    foreignKey(t, table, 'author_contact_id', { references: Table.customerContacts, onDelete: 'set null', nullable: true });
    // Internal notes are never shown to the customer.
    t.boolean('is_internal').notNullable().defaultTo(false);
    t.text('body').notNullable();
    timestamps(t, knex);
    t.check('num_nonnulls(author_staff_id, author_contact_id) <= 1', {}, ckName(table, 'one_author'));
    t.check("btrim(body) <> ''", {}, ckName(table, 'body_not_blank'));
  });
  await addUpdatedAtTrigger(knex, Table.ticketComments);

  await knex.schema.createTable(Table.slaTimers, (t) => {
    const table = Table.slaTimers;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: the clocks are part of their ticket. Indexed by uq_sla_timers_ticket_id_kind.
    foreignKeyCovered(t, table, 'ticket_id', { references: Table.tickets, onDelete: 'cascade' });
    SlaTimerKind.column(t, 'kind').notNullable();
    SlaTimerStatus.column(t, 'status').notNullable().defaultTo('running');
    t.timestamp('started_at', { useTz: true }).notNullable();
    // When the target falls due; pushed back by the time spent paused.
    t.timestamp('target_at', { useTz: true }).notNullable();
    t.timestamp('paused_at', { useTz: true }).nullable();
    t.integer('paused_seconds').notNullable().defaultTo(0);
    t.timestamp('stopped_at', { useTz: true }).nullable();
    t.timestamp('breached_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.unique(['ticket_id', 'kind'], { indexName: uqName(table, ['ticket_id', 'kind']) });
    // The breach scanner: running clocks by due time.
    t.index(['target_at'], ixName(table, ['target_at']), { predicate: knex.whereRaw("status = 'running'") });
    t.check('target_at > started_at AND paused_seconds >= 0', {}, ckName(table, 'times_valid'));
    t.check("(status = 'paused') = (paused_at IS NOT NULL)", {}, ckName(table, 'paused_has_time'));
    t.check("status <> 'met' OR stopped_at IS NOT NULL", {}, ckName(table, 'met_has_time'));
    t.check("(status = 'breached') = (breached_at IS NOT NULL)", {}, ckName(table, 'breached_has_time'));
  });
  await addUpdatedAtTrigger(knex, Table.slaTimers);

  await knex.schema.createTable(Table.workOrders, (t) => {
    const table = Table.workOrders;
    uuidPrimaryKey(t, table, knex);
    t.text('work_order_number').notNullable();
    // RESTRICT: field history stays with the account and the address.
    foreignKey(t, table, 'customer_id', { references: Table.customers, onDelete: 'restrict' });
    foreignKey(t, table, 'location_id', { references: Table.locations, onDelete: 'restrict' });
    // SET NULL: the work order outlives the ticket or service it was raised for.
    foreignKey(t, table, 'ticket_id', { references: Table.tickets, onDelete: 'set null', nullable: true });
    foreignKey(t, table, 'service_id', { references: Table.services, onDelete: 'set null', nullable: true });
    WorkOrderType.column(t, 'work_type').notNullable();
    WorkOrderStatus.column(t, 'status').notNullable().defaultTo('scheduled');
    // SET NULL: a technician leaving returns the job to dispatch.
    foreignKey(t, table, 'technician_id', { references: Table.staffUsers, onDelete: 'set null', nullable: true });
    // The appointment window agreed with the customer.
    t.timestamp('scheduled_start', { useTz: true }).notNullable();
    t.timestamp('scheduled_end', { useTz: true }).notNullable();
    t.timestamp('started_at', { useTz: true }).nullable();
    t.timestamp('completed_at', { useTz: true }).nullable();
    t.text('instructions').nullable();
    t.text('resolution_notes').nullable();
    timestamps(t, knex);
    t.unique(['work_order_number'], { indexName: uqName(table, ['work_order_number']) });
    // Dispatch board: a technician's jobs by day.
    t.index(['scheduled_start'], ixName(table, ['scheduled_start']));
    t.check('scheduled_end > scheduled_start', {}, ckName(table, 'window_valid'));
    t.check("(status = 'completed') = (completed_at IS NOT NULL)", {}, ckName(table, 'completed_has_time'));
    t.check("status NOT IN ('in_progress', 'completed') OR started_at IS NOT NULL", {}, ckName(table, 'started_has_time'));
  });
  await addUpdatedAtTrigger(knex, Table.workOrders);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [Table.workOrders, Table.slaTimers, Table.ticketComments, Table.tickets, Table.slaTargets, Table.slaPolicies]) await knex.schema.dropTable(table);
  for (const type of [WorkOrderStatus, WorkOrderType, SlaTimerStatus, SlaTimerKind, TicketChannel, TicketCategory, TicketStatus, TicketPriority]) await type.drop(knex);
}

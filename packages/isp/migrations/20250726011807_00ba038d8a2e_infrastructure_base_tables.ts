/**
 * Step 7 of 17 — 00ba038d8a2e — Infrastructure: Base tables.
 *
 * The operational base the business steps build on: the operators (staff users) that tickets,
 * work orders, API clients and alerts are assigned to, and network monitoring — the checks run
 * against devices and interfaces, their results, and the alerts raised from them.
 *
 * Staff users hold no password: operators sign in through the company's identity provider
 * (OIDC/SAML), so there is no credential here to leak or seed.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { compositeForeignKey, foreignKeyCovered } from '../src/columns';
import { AlertSeverity, AlertStatus, MonitoringCheckType, MonitoringState, StaffRole } from '../src/enums';
import { Pattern } from '../src/sql';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 7, revision: '00ba038d8a2e', title: 'Infrastructure: Base tables' };

export async function up(knex: Knex): Promise<void> {
  await StaffRole.create(knex, { values: ['admin', 'support_agent', 'billing_agent', 'network_engineer', 'field_technician'] });
  await MonitoringCheckType.create(knex, { values: ['icmp_ping', 'snmp_interface', 'http', 'bgp_session', 'optical_power'] });
  await MonitoringState.create(knex, { values: ['ok', 'warning', 'critical', 'unknown'] });
  await AlertSeverity.create(knex, { values: ['info', 'warning', 'major', 'critical'] });
  await AlertStatus.create(knex, { values: ['open', 'acknowledged', 'resolved'] });

  await knex.schema.createTable(Table.staffUsers, (t) => {
    const table = Table.staffUsers;
    uuidPrimaryKey(t, table, knex);
    // The identity provider's login; citext so case never splits one person in two.
    t.specificType('email', 'citext').notNullable();
    t.text('full_name').notNullable();
    StaffRole.column(t, 'role').notNullable();
    t.text('phone').nullable();
    // Leavers are deactivated, never deleted: tickets and ledger history name them.
    t.boolean('is_active').notNullable().defaultTo(true);
    timestamps(t, knex);
    t.unique(['email'], { indexName: uqName(table, ['email']) });
    t.check(`email ~ '${Pattern.email}'`, {}, ckName(table, 'email_format'));
    t.check(`phone ~ '${Pattern.e164}'`, {}, ckName(table, 'phone_e164'));
  });
  await addUpdatedAtTrigger(knex, Table.staffUsers);

  await knex.schema.createTable(Table.monitoringChecks, (t) => {
    const table = Table.monitoringChecks;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: checks are configuration of the device they probe.
    foreignKey(t, table, 'device_id', { references: Table.devices, onDelete: 'cascade' });
    // For interface checks; must be an interface of device_id (composite key below).
    t.uuid('interface_id').nullable();
    MonitoringCheckType.column(t, 'check_type').notNullable();
    // What to probe when not the device's management address (an HTTP URL, a BGP neighbour).
    t.text('target').nullable();
    t.integer('interval_seconds').notNullable().defaultTo(60);
    t.boolean('enabled').notNullable().defaultTo(true);
    // Warning/critical thresholds of the check type, e.g. {"rtt_ms": {"warning": 50, "critical": 200}}.
    t.jsonb('thresholds').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    timestamps(t, knex);
    t.index(['interface_id', 'device_id'], ixName(table, ['interface_id', 'device_id']));
    // CASCADE: a check of a removed interface goes with it.
    compositeForeignKey(t, table, ['interface_id', 'device_id'], Table.interfaces, ['id', 'device_id'], 'cascade');
    t.check('interval_seconds BETWEEN 10 AND 86400', {}, ckName(table, 'interval_range'));
    t.check("check_type <> 'snmp_interface' OR interface_id IS NOT NULL", {}, ckName(table, 'interface_check_has_interface'));
  });
  await addUpdatedAtTrigger(knex, Table.monitoringChecks);

  await knex.schema.createTable(Table.monitoringResults, (t) => {
    const table = Table.monitoringResults;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: results are the history of their check. Indexed by ix_monitoring_results_check_id_observed_at.
    foreignKeyCovered(t, table, 'check_id', { references: Table.monitoringChecks, onDelete: 'cascade' });
    t.timestamp('observed_at', { useTz: true }).notNullable();
    MonitoringState.column(t, 'state').notNullable();
    // Round-trip time in milliseconds, when the check measures one.
    t.decimal('latency_ms', 10, 3).nullable();
    // The measured value (dBm of optical power, % of interface utilisation…).
    t.decimal('value', 20, 6).nullable();
    t.jsonb('detail').nullable();
    timestamps(t, knex);
    // Latest results of a check first. (At scale: partition by month and drop old partitions.)
    t.index(['check_id', 'observed_at'], ixName(table, ['check_id', 'observed_at']));
    t.check('latency_ms >= 0', {}, ckName(table, 'latency_not_negative'));
  });
  await addUpdatedAtTrigger(knex, Table.monitoringResults);

  await knex.schema.createTable(Table.networkAlerts, (t) => {
    const table = Table.networkAlerts;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: a removed device takes its alert history. SET NULL: alerts outlive a removed check.
    foreignKey(t, table, 'device_id', { references: Table.devices, onDelete: 'cascade' });
    foreignKey(t, table, 'check_id', { references: Table.monitoringChecks, onDelete: 'set null', nullable: true });
    AlertSeverity.column(t, 'severity').notNullable();
    AlertStatus.column(t, 'status').notNullable().defaultTo('open');
    t.text('summary').notNullable();
    t.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(knex.raw('now()'));
    t.timestamp('acknowledged_at', { useTz: true }).nullable();
    // SET NULL: staff are deactivated rather than deleted, but an alert must not block it.
    foreignKey(t, table, 'acknowledged_by_id', { references: Table.staffUsers, onDelete: 'set null', nullable: true });
    t.timestamp('resolved_at', { useTz: true }).nullable();
    timestamps(t, knex);
    // One unresolved alert per check: a flapping check updates its alert instead of adding more.
    t.unique(['check_id'], { indexName: uqName(table, ['check_id']), predicate: knex.whereRaw("status <> 'resolved'") });
    t.index(['status', 'severity'], ixName(table, ['status', 'severity']));
    t.check("status = 'open' OR acknowledged_at IS NOT NULL", {}, ckName(table, 'acknowledged_has_time'));
    t.check("(status = 'resolved') = (resolved_at IS NOT NULL)", {}, ckName(table, 'resolved_has_time'));
  });
  await addUpdatedAtTrigger(knex, Table.networkAlerts);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [Table.networkAlerts, Table.monitoringResults, Table.monitoringChecks, Table.staffUsers]) await knex.schema.dropTable(table);
  for (const type of [AlertStatus, AlertSeverity, MonitoringState, MonitoringCheckType, StaffRole]) await type.drop(knex);
}

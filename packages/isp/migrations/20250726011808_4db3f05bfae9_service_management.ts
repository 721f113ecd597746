/**
 * Step 8 of 17 — 4db3f05bfae9 — Business: Service management.
 *
 * The catalogue (service plans: internet, voice, bundles of both), the services customers
 * subscribe to, their internet and voice details, and provisioning jobs with retry state.
 *
 * Type rules are plain constraints over copied columns, not triggers: a service carries its
 * plan's type through the composite key (plan_id, service_type) → service_plans(id,
 * service_type), so an internet service cannot sit on a voice plan; internet_services and
 * voice_services rows name (service_id, 'internet'/'voice') the same way, so details of the
 * wrong kind are refused; a bundle's part points at (bundle_service_id, 'bundle').
 *
 * RADIUS meets the customer here: an internet service owns its RADIUS username, and the
 * service_id that radcheck, radreply and radusergroup carry since step 5 is bound by a
 * composite foreign key (service_id, username) → internet_services(service_id, radius_username):
 * a subscriber's credentials cannot name another subscriber's service, follow a username change
 * (ON UPDATE CASCADE) and disappear with the service (ON DELETE CASCADE) — a cancelled and deleted
 * service cannot keep authenticating. Those tables hold a few rows per subscriber, so the keys
 * are added NOT VALID and validated in the same step. radacct gets its service_id from a trigger
 * when FreeRADIUS inserts a session (no foreign key there: see step 5).
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, fkName, foreignKey, ixName, money, timestamps, triggerName, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { compositeForeignKey } from '../src/columns';
import { ConnectionType, PlanStatus, ProvisioningAction, ProvisioningJobState, ServiceStatus, ServiceType } from '../src/enums';
import { dropFunction, execute, Pattern } from '../src/sql';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 8, revision: '4db3f05bfae9', title: 'Business: Service management' };

/** The RADIUS tables whose service_id (step 5) is bound to internet services here. */
const RADIUS_USER_TABLES = [Table.radcheck, Table.radreply, Table.radusergroup] as const;

/** Lint findings this migration accepts, each with its reason. */
export const lint = {
  allow: {
    'char-column': 'ISO 3166/4217 codes are exactly two or three letters (checked by pattern): a full-width value is never blank-padded, and char(n) states the fixed width',
  },
};

export async function up(knex: Knex): Promise<void> {
  await ServiceType.create(knex, { values: ['internet', 'voice', 'bundle'] });
  await PlanStatus.create(knex, { values: ['active', 'retired'] });
  await ServiceStatus.create(knex, { values: ['pending', 'provisioning', 'active', 'suspended', 'cancelled'] });
  await ConnectionType.create(knex, { values: ['fiber', 'dsl', 'fixed_wireless', 'cable', 'ethernet'] });
  await ProvisioningAction.create(knex, { values: ['activate', 'suspend', 'resume', 'change_plan', 'cancel'] });
  await ProvisioningJobState.create(knex, { values: ['pending', 'running', 'succeeded', 'failed', 'cancelled'] });

  await knex.schema.createTable(Table.servicePlans, (t) => {
    const table = Table.servicePlans;
    uuidPrimaryKey(t, table, knex);
    t.text('code').notNullable();
    t.text('name').notNullable();
    ServiceType.column(t, 'service_type').notNullable();
    // Retired plans are no longer sold; the services on them keep running.
    PlanStatus.column(t, 'status').notNullable().defaultTo('active');
    t.text('description').nullable();
    t.specificType('currency', 'char(3)').notNullable();
    money(t, 'monthly_price').notNullable();
    money(t, 'setup_fee').notNullable().defaultTo(0);
    // Internet plans: speeds in Mbit/s, data cap in GB (NULL = unlimited), and the RADIUS group
    // carrying the plan's policy (rate limit, pool) that subscribers on it are put in.
    t.integer('download_mbps').nullable();
    t.integer('upload_mbps').nullable();
    t.integer('data_cap_gb').nullable();
    // RESTRICT: a group used by a plan cannot be deleted.
    foreignKey(t, table, 'radius_group', { references: `${Table.radiusGroups}.groupname`, onDelete: 'restrict', nullable: true, type: 'text' });
    // Voice plans: minutes included per month (NULL = unlimited).
    t.integer('included_minutes').nullable();
    timestamps(t, knex);
    t.unique(['code'], { indexName: uqName(table, ['code']) });
    // Target of the (plan, type) composite keys.
    t.unique(['id', 'service_type'], { indexName: uqName(table, ['id', 'service_type']) });
    t.check(`code ~ '${Pattern.code}'`, {}, ckName(table, 'code_format'));
    t.check(`currency ~ '${Pattern.currency}'`, {}, ckName(table, 'currency_iso'));
    t.check('monthly_price >= 0 AND setup_fee >= 0', {}, ckName(table, 'prices_not_negative'));
    t.check(
      "(service_type = 'internet') = (download_mbps IS NOT NULL AND upload_mbps IS NOT NULL AND radius_group IS NOT NULL)"
        + " AND (service_type = 'internet' OR data_cap_gb IS NULL)",
      {},
      ckName(table, 'internet_fields'),
    );
    t.check("service_type = 'voice' OR included_minutes IS NULL", {}, ckName(table, 'voice_fields'));
    t.check('download_mbps > 0 AND upload_mbps > 0 AND data_cap_gb > 0 AND included_minutes >= 0', {}, ckName(table, 'quantities_positive'));
  });
  await addUpdatedAtTrigger(knex, Table.servicePlans);

  await knex.schema.createTable(Table.bundlePlanComponents, (t) => {
    const table = Table.bundlePlanComponents;
    uuidPrimaryKey(t, table, knex);
    t.uuid('bundle_plan_id').notNullable();
    ServiceType.column(t, 'bundle_plan_type').notNullable().defaultTo('bundle');
    t.uuid('component_plan_id').notNullable();
    ServiceType.column(t, 'component_plan_type').notNullable();
    timestamps(t, knex);
    // CASCADE: the composition is part of the bundle plan. RESTRICT: a plan inside a bundle stays.
    compositeForeignKey(t, table, ['bundle_plan_id', 'bundle_plan_type'], Table.servicePlans, ['id', 'service_type'], 'cascade');
    compositeForeignKey(t, table, ['component_plan_id', 'component_plan_type'], Table.servicePlans, ['id', 'service_type'], 'restrict');
    t.unique(['bundle_plan_id', 'bundle_plan_type', 'component_plan_id'], { indexName: uqName(table, ['bundle_plan_id', 'bundle_plan_type', 'component_plan_id']) });
    t.index(['component_plan_id', 'component_plan_type'], ixName(table, ['component_plan_id', 'component_plan_type']));
    t.check("bundle_plan_type = 'bundle'", {}, ckName(table, 'bundle_is_bundle'));
    t.check("component_plan_type IN ('internet', 'voice')", {}, ckName(table, 'component_not_bundle'));
  });
  await addUpdatedAtTrigger(knex, Table.bundlePlanComponents);

  await knex.schema.createTable(Table.services, (t) => {
    const table = Table.services;
    uuidPrimaryKey(t, table, knex);
    t.text('service_number').notNullable();
    // RESTRICT: services are cancelled, never deleted with their customer (they are billed).
    foreignKey(t, table, 'customer_id', { references: Table.customers, onDelete: 'restrict' });
    t.uuid('plan_id').notNullable();
    ServiceType.column(t, 'service_type').notNullable();
    ServiceStatus.column(t, 'status').notNullable().defaultTo('pending');
    // Where the service is delivered. RESTRICT: the address cannot vanish under it.
    foreignKey(t, table, 'location_id', { references: Table.locations, onDelete: 'restrict', nullable: true });
    // The bundle this service is part of. bundle_service_type is always 'bundle', so the key
    // below can only point at a bundle (MATCH SIMPLE: no bundle_service_id, nothing checked).
    t.uuid('bundle_service_id').nullable();
    ServiceType.column(t, 'bundle_service_type').notNullable().defaultTo('bundle');
    // A negotiated price instead of the plan's.
    money(t, 'price_override').nullable();
    t.timestamp('activated_at', { useTz: true }).nullable();
    t.timestamp('suspended_at', { useTz: true }).nullable();
    t.timestamp('cancelled_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.unique(['service_number'], { indexName: uqName(table, ['service_number']) });
    // Target of the (service, type) composite keys.
    t.unique(['id', 'service_type'], { indexName: uqName(table, ['id', 'service_type']) });
    // RESTRICT: a plan with services is retired, not deleted.
    compositeForeignKey(t, table, ['plan_id', 'service_type'], Table.servicePlans, ['id', 'service_type'], 'restrict');
    t.index(['plan_id', 'service_type'], ixName(table, ['plan_id', 'service_type']));
    // CASCADE: the parts of a bundle go with the bundle.
    compositeForeignKey(t, table, ['bundle_service_id', 'bundle_service_type'], Table.services, ['id', 'service_type'], 'cascade');
    t.index(['bundle_service_id', 'bundle_service_type'], ixName(table, ['bundle_service_id', 'bundle_service_type']));
    t.index(['status'], ixName(table, ['status']));
    t.check("service_type <> 'bundle' OR bundle_service_id IS NULL", {}, ckName(table, 'bundles_not_nested'));
    t.check("bundle_service_type = 'bundle'", {}, ckName(table, 'bundle_type_bundle'));
    t.check('price_override >= 0', {}, ckName(table, 'price_override_not_negative'));
    t.check(
      "(status <> 'active' OR activated_at IS NOT NULL) AND (status <> 'suspended' OR suspended_at IS NOT NULL) AND (status <> 'cancelled' OR cancelled_at IS NOT NULL)",
      {},
      ckName(table, 'status_has_time'),
    );
  });
  await addUpdatedAtTrigger(knex, Table.services);

  await knex.schema.createTable(Table.internetServices, (t) => {
    const table = Table.internetServices;
    uuidPrimaryKey(t, table, knex);
    t.uuid('service_id').notNullable();
    ServiceType.column(t, 'service_type').notNullable().defaultTo('internet');
    ConnectionType.column(t, 'connection_type').notNullable();
    // The PPPoE / IPoE login FreeRADIUS sees as User-Name.
    t.text('radius_username').notNullable();
    // A static public address. SET NULL: renumbering frees the service's address, not the service.
    foreignKey(t, table, 'ipv4_address_id', { references: Table.ipAddresses, onDelete: 'set null', nullable: true });
    // Delegated IPv6 prefix (DHCPv6-PD), e.g. a /56.
    t.specificType('delegated_ipv6_prefix', 'cidr').nullable();
    // The customer's router or ONT. SET NULL: swapping hardware keeps the service.
    foreignKey(t, table, 'cpe_device_id', { references: Table.devices, onDelete: 'set null', nullable: true });
    timestamps(t, knex);
    // CASCADE: the details go with their service.
    compositeForeignKey(t, table, ['service_id', 'service_type'], Table.services, ['id', 'service_type'], 'cascade');
    // One row per service (service_type is constant here, so this is unique on service_id).
    t.unique(['service_id', 'service_type'], { indexName: uqName(table, ['service_id', 'service_type']) });
    t.unique(['radius_username'], { indexName: uqName(table, ['radius_username']) });
    // Target of the RADIUS tables' (service_id, username) keys.
    t.unique(['service_id', 'radius_username'], { indexName: uqName(table, ['service_id', 'radius_username']) });
    // A static address serves one service.
    t.unique(['ipv4_address_id'], { indexName: uqName(table, ['ipv4_address_id']) });
    t.check("service_type = 'internet'", {}, ckName(table, 'type_internet'));
    t.check("radius_username ~ '^[A-Za-z0-9._@+-]{3,64}$'", {}, ckName(table, 'radius_username_format'));
    t.check('family(delegated_ipv6_prefix) = 6', {}, ckName(table, 'delegated_prefix_ipv6'));
  });
  await addUpdatedAtTrigger(knex, Table.internetServices);

  await knex.schema.createTable(Table.voiceServices, (t) => {
    const table = Table.voiceServices;
    uuidPrimaryKey(t, table, knex);
    t.uuid('service_id').notNullable();
    ServiceType.column(t, 'service_type').notNullable().defaultTo('voice');
    t.text('phone_number').notNullable();
    t.text('sip_username').notNullable();
    t.text('caller_id_name').nullable();
    // The address emergency services are sent to (E911 / 112 location). RESTRICT: it must not vanish.
    foreignKey(t, table, 'emergency_location_id', { references: Table.locations, onDelete: 'restrict', nullable: true });
    t.boolean('voicemail_enabled').notNullable().defaultTo(true);
    timestamps(t, knex);
    compositeForeignKey(t, table, ['service_id', 'service_type'], Table.services, ['id', 'service_type'], 'cascade');
    t.unique(['service_id', 'service_type'], { indexName: uqName(table, ['service_id', 'service_type']) });
    t.unique(['phone_number'], { indexName: uqName(table, ['phone_number']) });
    t.unique(['sip_username'], { indexName: uqName(table, ['sip_username']) });
    t.check("service_type = 'voice'", {}, ckName(table, 'type_voice'));
    t.check(`phone_number ~ '${Pattern.e164}'`, {}, ckName(table, 'phone_number_e164'));
  });
  await addUpdatedAtTrigger(knex, Table.voiceServices);

  await knex.schema.createTable(Table.provisioningJobs, (t) => {
    const table = Table.provisioningJobs;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: jobs are the provisioning history of their service.
    foreignKey(t, table, 'service_id', { references: Table.services, onDelete: 'cascade' });
    ProvisioningAction.column(t, 'action').notNullable();
    // pending → running → succeeded, or back to pending with a later next_attempt_at while
    // attempts remain, or failed when they are exhausted.
    ProvisioningJobState.column(t, 'state').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('max_attempts').notNullable().defaultTo(5);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.raw('now()'));
    t.timestamp('started_at', { useTz: true }).nullable();
    t.timestamp('finished_at', { useTz: true }).nullable();
    t.text('last_error').nullable();
    // What the provisioning worker needs: target plan, VLAN, ONT serial…
    t.jsonb('payload').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    // SET NULL: the job stays when its requester's account is removed.
    foreignKey(t, table, 'requested_by_id', { references: Table.staffUsers, onDelete: 'set null', nullable: true });
    timestamps(t, knex);
    // One open job per service: provisioning of one service is serialised.
    t.unique(['service_id'], { indexName: uqName(table, ['service_id']), predicate: knex.whereRaw("state IN ('pending', 'running')") });
    // The worker's queue: due pending jobs.
    t.index(['next_attempt_at'], ixName(table, ['next_attempt_at']), { predicate: knex.whereRaw("state = 'pending'") });
    t.check('max_attempts > 0 AND attempts BETWEEN 0 AND max_attempts', {}, ckName(table, 'attempts_range'));
    t.check("state <> 'running' OR started_at IS NOT NULL", {}, ckName(table, 'running_has_start'));
    t.check("(state IN ('succeeded', 'failed', 'cancelled')) = (finished_at IS NOT NULL)", {}, ckName(table, 'finished_has_time'));
  });
  await addUpdatedAtTrigger(knex, Table.provisioningJobs);

  for (const table of RADIUS_USER_TABLES) {
    const name = fkName(table, 'service_id_username');
    await execute(
      knex,
      `ALTER TABLE ${table} ADD CONSTRAINT ${name} FOREIGN KEY (service_id, username)
         REFERENCES internet_services (service_id, radius_username) ON UPDATE CASCADE ON DELETE CASCADE NOT VALID`,
    );
    await execute(knex, `ALTER TABLE ${table} VALIDATE CONSTRAINT ${name}`);
  }

  await execute(
    knex,
    `CREATE FUNCTION isp_radacct_link_service() RETURNS trigger LANGUAGE plpgsql AS $isp$
BEGIN
  IF NEW.service_id IS NULL AND NEW.username IS NOT NULL THEN
    SELECT s.service_id INTO NEW.service_id FROM internet_services s WHERE s.radius_username = NEW.username;
  END IF;
  RETURN NEW;
END
$isp$`,
  );
  await execute(knex, `CREATE TRIGGER ${triggerName(Table.radacct, 'link_service')} BEFORE INSERT ON radacct FOR EACH ROW EXECUTE FUNCTION isp_radacct_link_service()`);
}

export async function down(knex: Knex): Promise<void> {
  await execute(knex, `DROP TRIGGER IF EXISTS ${triggerName(Table.radacct, 'link_service')} ON radacct`);
  await dropFunction(knex, 'isp_radacct_link_service()');
  for (const table of RADIUS_USER_TABLES) {
    await execute(knex, `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${fkName(table, 'service_id_username')}`);
  }
  for (const table of [Table.provisioningJobs, Table.voiceServices, Table.internetServices, Table.services, Table.bundlePlanComponents, Table.servicePlans]) {
    await knex.schema.dropTable(table);
  }
  for (const type of [ProvisioningJobState, ProvisioningAction, ConnectionType, ServiceStatus, PlanStatus, ServiceType]) await type.drop(knex);
}

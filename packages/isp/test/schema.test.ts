/**
 * The schema of seed 000 on real PostgreSQL (the embedded server and the local one): the real
 * CLI applies the seventeen migrations in the seed's order, the result is exactly the committed
 * schema.snapshot with the tables, types, extensions, triggers and ON DELETE choices designed,
 * and rolling everything back leaves nothing.
 */
import { appliedMigrations, committedSchema, declaredEnums, liveSchema, ownTables, testServers, usePackageDatabase } from '@strata/core/testing';
import * as enums from '../src/enums';
import { Table } from '../src/tables';
import { cli, MIGRATION_FILES, PACKAGE_DIR, strataOk } from './support';

/** FreeRADIUS's tables that keep FreeRADIUS's own time columns instead (package.json waivers). */
const WITHOUT_UPDATED_AT = [Table.radacct, Table.radpostauth, Table.nasreload];

/** Triggers beyond the updated_at ones, each a rule of the schema. */
const RULE_TRIGGERS = [
  'customers.trg_customers_hierarchy_acyclic',
  'journal_entries.trg_journal_entries_balanced',
  'journal_lines.trg_journal_lines_balanced',
  'radacct.trg_radacct_link_service',
  'radpostauth.trg_radpostauth_forget_password',
];

/** The ON DELETE decisions that carry the design (the reason is beside each key in its migration). */
const ON_DELETE: [name: string, onDelete: string][] = [
  ['fk_customers_parent_customer_id', 'RESTRICT'],
  ['fk_customer_locations_location_id', 'RESTRICT'],
  ['fk_customer_contacts_customer_id', 'CASCADE'],
  ['fk_customers_account_manager_id', 'SET NULL'],
  ['fk_devices_site_id', 'RESTRICT'],
  ['fk_interfaces_device_id', 'CASCADE'],
  ['fk_ip_addresses_prefix_id_prefix', 'RESTRICT'],
  ['fk_ip_addresses_interface_id', 'SET NULL'],
  ['fk_radusergroup_groupname', 'RESTRICT'],
  ['fk_radgroupreply_groupname', 'CASCADE'],
  ['fk_radcheck_service_id_username', 'CASCADE'],
  ['fk_radreply_service_id_username', 'CASCADE'],
  ['fk_radusergroup_service_id_username', 'CASCADE'],
  ['fk_nas_device_id', 'SET NULL'],
  ['fk_services_customer_id', 'RESTRICT'],
  ['fk_services_plan_id_service_type', 'RESTRICT'],
  ['fk_services_bundle_service_id_bundle_service_type', 'CASCADE'],
  ['fk_internet_services_service_id_service_type', 'CASCADE'],
  ['fk_invoices_customer_id', 'RESTRICT'],
  ['fk_invoice_lines_service_id', 'RESTRICT'],
  ['fk_journal_lines_journal_entry_id', 'CASCADE'],
  ['fk_journal_lines_ledger_account_id', 'RESTRICT'],
  ['fk_tickets_assigned_to_id', 'SET NULL'],
  ['fk_webhook_deliveries_event_id', 'CASCADE'],
  ['fk_api_keys_rate_limit_policy_id', 'RESTRICT'],
  ['fk_file_attachments_file_id', 'RESTRICT'],
  ['fk_plugin_installations_plugin_version_id_plugin_id', 'RESTRICT'],
];

describe.each(testServers())('isp schema ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'isp_schema', schema: true });

  it('applies the 17 migrations in the seed\'s order', async () => {
    expect(await appliedMigrations(db.knex)).toEqual([...MIGRATION_FILES]);
  });

  it('matches the committed schema.snapshot exactly', () => {
    expect(db.schema).toEqual(committedSchema(PACKAGE_DIR));
  });

  it('creates exactly the tables of src/tables.ts', async () => {
    expect(await ownTables(db.knex)).toEqual(Object.values(Table).sort());
  });

  it('creates every enum type of src/enums.ts with its values in order, and no other', () => {
    expect(db.facts.enums).toEqual(declaredEnums(enums));
  });

  it('uses the citext and btree_gist extensions', () => {
    expect(db.facts.extensions).toEqual(['btree_gist', 'citext']);
  });

  it('keeps updated_at current on every table but FreeRADIUS\'s logs, and has its rule triggers', () => {
    const updatedAt = Object.values(Table).filter((t) => !WITHOUT_UPDATED_AT.includes(t as never)).map((t) => `${t}.trg_${t}_updated_at`);
    expect([...db.facts.triggers].sort()).toEqual([...updatedAt, ...RULE_TRIGGERS].sort());
  });

  it('indexes every foreign key (an index leading with its columns)', () => {
    const leads = (index: readonly string[], key: readonly string[]) => [...index.slice(0, key.length)].sort().join() === [...key].sort().join();
    const unindexed = db.facts.foreignKeys.filter((fk) => !db.facts.indexes.some((ix) => ix.table === fk.table && ix.predicate === null && leads(ix.columns, fk.columns)));
    expect(unindexed.map((fk) => fk.name)).toEqual([]);
  });

  it.each(ON_DELETE)('%s is ON DELETE %s', (name, onDelete) => {
    expect(db.facts.foreignKeys.find((fk) => fk.name === name)?.onDelete).toBe(onDelete);
  });

  it('keeps FreeRADIUS\'s column names on its tables', () => {
    // The columns the default queries of raddb/mods-config/sql/main/postgresql/queries.conf name.
    expect(db.facts.columns(Table.radacct)).toEqual(expect.arrayContaining([
      'radacctid', 'acctsessionid', 'acctuniqueid', 'username', 'realm', 'nasipaddress', 'nasportid', 'nasporttype', 'acctstarttime', 'acctupdatetime',
      'acctstoptime', 'acctinterval', 'acctsessiontime', 'acctauthentic', 'connectinfo_start', 'connectinfo_stop', 'acctinputoctets', 'acctoutputoctets',
      'calledstationid', 'callingstationid', 'acctterminatecause', 'servicetype', 'framedprotocol', 'framedipaddress', 'framedipv6address',
      'framedipv6prefix', 'framedinterfaceid', 'delegatedipv6prefix', 'class',
    ]));
    for (const table of [Table.radcheck, Table.radreply]) expect(db.facts.columns(table)).toEqual(expect.arrayContaining(['id', 'username', 'attribute', 'op', 'value']));
    for (const table of [Table.radgroupcheck, Table.radgroupreply]) expect(db.facts.columns(table)).toEqual(expect.arrayContaining(['id', 'groupname', 'attribute', 'op', 'value']));
    expect(db.facts.columns(Table.radusergroup)).toEqual(expect.arrayContaining(['username', 'groupname', 'priority']));
    expect(db.facts.columns(Table.radpostauth)).toEqual(expect.arrayContaining(['id', 'username', 'pass', 'reply', 'calledstationid', 'callingstationid', 'authdate', 'class']));
    expect(db.facts.columns(Table.nas)).toEqual(expect.arrayContaining(['id', 'nasname', 'shortname', 'type', 'ports', 'secret', 'server', 'community', 'description']));
    expect(db.facts.columns(Table.nasreload)).toEqual(['nasipaddress', 'reloadtime']);
    // Every ON CONFLICT (AcctUniqueId) of the accounting queries needs this unique index.
    expect(db.facts.indexes).toContainEqual(expect.objectContaining({ table: 'radacct', columns: ['acctuniqueid'], unique: true, predicate: null }));
  });

  it('rolls every migration back, leaving nothing', async () => {
    await strataOk(db.url, ['migrate', 'rollback', '--every-batch']);
    expect(await liveSchema(db.knex)).toEqual([]);
  });
});

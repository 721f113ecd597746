/**
 * Step 17 of 17 — create_plugin_system_tables — Features: Plugin system.
 *
 * Plugins the platform knows, their released versions (the package itself kept in object
 * storage, step 16), what is installed and at which version, and each installation's settings.
 * An installation runs a version of its own plugin: the composite key
 * (plugin_version_id, plugin_id) → plugin_versions(id, plugin_id) refuses another plugin's version.
 * Secret settings (a payment gateway's API key) are stored only encrypted by the application.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { compositeForeignKey, foreignKeyCovered } from '../src/columns';
import { PluginInstallationStatus } from '../src/enums';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 17, revision: 'create_plugin_system_tables', title: 'Features: Plugin system' };

/** Semantic Versioning 2.0.0 (without build metadata). */
const SEMVER = '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)*$';

export async function up(knex: Knex): Promise<void> {
  await PluginInstallationStatus.create(knex, { values: ['installed', 'enabled', 'disabled', 'failed'] });

  await knex.schema.createTable(Table.plugins, (t) => {
    const table = Table.plugins;
    uuidPrimaryKey(t, table, knex);
    // 'stripe-payments', 'zabbix-monitoring'.
    t.text('slug').notNullable();
    t.text('name').notNullable();
    t.text('publisher').notNullable();
    t.text('description').nullable();
    t.text('homepage_url').nullable();
    timestamps(t, knex);
    t.unique(['slug'], { indexName: uqName(table, ['slug']) });
    t.check("slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", {}, ckName(table, 'slug_format'));
  });
  await addUpdatedAtTrigger(knex, Table.plugins);

  await knex.schema.createTable(Table.pluginVersions, (t) => {
    const table = Table.pluginVersions;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: versions are part of their plugin. Indexed by uq_plugin_versions_plugin_id_version.
    foreignKeyCovered(t, table, 'plugin_id', { references: Table.plugins, onDelete: 'cascade' });
    t.text('version').notNullable();
    // The plugin's manifest: entry points, hooks, required API scopes, settings schema.
    t.jsonb('manifest').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    t.text('min_platform_version').nullable();
    // RESTRICT: a released package is kept while its version row exists.
    foreignKey(t, table, 'package_file_id', { references: Table.storedFiles, onDelete: 'restrict', nullable: true });
    t.binary('checksum_sha256').nullable();
    t.timestamp('released_at', { useTz: true }).notNullable().defaultTo(knex.raw('now()'));
    // A withdrawn release: existing installations keep it, new ones may not choose it.
    t.boolean('is_yanked').notNullable().defaultTo(false);
    timestamps(t, knex);
    t.unique(['plugin_id', 'version'], { indexName: uqName(table, ['plugin_id', 'version']) });
    // Target of installations' (version, plugin) key.
    t.unique(['id', 'plugin_id'], { indexName: uqName(table, ['id', 'plugin_id']) });
    t.check(`version ~ '${SEMVER}'`, {}, ckName(table, 'version_semver'));
    t.check('octet_length(checksum_sha256) = 32', {}, ckName(table, 'checksum_sha256_length'));
  });
  await addUpdatedAtTrigger(knex, Table.pluginVersions);

  await knex.schema.createTable(Table.pluginInstallations, (t) => {
    const table = Table.pluginInstallations;
    uuidPrimaryKey(t, table, knex);
    // RESTRICT: an installed plugin is uninstalled before it is removed from the catalogue.
    // Indexed by uq_plugin_installations_plugin_id (one installation per plugin).
    foreignKeyCovered(t, table, 'plugin_id', { references: Table.plugins, onDelete: 'restrict' });
    t.uuid('plugin_version_id').notNullable();
    PluginInstallationStatus.column(t, 'status').notNullable().defaultTo('installed');
    t.timestamp('installed_at', { useTz: true }).notNullable().defaultTo(knex.raw('now()'));
    foreignKey(t, table, 'installed_by_id', { references: Table.staffUsers, onDelete: 'set null', nullable: true });
    t.text('last_error').nullable();
    timestamps(t, knex);
    // RESTRICT: the running version cannot be deleted.
    compositeForeignKey(t, table, ['plugin_version_id', 'plugin_id'], Table.pluginVersions, ['id', 'plugin_id'], 'restrict');
    t.index(['plugin_version_id', 'plugin_id'], ixName(table, ['plugin_version_id', 'plugin_id']));
    t.unique(['plugin_id'], { indexName: uqName(table, ['plugin_id']) });
    t.check("(status = 'failed') = (last_error IS NOT NULL)", {}, ckName(table, 'failed_has_error'));
  });
  await addUpdatedAtTrigger(knex, Table.pluginInstallations);

  await knex.schema.createTable(Table.pluginSettings, (t) => {
    const table = Table.pluginSettings;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: settings are part of the installation. Indexed by uq_plugin_settings_plugin_installation_id_key.
    foreignKeyCovered(t, table, 'plugin_installation_id', { references: Table.pluginInstallations, onDelete: 'cascade' });
    t.text('key').notNullable();
    // A plain setting's value; a secret one's is only in secret_ciphertext (encrypted by the application).
    t.jsonb('value').nullable();
    t.boolean('is_secret').notNullable().defaultTo(false);
    t.binary('secret_ciphertext').nullable();
    timestamps(t, knex);
    t.unique(['plugin_installation_id', 'key'], { indexName: uqName(table, ['plugin_installation_id', 'key']) });
    t.check("key ~ '^[a-z][a-z0-9_.]*$'", {}, ckName(table, 'key_format'));
    t.check('(is_secret AND value IS NULL AND secret_ciphertext IS NOT NULL) OR (NOT is_secret AND secret_ciphertext IS NULL)', {}, ckName(table, 'secret_encrypted'));
  });
  await addUpdatedAtTrigger(knex, Table.pluginSettings);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [Table.pluginSettings, Table.pluginInstallations, Table.pluginVersions, Table.plugins]) await knex.schema.dropTable(table);
  await PluginInstallationStatus.drop(knex);
}

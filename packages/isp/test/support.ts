/** Shared by the package's tests: the real CLI in this package, and its migration files. */
import path from 'node:path';
import { packageCli } from '@strata/core/testing';

/** The package folder: the CLI finds migrations/ and seeds/ from here, as `pnpm migrate` does. */
export const PACKAGE_DIR = path.resolve(__dirname, '..');

/** `strata(url, args, env)` / `strataOk(…)`: the real CLI with a clean environment. */
export const cli = packageCli(PACKAGE_DIR);
export const { strata, strataOk } = cli;

/** The migration file names, in order. */
export const MIGRATION_FILES = [
  '20250726011801_7fbe30f0c3ed_foundation_customer_model.ts',
  '20250726011802_005_add_portal_id_uniqueness.ts',
  '20250726011803_005a_add_locations_table.ts',
  '20250726011804_006_add_network_infrastructure.ts',
  '20250726011805_007_add_radius_tables.ts',
  '20250726011806_008_add_radius_clients.ts',
  '20250726011807_00ba038d8a2e_infrastructure_base_tables.ts',
  '20250726011808_4db3f05bfae9_service_management.ts',
  '20250726011809_35b46255a705_billing_system.ts',
  '20250726011810_9e1c7b520e78_comprehensive_customer_schema.ts',
  '20250726011811_create_ticketing_system.ts',
  '20250726011812_webhook_system_001.ts',
  '20250726011813_create_api_management_system.ts',
  '20250726011814_2025_07_23_add_api_management.ts',
  '20250726011815_create_communications_system.ts',
  '20250726011816_0016_create_file_storage_tables.ts',
  '20250726011817_create_plugin_system_tables.ts',
] as const;

/** The file of step `n` (1-based). */
export const stepFile = (n: number): string => MIGRATION_FILES[n - 1]!;

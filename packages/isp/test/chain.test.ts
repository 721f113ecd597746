/**
 * The chain is the seed's: seventeen migrations, linear, in the order of seed 000's "Final
 * Migration Sequence" (its text is quoted below), each carrying its revision id in its file name
 * and in its `chain` export; the three steps that change tables holding data run outside a
 * transaction; and the README's chain table is exactly what the migration files say.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHAIN_LENGTH, type ChainStep } from '../src/chain';
import { MIGRATION_FILES, PACKAGE_DIR } from './support';

/** Seed 000, "Final Migration Sequence", verbatim. */
const SEED_SEQUENCE = `
 1. **7fbe30f0c3ed** - Foundation: Basic customer model changes
 2. **005_add_portal_id_uniqueness** - Foundation: Portal ID system
 3. **005a_add_locations_table** - Foundation: Locations table
 4. **006_add_network_infrastructure** - Infrastructure: Network and IPAM
 5. **007_add_radius_tables** - Infrastructure: RADIUS sessions
 6. **008_add_radius_clients** - Infrastructure: RADIUS clients
 7. **00ba038d8a2e** - Infrastructure: Base tables
 8. **4db3f05bfae9** - Business: Service management
 9. **35b46255a705** - Business: Billing system
10. **9e1c7b520e78** - Business: Comprehensive customer schema
11. **create_ticketing_system** - Features: Support ticketing system
12. **webhook_system_001** - Features: Webhook integrations (consolidated)
13. **create_api_management_system** - Features: API management
14. **2025_07_23_add_api_management** - Features: Enhanced API management
15. **create_communications_system** - Features: Communications system
16. **0016_create_file_storage_tables** - Features: File storage system (consolidated)
17. **create_plugin_system_tables** - Features: Plugin system
`;

const SEED_ORDER: ChainStep[] = [...SEED_SEQUENCE.matchAll(/^\s*(\d+)\. \*\*(.+?)\*\* - (.+)$/gm)].map((m) => ({ step: Number(m[1]), revision: m[2]!, title: m[3]! }));

/** Steps that alter tables already holding data, done online (transaction: false). */
const ONLINE_STEPS = [2, 10, 14];

interface MigrationFile {
  readonly name: string;
  readonly chain: ChainStep;
  readonly transaction: boolean;
}

const MIGRATIONS_DIR = path.join(PACKAGE_DIR, 'migrations');

function migrations(): MigrationFile[] {
  const names = readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.ts')).sort();
  return names.map((name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(path.join(MIGRATIONS_DIR, name)) as { chain: ChainStep; config?: { transaction?: boolean } };
    return { name, chain: module.chain, transaction: module.config?.transaction !== false };
  });
}

/** The README's chain table, as rendered from the files. */
function chainTable(files: readonly MigrationFile[]): string[] {
  return [
    '| Step | Seed revision | Seed\'s description | Migration file | Runs |',
    '|---|---|---|---|---|',
    ...files.map((f) => `| ${f.chain.step} | \`${f.chain.revision}\` | ${f.chain.title} | \`${f.name}\` | ${f.transaction ? 'in a transaction' : '**online** (no transaction)'} |`),
  ];
}

describe('the chain of seed 000', () => {
  const files = migrations();

  it('has the seed\'s 17 steps, one file each, linear', () => {
    expect(SEED_ORDER).toHaveLength(CHAIN_LENGTH);
    expect(files.map((f) => f.name)).toEqual([...MIGRATION_FILES]);
  });

  it('applies them in the seed\'s order, with the seed\'s revision ids and titles', () => {
    expect(files.map((f) => f.chain)).toEqual(SEED_ORDER);
  });

  it('names each file after its revision, dated so they sort in that order', () => {
    for (const [index, file] of files.entries()) {
      // <timestamp>_<revision>[_<words>].ts
      const rest = file.name.slice(15, -'.ts'.length);
      const named = rest === file.chain.revision || rest.startsWith(`${file.chain.revision}_`);
      expect({ file: file.name, stamp: file.name.slice(0, 14), named }).toEqual({ file: file.name, stamp: `202507260118${String(index + 1).padStart(2, '0')}`, named: true });
    }
  });

  it('runs exactly steps 2, 10 and 14 (live tables) outside a transaction', () => {
    expect(files.filter((f) => !f.transaction).map((f) => f.chain.step)).toEqual(ONLINE_STEPS);
  });

  it('is the chain table of the README', () => {
    const readme = readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8');
    const start = readme.indexOf('<!-- chain:start -->');
    const end = readme.indexOf('<!-- chain:end -->');
    expect(start).toBeGreaterThan(0);
    const table = readme.slice(start, end).split('\n').filter((line) => line.startsWith('|'));
    expect(table).toEqual(chainTable(files));
  });
});

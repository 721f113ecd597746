import type { Knex } from 'knex';
import { connect } from '../db/connect';
import type { SnapshotEntry } from '../schema/render';
import type { SeedProfile } from '../seeds/module';
import { createTestDatabase, type TestDatabase } from './databases';
import type { PackageCli } from './package-cli';
import { liveSchema, schemaFacts, type SchemaFacts } from './schema-facts';
import type { TestServer } from './servers';

/** How {@link usePackageDatabase} prepares the database. */
export interface PackageDatabaseOptions {
  /** Part of the database name, `strata_test_<prefix>_<random>`: say which test made it. */
  readonly prefix: string;
  /**
   * How far the CLI migrates it: `latest` (default) runs `strata migrate latest`, a migration
   * name `strata migrate to <name>`; `false` leaves the database empty.
   */
  readonly migrate?: 'latest' | (string & {}) | false;
  /** A seed profile run after migrating (`strata seed run --profile <seed>`); none by default. */
  readonly seed?: SeedProfile;
  /** Read the live schema once it is set up, as `schema` and `facts`. Default false. */
  readonly schema?: boolean;
}

/** A throwaway database of a test file, ready inside `it()` and later `beforeAll()` hooks. */
export interface PackageDatabase {
  /** Its URL, for the CLI: `strataOk(db.url, ['seed', 'undo'])`. */
  readonly url: string;
  /** A Knex connection to it, destroyed after the tests. */
  readonly knex: Knex;
  /** Its live schema right after set-up, before any test changed it (option `schema`). */
  readonly schema: readonly SnapshotEntry[];
  /** The facts of `schema` (option `schema`). */
  readonly facts: SchemaFacts;
}

/**
 * Registers, in the calling `describe`, a `beforeAll` that creates a throwaway database on
 * `server`, migrates it (and seeds it) with the package's real CLI and connects to it, and an
 * `afterAll` that disconnects and drops it. Read its fields inside tests and later hooks only:
 * before the `beforeAll` has run they throw. A test file's own set-up goes in a `beforeAll`
 * registered after this call (jest runs hooks in the order they are registered).
 * @example
 * describe.each(testServers())('billing schema ($label)', (server) => {
 *   const db = usePackageDatabase(cli, server, { prefix: 'billing_schema', schema: true });
 *   it('matches the committed schema.snapshot', () => expect(db.schema).toEqual(committedSchema(PACKAGE_DIR)));
 *   it('rolls back to nothing', async () => {
 *     await cli.strataOk(db.url, ['migrate', 'rollback', '--every-batch']);
 *     expect(await liveSchema(db.knex)).toEqual([]);
 *   });
 * });
 */
export function usePackageDatabase(cli: Pick<PackageCli, 'strataOk'>, server: TestServer, options: PackageDatabaseOptions): PackageDatabase {
  let db: TestDatabase | undefined;
  let knex: Knex | undefined;
  let schema: SnapshotEntry[] | undefined;
  let facts: SchemaFacts | undefined;

  beforeAll(async () => {
    db = await createTestDatabase(server, options.prefix);
    const migrate = options.migrate ?? 'latest';
    if (migrate !== false) await cli.strataOk(db.url, migrate === 'latest' ? ['migrate', 'latest'] : ['migrate', 'to', migrate]);
    if (options.seed) await cli.strataOk(db.url, ['seed', 'run', '--profile', options.seed]);
    knex = connect(db.url);
    if (options.schema) {
      schema = await liveSchema(knex);
      facts = schemaFacts(schema);
    }
  });

  afterAll(async () => {
    await knex?.destroy();
    await db?.drop();
  });

  const ready = <T>(value: T | undefined, field: string): T => {
    if (value !== undefined) return value;
    const why = (field === 'schema' || field === 'facts') && !options.schema ? 'pass { schema: true } to usePackageDatabase' : 'read it inside it() or a later beforeAll()';
    throw new Error(`the test database ${options.prefix} has no ${field} yet: ${why}`);
  };
  return {
    get url() {
      return ready(db, 'url').url;
    },
    get knex() {
      return ready(knex, 'knex');
    },
    get schema() {
      return ready(schema, 'schema');
    },
    get facts() {
      return ready(facts, 'facts');
    },
  };
}

/**
 * Step 14 of 17 — 2025_07_23_add_api_management — Features: Enhanced API management.
 *
 * Rate limits and usage for the API of step 13: rate limit policies, keys bound to a policy and
 * optionally to source networks, the address a key was last used from, hourly usage counters
 * per key; and a unique key prefix, so a request finds its key by prefix in one index probe.
 *
 * api_keys holds live keys when this runs, so it is changed the production way
 * (src/online-ddl.ts), outside the runner's transaction:
 *
 * 1. refuse, before anything changes, key prefixes that are already duplicated;
 * 2. one short transaction: the new tables and the new api_keys columns (nullable: no rewrite);
 * 3. the foreign key and the check on the new columns, NOT VALID (no scan);
 * 4. the unique prefix index and the foreign key's index, built CONCURRENTLY; the unique index
 *    attached as the constraint uq_api_keys_key_prefix (USING INDEX: no scan), and the old
 *    non-unique ix_api_keys_key_prefix dropped CONCURRENTLY (the unique one serves its lookups);
 * 5. VALIDATE of each constraint (SHARE UPDATE EXCLUSIVE: requests keep being served).
 *
 * The rate limiter itself counts in memory (Redis); the database holds the policies and the
 * hourly totals it flushes (api_usage), for billing and the customer portal.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, fkName, ixName, quoteIdentifier, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import type { ChainStep } from '../src/chain';
import { foreignKeyCovered } from '../src/columns';
import {
  addConstraintNotValid,
  attachUniqueConstraint,
  buildIndexConcurrently,
  dropIndexConcurrently,
  refuseDuplicates,
  shortTransaction,
  validateConstraint,
} from '../src/online-ddl';
import { Pattern } from '../src/sql';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 14, revision: '2025_07_23_add_api_management', title: 'Features: Enhanced API management' };

/** Lint findings this migration accepts, each with its reason. */
export const lint = {
  allow: {
    'prefer-robust-stmts': 'every action of src/online-ddl checks the catalog first (a valid index is skipped, an INVALID one dropped and rebuilt), so a rerun after a failure finishes the step without IF NOT EXISTS',
  },
};

/** CREATE/DROP INDEX CONCURRENTLY cannot run in a transaction block. */
export const config = { transaction: false };

const KEYS = Table.apiKeys;
const PREFIX_UNIQUE = uqName(KEYS, ['key_prefix']);
const PREFIX_INDEX = ixName(KEYS, ['key_prefix']);

/** Columns added to api_keys, all nullable. */
const NEW_COLUMNS = [
  // NULL = the default policy of the client's plan.
  ['rate_limit_policy_id', 'uuid'],
  // Networks the key may be used from; NULL = anywhere.
  ['allowed_cidrs', 'cidr[]'],
  ['last_used_ip', 'inet'],
] as const;

const CONSTRAINTS = [
  // RESTRICT: a policy keys are bound to cannot be deleted from under them.
  [fkName(KEYS, 'rate_limit_policy_id'), `FOREIGN KEY (rate_limit_policy_id) REFERENCES ${Table.rateLimitPolicies} (id) ON DELETE RESTRICT`],
  // An empty list would lock the key out everywhere; NULL is "no restriction".
  [ckName(KEYS, 'allowed_cidrs_not_empty'), 'CHECK (cardinality(allowed_cidrs) > 0)'],
] as const;

export async function up(knex: Knex): Promise<void> {
  await refuseDuplicates(knex, KEYS, 'key_prefix', 'revoke and reissue the keys sharing a prefix (their prefixes must differ)');
  if (!(await knex.schema.hasTable(Table.apiUsage))) {
    await shortTransaction(knex, async (trx) => {
      await createTables(trx);
      await trx.raw(`ALTER TABLE ${quoteIdentifier(KEYS)} ${NEW_COLUMNS.map(([name, type]) => `ADD COLUMN ${quoteIdentifier(name)} ${type}`).join(', ')}`);
    });
  }
  for (const [name, definition] of CONSTRAINTS) await addConstraintNotValid(knex, KEYS, name, definition);
  await buildIndexConcurrently(knex, { name: PREFIX_UNIQUE, table: KEYS, columns: ['key_prefix'], unique: true });
  await attachUniqueConstraint(knex, KEYS, PREFIX_UNIQUE);
  await dropIndexConcurrently(knex, PREFIX_INDEX);
  await buildIndexConcurrently(knex, { name: ixName(KEYS, ['rate_limit_policy_id']), table: KEYS, columns: ['rate_limit_policy_id'] });
  for (const [name] of CONSTRAINTS) await validateConstraint(knex, KEYS, name);
}

async function createTables(knex: Knex): Promise<void> {
  await knex.schema.createTable(Table.rateLimitPolicies, (t) => {
    const table = Table.rateLimitPolicies;
    uuidPrimaryKey(t, table, knex);
    t.text('code').notNullable();
    t.text('name').notNullable();
    // Token bucket: refilled at requests_per_minute, holding up to burst extra requests.
    t.integer('requests_per_minute').notNullable();
    t.integer('burst').notNullable().defaultTo(0);
    // A daily quota on top; NULL = none.
    t.integer('requests_per_day').nullable();
    timestamps(t, knex);
    t.unique(['code'], { indexName: uqName(table, ['code']) });
    t.check(`code ~ '${Pattern.code}'`, {}, ckName(table, 'code_format'));
    t.check('requests_per_minute > 0 AND burst >= 0 AND requests_per_day > 0', {}, ckName(table, 'limits_positive'));
  });
  await addUpdatedAtTrigger(knex, Table.rateLimitPolicies);

  await knex.schema.createTable(Table.apiUsage, (t) => {
    const table = Table.apiUsage;
    uuidPrimaryKey(t, table, knex);
    // CASCADE: counters belong to their key. Indexed by uq_api_usage_api_key_id_hour_start.
    foreignKeyCovered(t, table, 'api_key_id', { references: KEYS, onDelete: 'cascade' });
    // The hour the counts are for (UTC, on the hour).
    t.timestamp('hour_start', { useTz: true }).notNullable();
    t.bigInteger('request_count').notNullable().defaultTo(0);
    t.bigInteger('error_count').notNullable().defaultTo(0);
    // Requests refused by the rate limiter (HTTP 429).
    t.bigInteger('throttled_count').notNullable().defaultTo(0);
    timestamps(t, knex);
    // The limiter flushes with INSERT … ON CONFLICT (api_key_id, hour_start) DO UPDATE.
    t.unique(['api_key_id', 'hour_start'], { indexName: uqName(table, ['api_key_id', 'hour_start']) });
    t.check('request_count >= 0 AND error_count BETWEEN 0 AND request_count AND throttled_count BETWEEN 0 AND request_count', {}, ckName(table, 'counts_valid'));
    t.check("hour_start = date_bin('1 hour', hour_start, timestamptz '2000-01-01 00:00:00+00')", {}, ckName(table, 'on_the_hour'));
  });
  await addUpdatedAtTrigger(knex, Table.apiUsage);
}

export async function down(knex: Knex): Promise<void> {
  // Put back the plain prefix index before the unique constraint goes, so lookups never lose theirs.
  await buildIndexConcurrently(knex, { name: PREFIX_INDEX, table: KEYS, columns: ['key_prefix'] });
  await shortTransaction(knex, async (trx) => {
    await trx.raw(`ALTER TABLE ${quoteIdentifier(KEYS)} DROP CONSTRAINT IF EXISTS ${quoteIdentifier(PREFIX_UNIQUE)}`);
    // Dropping the columns drops their index and constraints.
    await trx.raw(`ALTER TABLE ${quoteIdentifier(KEYS)} ${NEW_COLUMNS.map(([name]) => `DROP COLUMN IF EXISTS ${quoteIdentifier(name)}`).join(', ')}`);
    await trx.schema.dropTableIfExists(Table.apiUsage);
    await trx.schema.dropTableIfExists(Table.rateLimitPolicies);
  });
}

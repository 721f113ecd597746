/** Options of the schema lint, and their validation from a package.json "strata" field. */
import { ConfigError } from '../errors';
import { SCHEMA_RULE_IDS, isSchemaRuleId } from './lint-rules';

/** Rule id → object name → written reason. */
export type SchemaWaivers = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Options a package declares in package.json: `"strata": { "schemaLint": { … } }`. */
export interface SchemaLintPackageOptions {
  /** Every table needs created_at/updated_at (and the updated_at trigger). Default false. */
  readonly requireTimestamps?: boolean;
  /** Waive a rule for named objects with a written reason: `{ "foreign-key-index": { "orders.user_id": "why" } }`. */
  readonly waive?: SchemaWaivers;
  /** Schema to lint; default `public`. */
  readonly schema?: string;
  /** Table patterns (`*` wildcard) to skip; default the bookkeeping tables. */
  readonly excludeTables?: readonly string[];
}

const KEYS = ['requireTimestamps', 'waive', 'schema', 'excludeTables'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks waivers: known rule ids, object names, and a non-empty written reason for each.
 * @throws ConfigError naming the first bad entry.
 */
export function validateWaivers(waive: unknown, where = 'schemaLint.waive'): SchemaWaivers {
  if (!isPlainObject(waive)) throw new ConfigError(`${where} must be an object: { "<rule>": { "<object>": "<reason>" } }`);
  for (const [rule, objects] of Object.entries(waive)) {
    if (!isSchemaRuleId(rule)) throw new ConfigError(`${where} names unknown rule '${rule}': rules are ${SCHEMA_RULE_IDS.join(', ')}`);
    if (!isPlainObject(objects)) throw new ConfigError(`${where}["${rule}"] must map object names to reasons, e.g. { "orders.user_id": "why" }`);
    for (const [object, reason] of Object.entries(objects)) {
      if (typeof reason !== 'string' || reason.trim() === '') {
        throw new ConfigError(`${where}["${rule}"]["${object}"] has no reason: write why the rule does not apply to ${object}`);
      }
    }
  }
  return waive as SchemaWaivers;
}

/**
 * Reads and validates the schema lint options of a package from its package.json "strata" field.
 * @example schemaLintOptionsFrom(require('./package.json').strata)
 * // { requireTimestamps: true, waive: { 'foreign-key-index': { 'orders.user_id': 'covered by ix_orders_user_id_created_at' } } }
 * @throws ConfigError with the path of the bad value and what to write instead.
 */
export function schemaLintOptionsFrom(strataField: unknown, source = 'package.json "strata"'): SchemaLintPackageOptions {
  if (strataField === undefined || strataField === null) return {};
  if (!isPlainObject(strataField)) throw new ConfigError(`${source} must be an object, e.g. { "schemaLint": { "requireTimestamps": true } }`);
  const raw = strataField.schemaLint;
  const where = `${source}.schemaLint`;
  if (raw === undefined) return {};
  if (!isPlainObject(raw)) throw new ConfigError(`${where} must be an object with ${KEYS.join(', ')}`);
  for (const key of Object.keys(raw)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new ConfigError(`${where} has unknown key '${key}': allowed are ${KEYS.join(', ')}`);
  }
  const options: { -readonly [K in keyof SchemaLintPackageOptions]: SchemaLintPackageOptions[K] } = {};
  if (raw.requireTimestamps !== undefined) {
    if (typeof raw.requireTimestamps !== 'boolean') throw new ConfigError(`${where}.requireTimestamps must be true or false`);
    options.requireTimestamps = raw.requireTimestamps;
  }
  if (raw.waive !== undefined) options.waive = validateWaivers(raw.waive, `${where}.waive`);
  if (raw.schema !== undefined) {
    if (typeof raw.schema !== 'string' || raw.schema === '') throw new ConfigError(`${where}.schema must be a schema name`);
    options.schema = raw.schema;
  }
  if (raw.excludeTables !== undefined) {
    if (!Array.isArray(raw.excludeTables) || raw.excludeTables.some((p) => typeof p !== 'string' || p === '')) {
      throw new ConfigError(`${where}.excludeTables must be a list of table name patterns, e.g. ["legacy_*"]`);
    }
    options.excludeTables = raw.excludeTables as string[];
  }
  return options;
}

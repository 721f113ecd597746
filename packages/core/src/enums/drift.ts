/** Enum drift: the values in the database versus the TypeScript definition. */
import type { Knex } from 'knex';
import { quoteIdentifier } from '../naming/identifier';

/** How a database enum differs from its definition. */
export interface EnumDrift {
  readonly name: string;
  /** False when the type does not exist in the database. */
  readonly exists: boolean;
  /** In the definition, not in the database. */
  readonly missing: readonly string[];
  /** In the database, not in the definition. */
  readonly extra: readonly string[];
  /** Same values, different order (order matters: enums compare by position). */
  readonly orderDiffers: boolean;
  /** Database values, in order (empty when the type does not exist). */
  readonly actual: readonly string[];
  readonly expected: readonly string[];
  readonly inSync: boolean;
}

/** The labels of an enum type in order, or undefined when no such enum type exists. */
export async function readEnumLabels(knex: Knex, name: string, schema?: string): Promise<string[] | undefined> {
  const qualified = schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name);
  const result = await knex.raw<{ rows: { typtype: string; labels: string[] | null }[] }>(
    `SELECT t.typtype::text AS typtype,
            ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
       FROM pg_catalog.pg_type t WHERE t.oid = to_regtype(?)`,
    [qualified],
  );
  const row = result.rows[0];
  if (!row || row.typtype !== 'e') return undefined;
  return row.labels ?? [];
}

/** Compares database labels with a definition's values. */
export function compareEnumValues(name: string, expected: readonly string[], actual: readonly string[] | undefined): EnumDrift {
  const found = actual ?? [];
  const missing = expected.filter((value) => !found.includes(value));
  const extra = found.filter((value) => !expected.includes(value));
  const common = expected.filter((value) => found.includes(value));
  const orderDiffers = common.join('\u0000') !== found.filter((value) => expected.includes(value)).join('\u0000');
  return {
    name,
    exists: actual !== undefined,
    missing,
    extra,
    orderDiffers,
    actual: found,
    expected: [...expected],
    inSync: actual !== undefined && missing.length === 0 && extra.length === 0 && !orderDiffers,
  };
}

/**
 * Reads the enum from the database and compares it with the definition.
 * @example (await billingStatus.drift(knex)).inSync
 */
export async function enumDrift(knex: Knex, definition: { readonly name: string; readonly values: readonly string[] }, schema?: string): Promise<EnumDrift> {
  return compareEnumValues(definition.name, definition.values, await readEnumLabels(knex, definition.name, schema));
}

/**
 * One line describing a drift, naming the type and the values.
 * @example describeEnumDrift(drift) // "enum billing_status: missing in database 'paused'; extra in database 'legacy'"
 */
export function describeEnumDrift(drift: EnumDrift): string {
  if (!drift.exists) return `enum ${drift.name}: type does not exist in the database`;
  if (drift.inSync) return `enum ${drift.name}: in sync`;
  const parts: string[] = [];
  const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
  if (drift.missing.length > 0) parts.push(`missing in database ${list(drift.missing)}`);
  if (drift.extra.length > 0) parts.push(`extra in database ${list(drift.extra)}`);
  if (drift.orderDiffers) parts.push(`order differs: database (${drift.actual.join(', ')}) vs definition (${drift.expected.join(', ')})`);
  return `enum ${drift.name}: ${parts.join('; ')}`;
}

/** The schema convention lint's rules: ids, severities and what each checks. */
import { Severity } from '../lint/finding';

/** Every rule of `strata lint --schema`, by id. */
export const SchemaRule = {
  /** Table names are snake_case (plural by convention; plurality is not checked). */
  'table-name': { severity: Severity.error, summary: 'table name is not snake_case' },
  /** Column names are snake_case. */
  'column-name': { severity: Severity.error, summary: 'column name is not snake_case' },
  /** Enum type names are snake_case. */
  'type-name': { severity: Severity.error, summary: 'enum type name is not snake_case' },
  /** Constraints are named pk_/fk_/uq_/ck_<table>_…, not by PostgreSQL or Knex defaults. */
  'constraint-name': { severity: Severity.error, summary: 'constraint name is off-convention or auto-generated' },
  /** Indexes are named ix_/uq_<table>_<columns>, not by PostgreSQL or Knex defaults. */
  'index-name': { severity: Severity.error, summary: 'index name is off-convention or auto-generated' },
  /** Every foreign key has an index leading with its columns. */
  'foreign-key-index': { severity: Severity.error, summary: 'foreign key columns have no index' },
  /** Every table has a primary key. */
  'primary-key': { severity: Severity.error, summary: 'table has no primary key' },
  /** created_at and updated_at exist (when the package sets requireTimestamps). */
  timestamps: { severity: Severity.error, summary: 'table lacks created_at/updated_at' },
  /** updated_at is kept current by a BEFORE UPDATE trigger (when the package sets requireTimestamps). */
  'updated-at-trigger': { severity: Severity.error, summary: 'updated_at has no trigger keeping it current' },
  /** Points in time are timestamptz. */
  'timestamp-without-time-zone': { severity: Severity.error, summary: 'timestamp without time zone' },
  /** Documents are jsonb (json keeps text as typed and cannot be indexed or compared). */
  'json-not-jsonb': { severity: Severity.warning, summary: 'json where jsonb is meant' },
  /** Enum values in the database match the TypeScript definition. */
  'enum-drift': { severity: Severity.error, summary: 'enum values differ from the definition' },
  /** A waiver that matches no finding is stale. */
  'unused-waiver': { severity: Severity.warning, summary: 'waiver matches no finding' },
} as const;
export type SchemaRuleId = keyof typeof SchemaRule;

/** Rule ids, for validation messages. */
export const SCHEMA_RULE_IDS = Object.keys(SchemaRule) as SchemaRuleId[];

/** Whether `id` names a schema lint rule. */
export function isSchemaRuleId(id: string): id is SchemaRuleId {
  return Object.hasOwn(SchemaRule, id);
}

/** Every statement rule, and the ids of the rules the lint raises about a migration as a whole. */
import { COMPATIBILITY_RULES } from './compatibility';
import { DESTRUCTIVE_RULES } from './destructive';
import { HYGIENE_RULES } from './hygiene';
import { LOCKING_RULES } from './locking';
import { TRANSACTION_RULES } from './transactions';
import type { Rule } from './types';

/** Rules applied to each parsed statement, in documentation order. */
export const STATEMENT_RULES: readonly Rule[] = [...DESTRUCTIVE_RULES, ...LOCKING_RULES, ...TRANSACTION_RULES, ...COMPATIBILITY_RULES, ...HYGIENE_RULES];

/** Rules about a migration rather than one statement. */
export const MigrationRule = {
  /** The migration exports no down(): it cannot be rolled back. */
  missingDown: 'missing-down',
  /** down() runs and changes nothing although up() changed something: a rollback silently keeps up()'s changes. */
  emptyDown: 'empty-down',
  /** down() deliberately throws (with a reason) before changing anything: the migration is declared irreversible. */
  irreversibleDown: 'irreversible-down',
  /** up() or down() threw while the lint ran it on the scratch database: the runner would fail too. */
  captureFailed: 'capture-failed',
  /** A captured statement did not parse (a statement the PostgreSQL 18 grammar does not know). */
  parseFailed: 'parse-failed',
  /** `lint.allow` acknowledges a rule with an empty reason. */
  allowWithoutReason: 'allow-without-reason',
  /** `lint.allow` names a rule that does not exist (a typo hides nothing but misleads the reader). */
  allowUnknownRule: 'allow-unknown-rule',
} as const;
export type MigrationRule = (typeof MigrationRule)[keyof typeof MigrationRule];

/** Every rule id the migration lint can report. */
export const RULE_IDS: readonly string[] = [...STATEMENT_RULES.map((r) => r.id), ...Object.values(MigrationRule)];

export { DESTRUCTIVE_RULES, LOCKING_RULES, TRANSACTION_RULES, COMPATIBILITY_RULES, HYGIENE_RULES };
export type { Rule, Hit, StatementContext, FunctionFacts } from './types';

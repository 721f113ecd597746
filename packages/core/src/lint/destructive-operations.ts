import { EMPTY_CATALOG } from './catalog';
import { checkStatements } from './check-statements';
import { loadParser, ParseError } from './parser';
import { DESTRUCTIVE_RULES, MigrationRule } from './rules';
import { displayName } from './rules/types';

/** One data-destroying operation found in SQL. */
export interface DestructiveOperation {
  /** Rule id: drop-table, drop-column, drop-type, drop-schema, truncate, delete-all-rows, update-all-rows or drop-database. */
  readonly rule: string;
  /** The object destroyed, e.g. `orders`, `orders.note`, `billing.plan_tier`. */
  readonly object: string;
}

// drop-foreign-key is left out: dropping a constraint loses a guarantee, not rows; and
// without a catalog a DROP CONSTRAINT cannot be told apart from other constraint kinds.
const DATA_RULES = DESTRUCTIVE_RULES.filter((rule) => rule.id !== 'drop-foreign-key');

/**
 * The data-destroying operations in SQL (e.g. the statements a down() issued), with no
 * database at hand: every named object is taken to exist and hold rows. The runner uses it
 * to refuse a production rollback that would lose data unless `--allow-data-loss` is given.
 * Multi-statement strings and the static SQL of DO blocks are read too.
 * @throws ParseError when the SQL is not valid PostgreSQL.
 * @example await destructiveOperations('ALTER TABLE orders DROP COLUMN note; CREATE INDEX i ON t (a)')
 * // [{ rule: 'drop-column', object: 'orders.note' }]
 */
export async function destructiveOperations(sql: string): Promise<DestructiveOperation[]> {
  await loadParser();
  return destructiveOperationsSync(sql);
}

/** destructiveOperations() once `await loadParser()` has run (the parser loads asynchronously). */
export function destructiveOperationsSync(sql: string): DestructiveOperation[] {
  const findings = checkStatements({ direction: 'down', statements: [sql], before: EMPTY_CATALOG, after: undefined, assumeExisting: true }, DATA_RULES);
  const unreadable = findings.find((finding) => finding.rule === MigrationRule.parseFailed);
  // Refuse rather than answer "nothing destructive" about SQL that could not be read.
  if (unreadable) throw new ParseError(unreadable.message);
  return findings
    .filter((finding) => finding.destructive)
    .map((finding) => ({ rule: finding.rule, object: displayName(finding.object) }));
}

/** Runs the statement rules over the statements one up() or down() issued, in order. */
import { namesOf, relationOf } from './ast';
import { resolveName, type Catalog } from './catalog';
import type { Severity } from './finding';
import { ParseError, parseStatements, type ParsedStatement } from './parser';
import { MigrationRule, STATEMENT_RULES, type Rule, type StatementContext } from './rules';

/** A finding before it is tied to a migration and acknowledged. */
export interface RawFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly destructive: boolean;
  readonly statement: string;
  /** `schema.name` key of the object (empty for findings about the migration as a whole). */
  readonly object: string;
  readonly message: string;
  readonly fix?: string;
}

/** The statements of one function run and what the database looked like around it. */
export interface FunctionRun {
  readonly direction: 'up' | 'down';
  /** SQL as sent to the server; one entry may hold several statements (a raw multi-statement string). */
  readonly statements: readonly string[];
  readonly before: Catalog;
  readonly after: Catalog | undefined;
  /** The session already sits in a transaction block when the first statement runs. */
  readonly startsInTransaction?: boolean;
  /** Linting bare SQL: every named object is taken to exist. */
  readonly assumeExisting?: boolean;
}

// Zones with a fixed zero offset: PostgreSQL then converts timestamp ↔ timestamptz without a rewrite.
const UTC_ZONES = /^(utc|etc\/utc|gmt|etc\/gmt|z|zulu|universal|etc\/universal|uct|etc\/uct|00:00|\+00:00|0)$/i;

/**
 * Parses each statement with the PostgreSQL parser and applies every rule to it, keeping
 * track of what the statements themselves change: transaction blocks opened and closed,
 * tables created (an index on a table made in the same function is no risk), TimeZone.
 * @example checkStatements({ direction: 'up', statements: ['drop table orders'], before, after }, rules)
 */
export function checkStatements(run: FunctionRun, rules: readonly Rule[] = STATEMENT_RULES): RawFinding[] {
  const findings: RawFinding[] = [];
  const created = new Set<string>();
  let inTransaction = run.startsInTransaction ?? false;
  let timeZoneUtc = false;
  for (const sql of run.statements) {
    let parsed: ParsedStatement[];
    try {
      parsed = parseStatements(sql);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      findings.push({ rule: MigrationRule.parseFailed, severity: 'warning', destructive: false, statement: sql, object: '', message: `the PostgreSQL parser cannot read this statement (${error.message}); no rule checked it.` });
      continue;
    }
    for (const statement of parsed) {
      const context: StatementContext = { direction: run.direction, inTransaction, before: run.before, after: run.after, created, timeZoneUtc, assumeExisting: run.assumeExisting ?? false };
      for (const rule of rules) {
        for (const hit of rule.check(statement, context)) {
          findings.push({ rule: rule.id, severity: rule.severity, destructive: rule.destructive, statement: statement.sql, object: hit.object, message: hit.message, fix: rule.fix });
        }
      }
      if (statement.kind === 'TransactionStmt') inTransaction = transactionAfter(statement, inTransaction);
      if (statement.kind === 'VariableSetStmt' && String(statement.node.name).toLowerCase() === 'timezone') {
        const value = namesOfConst(statement.node.args);
        timeZoneUtc = statement.node.kind === 'VAR_SET_VALUE' && value !== undefined && UTC_ZONES.test(value);
      }
      trackCreated(statement, run.before, created);
    }
  }
  return findings;
}

function transactionAfter(statement: ParsedStatement, inTransaction: boolean): boolean {
  switch (statement.node.kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return true;
    case 'TRANS_STMT_COMMIT':
    case 'TRANS_STMT_ROLLBACK':
    case 'TRANS_STMT_PREPARE':
      return false;
    default:
      return inTransaction;
  }
}

function namesOfConst(args: unknown): string | undefined {
  const first = (Array.isArray(args) ? args[0] : undefined) as { A_Const?: { sval?: { sval?: string } } } | undefined;
  return first?.A_Const?.sval?.sval;
}

/** Remembers tables a statement creates (or renames into being) and forgets those it drops. */
function trackCreated(statement: ParsedStatement, catalog: Catalog, created: Set<string>): void {
  const keyOf = (relation: { schema: string | undefined; name: string } | undefined): string | undefined =>
    relation && resolveName(catalog, relation.schema, relation.name, catalog.tables);
  let key: string | undefined;
  if (statement.kind === 'CreateStmt') key = keyOf(relationOf(statement.node.relation));
  if (statement.kind === 'CreateTableAsStmt') key = keyOf(relationOf((statement.node.into as { rel?: unknown } | undefined)?.rel));
  if (statement.kind === 'SelectStmt' && statement.node.intoClause) key = keyOf(relationOf((statement.node.intoClause as { rel?: unknown }).rel));
  if (key) created.add(key);
  if (statement.kind === 'RenameStmt' && statement.node.renameType === 'OBJECT_TABLE') {
    const from = keyOf(relationOf(statement.node.relation));
    if (from && created.has(from)) created.add(`${from.slice(0, from.lastIndexOf('.'))}.${String(statement.node.newname)}`);
  }
  if (statement.kind === 'DropStmt' && statement.node.removeType === 'OBJECT_TABLE') {
    for (const item of (statement.node.objects as unknown[] | undefined) ?? []) {
      const parts = namesOf((item as { List?: { items?: unknown } }).List?.items);
      const name = parts[parts.length - 1];
      if (name) created.delete(resolveName(catalog, parts.length > 1 ? parts[parts.length - 2] : undefined, name, catalog.tables));
    }
  }
}

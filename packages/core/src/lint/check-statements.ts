/** Runs the statement rules over the statements one up() or down() issued, in order. */
import { alterCommands, namesOf, relationOf, splitName } from './ast';
import { resolveName, type Catalog } from './catalog';
import type { Severity } from './finding';
import { analyzeFunction, transactionAfter } from './function-facts';
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
 * tables created (an index on a table made in the same function is no risk), columns added,
 * tables renamed, TimeZone. Patterns spanning several statements (table and column swaps)
 * are read from the whole function first.
 * @example checkStatements({ direction: 'up', statements: ['drop table orders'], before, after }, rules)
 */
export function checkStatements(run: FunctionRun, rules: readonly Rule[] = STATEMENT_RULES): RawFinding[] {
  const entries = run.statements.map((sql) => {
    try {
      return { sql, parsed: parseStatements(sql) };
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      return { sql, error };
    }
  });
  const startsInTransaction = run.startsInTransaction ?? false;
  const facts = analyzeFunction(entries.flatMap((e) => e.parsed ?? []), run.before, run.after, startsInTransaction);
  const state: TrackedState = {
    inTransaction: startsInTransaction,
    ownTransaction: false,
    timeZoneUtc: false,
    created: new Set(),
    createdTypes: new Set(),
    added: new Set(),
    addedInOpenTransaction: new Set(),
    renamed: new Map(),
  };
  const findings: RawFinding[] = [];
  for (const entry of entries) {
    if (!entry.parsed) {
      findings.push({ rule: MigrationRule.parseFailed, severity: 'warning', destructive: false, statement: entry.sql, object: '', message: `the PostgreSQL parser cannot read this statement (${entry.error.message}); no rule checked it.` });
      continue;
    }
    for (const statement of entry.parsed) {
      const context: StatementContext = {
        direction: run.direction,
        inTransaction: state.inTransaction,
        ownTransaction: state.ownTransaction,
        before: run.before,
        after: run.after,
        created: state.created,
        createdTypes: state.createdTypes,
        added: state.added,
        addedInOpenTransaction: state.addedInOpenTransaction,
        renamed: state.renamed,
        facts,
        timeZoneUtc: state.timeZoneUtc,
        assumeExisting: run.assumeExisting ?? false,
      };
      for (const rule of rules) {
        for (const hit of rule.check(statement, context)) {
          findings.push({ rule: rule.id, severity: rule.severity, destructive: rule.destructive, statement: statement.sql, object: hit.object, message: hit.message, fix: rule.fix });
        }
      }
      track(statement, run.before, state);
    }
  }
  return findings;
}

/** What the statements of a function changed so far. */
interface TrackedState {
  inTransaction: boolean;
  ownTransaction: boolean;
  timeZoneUtc: boolean;
  readonly created: Set<string>;
  readonly createdTypes: Set<string>;
  readonly added: Set<string>;
  readonly addedInOpenTransaction: Set<string>;
  readonly renamed: Map<string, string>;
}

function track(statement: ParsedStatement, catalog: Catalog, state: TrackedState): void {
  if (statement.kind === 'TransactionStmt') {
    const next = transactionAfter(statement, state.inTransaction);
    if (!state.inTransaction && next) state.ownTransaction = true;
    if (!next) {
      state.ownTransaction = false;
      state.addedInOpenTransaction.clear();
    }
    state.inTransaction = next;
  }
  if (statement.kind === 'VariableSetStmt' && String(statement.node.name).toLowerCase() === 'timezone') {
    const value = namesOfConst(statement.node.args);
    state.timeZoneUtc = statement.node.kind === 'VAR_SET_VALUE' && value !== undefined && UTC_ZONES.test(value);
  }
  trackCreated(statement, catalog, state);
  trackTypes(statement, catalog, state.createdTypes);
  trackAdded(statement, catalog, state);
}

function namesOfConst(args: unknown): string | undefined {
  const first = (Array.isArray(args) ? args[0] : undefined) as { A_Const?: { sval?: { sval?: string } } } | undefined;
  return first?.A_Const?.sval?.sval;
}

const keyIn = (catalog: Catalog, relation: { schema: string | undefined; name: string } | undefined): string | undefined =>
  relation && resolveName(catalog, relation.schema, relation.name, catalog.tables);

/** Remembers tables a statement creates (or renames into being), existing tables it renames, and forgets those it drops. */
function trackCreated(statement: ParsedStatement, catalog: Catalog, state: TrackedState): void {
  const { created, renamed } = state;
  let key: string | undefined;
  if (statement.kind === 'CreateStmt') key = keyIn(catalog, relationOf(statement.node.relation));
  if (statement.kind === 'CreateTableAsStmt') key = keyIn(catalog, relationOf((statement.node.into as { rel?: unknown } | undefined)?.rel));
  if (statement.kind === 'SelectStmt' && statement.node.intoClause) key = keyIn(catalog, relationOf((statement.node.intoClause as { rel?: unknown }).rel));
  if (key) created.add(key);
  if (statement.kind === 'RenameStmt' && statement.node.renameType === 'OBJECT_TABLE') {
    const from = keyIn(catalog, relationOf(statement.node.relation));
    if (from) {
      const to = `${from.slice(0, from.lastIndexOf('.'))}.${String(statement.node.newname)}`;
      if (created.has(from)) created.add(to);
      else if (catalog.tables.has(from) || renamed.has(from)) renamed.set(to, renamed.get(from) ?? from);
      renamed.delete(from);
    }
  }
  if (statement.kind === 'DropStmt' && statement.node.removeType === 'OBJECT_TABLE') {
    for (const item of (statement.node.objects as unknown[] | undefined) ?? []) {
      const parts = namesOf((item as { List?: { items?: unknown } }).List?.items);
      const name = parts[parts.length - 1];
      if (!name) continue;
      const dropped = resolveName(catalog, parts.length > 1 ? parts[parts.length - 2] : undefined, name, catalog.tables);
      created.delete(dropped);
      renamed.delete(dropped);
    }
  }
}

/** Remembers types and domains a statement creates. */
function trackTypes(statement: ParsedStatement, catalog: Catalog, createdTypes: Set<string>): void {
  const names =
    statement.kind === 'CreateDomainStmt' ? namesOf(statement.node.domainname)
    : statement.kind === 'CreateEnumStmt' || statement.kind === 'CreateRangeStmt' ? namesOf(statement.node.typeName)
    : statement.kind === 'CompositeTypeStmt' ? [relationOf(statement.node.typevar)?.name ?? '']
    : [];
  if (names.length === 0 || names[names.length - 1] === '') return;
  const { schema, name } = splitName(names);
  createdTypes.add(resolveName(catalog, schema, name, catalog.types));
}

/** Remembers columns added to tables that existed before the function. */
function trackAdded(statement: ParsedStatement, catalog: Catalog, state: TrackedState): void {
  if (statement.kind !== 'AlterTableStmt') return;
  const table = keyIn(catalog, relationOf(statement.node.relation));
  if (!table || state.created.has(table)) return;
  for (const command of alterCommands(statement.node)) {
    if (command.subtype !== 'AT_AddColumn' || command.defKind !== 'ColumnDef') continue;
    const column = `${table}.${String(command.def?.colname ?? '')}`;
    state.added.add(column);
    if (state.inTransaction) state.addedInOpenTransaction.add(column);
  }
}

/**
 * What one up() or down() does as a whole. Some statements are only dangerous alone: a
 * rename of a table that the same function then creates again, fills and re-keys (a table
 * swap) breaks no running code; a DROP COLUMN of a column the same function copied into its
 * replacement and renamed back (a column swap) loses nothing. Those patterns span several
 * statements, so they are read once, before the rules check the statements one by one.
 */
import { alterCommands, columnRefsIn, rangeVarsIn, relationOf, updateTargets } from './ast';
import { resolveName, type Catalog, type CatalogConstraint } from './catalog';
import type { ParsedStatement } from './parser';
import type { FunctionFacts } from './rules/types';

/** Statement kinds that change nothing: reads, session settings, transaction control. */
const UNCHANGING = new Set(['VariableShowStmt', 'VariableSetStmt', 'TransactionStmt', 'ExplainStmt']);

/** True when a statement changes schema or data (a SELECT … INTO creates a table). */
export function changesSomething(statement: ParsedStatement): boolean {
  if (statement.kind === 'SelectStmt') return statement.node.intoClause !== undefined;
  return !UNCHANGING.has(statement.kind);
}

/**
 * Reads the swaps and the count of changing statements of one function.
 * @param statements every parsed statement of the function, in order (DO-block contents marked `insideDo`)
 * @param after the catalog when the function ended; without it (bare SQL) no table swap is credited
 */
export function analyzeFunction(statements: readonly ParsedStatement[], before: Catalog, after: Catalog | undefined, startsInTransaction: boolean): FunctionFacts {
  return {
    tableSwaps: tableSwaps(statements, before, after),
    columnSwaps: columnSwaps(statements, before),
    changingStatements: statements.filter((s) => !s.insideDo && changesSomething(s)).length,
    uncommittedBegin: uncommittedBegin(statements, startsInTransaction),
  };
}

/** Transaction control as the server sees it: BEGIN inside a block is ignored (with a warning), COMMIT/ROLLBACK end it. */
export function transactionAfter(statement: ParsedStatement, inTransaction: boolean): boolean {
  if (statement.kind !== 'TransactionStmt') return inTransaction;
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

/** The function's own BEGIN still open when it returns: its statements are never committed. */
function uncommittedBegin(statements: readonly ParsedStatement[], startsInTransaction: boolean): ParsedStatement | undefined {
  let inTransaction = startsInTransaction;
  let open: ParsedStatement | undefined;
  for (const statement of statements) {
    if (statement.insideDo || statement.kind !== 'TransactionStmt') continue;
    const next = transactionAfter(statement, inTransaction);
    if (!inTransaction && next) open = statement;
    if (!next) open = undefined;
    inTransaction = next;
  }
  return open;
}

const keyOf = (catalog: Catalog, relation: { schema: string | undefined; name: string } | undefined): string | undefined =>
  relation && resolveName(catalog, relation.schema, relation.name, catalog.tables);

const schemaOf = (key: string): string => key.slice(0, key.lastIndexOf('.'));
const nameOf = (key: string): string => key.slice(key.lastIndexOf('.') + 1);

/** rename t → x; create t; insert into t … select … from x; same columns and keys at the end. */
function tableSwaps(statements: readonly ParsedStatement[], before: Catalog, after: Catalog | undefined): Set<string> {
  const swaps = new Set<string>();
  if (!after) return swaps;
  statements.forEach((statement, index) => {
    if (statement.kind !== 'RenameStmt' || statement.node.renameType !== 'OBJECT_TABLE') return;
    const table = keyOf(before, relationOf(statement.node.relation));
    if (!table || !before.tables.has(table)) return;
    const moved = `${schemaOf(table)}.${String(statement.node.newname)}`;
    const rest = statements.slice(index + 1);
    const recreatedAt = rest.findIndex((s) => s.kind === 'CreateStmt' && keyOf(before, relationOf(s.node.relation)) === table);
    if (recreatedAt < 0) return;
    const copied = rest.slice(recreatedAt + 1).some(
      (s) =>
        s.kind === 'InsertStmt' &&
        keyOf(before, relationOf(s.node.relation)) === table &&
        rangeVarsIn(s.node.selectStmt).some((source) => `${source.schema ?? schemaOf(table)}.${source.name}` === moved),
    );
    if (copied && sameShape(before, after, table)) swaps.add(table);
  });
  return swaps;
}

/** The table at the end keeps every column (same type), adds only nullable ones, and keeps its keys and the keys pointing at it. */
function sameShape(before: Catalog, after: Catalog, table: string): boolean {
  const old = before.tables.get(table);
  const now = after.tables.get(table);
  if (!old || !now) return false;
  for (const [name, column] of old.columns) if (now.columns.get(name)?.type !== column.type) return false;
  for (const [name, column] of now.columns) if (!old.columns.has(name) && column.notNull) return false;
  // A key re-added NOT VALID still guards every new row; validating it later scans without blocking.
  const same = (a: string, b: string): boolean => a.replace(/ NOT VALID$/, '') === b.replace(/ NOT VALID$/, '');
  const kept = (k: CatalogConstraint): boolean => after.constraints.some((a) => a.table === k.table && a.type === k.type && same(a.definition, k.definition));
  const own = before.constraints.filter((k) => k.table === table && ['p', 'u', 'f'].includes(k.type));
  const pointing = before.constraints.filter((k) => k.table !== table && k.type === 'f' && referencesTable(k.definition, table));
  return [...own, ...pointing].every(kept);
}

/** Whether a foreign key definition (`FOREIGN KEY (a) REFERENCES t(id)`) points at `table` (`schema.name`). */
export function referencesTable(definition: string, table: string): boolean {
  const name = nameOf(table);
  const quoted = /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
  return definition.includes(`REFERENCES ${quoted}(`) || definition.includes(`REFERENCES ${schemaOf(table)}.${quoted}(`);
}

/** add c_new; update … set c_new = f(c); drop c; rename c_new to c. */
function columnSwaps(statements: readonly ParsedStatement[], before: Catalog): Set<string> {
  const swaps = new Set<string>();
  const alterKey = (s: ParsedStatement): string | undefined => (s.kind === 'AlterTableStmt' ? keyOf(before, relationOf(s.node.relation)) : undefined);
  statements.forEach((statement, index) => {
    const table = alterKey(statement);
    const columns = table ? before.tables.get(table)?.columns : undefined;
    if (!table || !columns) return;
    for (const command of alterCommands(statement.node)) {
      if (command.subtype !== 'AT_AddColumn' || command.defKind !== 'ColumnDef') continue;
      const added = String(command.def?.colname ?? '');
      if (added === '' || columns.has(added)) continue;
      const rest = statements.slice(index + 1);
      const fillAt = rest.findIndex((s) => s.kind === 'UpdateStmt' && keyOf(before, relationOf(s.node.relation)) === table && updateTargets(s.node).some((t) => t.column === added));
      if (fillAt < 0) continue;
      const fill = rest[fillAt]!;
      const sources = updateTargets(fill.node)
        .filter((t) => t.column === added)
        .flatMap((t) => columnRefsIn(t.value))
        .filter((c) => columns.has(c));
      for (const old of new Set(sources)) {
        const after = rest.slice(fillAt + 1);
        const dropped = after.some((s) => alterKey(s) === table && alterCommands(s.node).some((c) => c.subtype === 'AT_DropColumn' && c.name === old));
        const renamedBack = after.some(
          (s) => s.kind === 'RenameStmt' && s.node.renameType === 'OBJECT_COLUMN' && keyOf(before, relationOf(s.node.relation)) === table && s.node.subname === added && s.node.newname === old,
        );
        if (dropped && renamedBack) swaps.add(`${table}.${old}`);
      }
    }
  });
  return swaps;
}

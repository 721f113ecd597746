import { ParseError } from '../errors';
import { loadModule, parsePlPgSQLSync, parseSync, type Node } from 'libpg-query';

/** One statement cut out of a SQL string by the real PostgreSQL parser. */
export interface ParsedStatement {
  /** The statement's own text (a multi-statement string yields one entry per statement). */
  readonly sql: string;
  /** Node type, e.g. `AlterTableStmt`. */
  readonly kind: string;
  /** The parse tree of the statement (the value under `kind`). */
  readonly node: Record<string, unknown>;
  /** Set when the statement was found inside a `DO` block rather than sent by the migration. */
  readonly insideDo?: boolean;
}

export { ParseError };

let ready: Promise<void> | undefined;

/**
 * Loads the WASM build of PostgreSQL's own parser (libpg_query, PostgreSQL 18 grammar) once.
 * Every other function of this module needs it loaded first.
 * @example await loadParser(); parseStatements('DROP TABLE a; DROP TABLE b').length // 2
 */
export function loadParser(): Promise<void> {
  ready ??= loadModule();
  return ready;
}

/**
 * Splits and parses SQL with the real PostgreSQL parser. Statement texts are cut by the
 * parser's byte offsets (not by `;`), so quoted semicolons and dollar-quoting are handled.
 * Statements of a `DO $$ … $$` PL/pgSQL block that the parser can see (static SQL, not
 * `EXECUTE` of a built string) are returned after the block, marked `insideDo`.
 * @throws ParseError when the SQL is not valid PostgreSQL.
 * @example parseStatements('select 1; drop table "orders"').map((s) => s.kind) // ['SelectStmt', 'DropStmt']
 */
export function parseStatements(sql: string): ParsedStatement[] {
  let result;
  try {
    result = parseSync(sql);
  } catch (error) {
    throw new ParseError(error instanceof Error ? error.message : String(error));
  }
  const bytes = Buffer.from(sql, 'utf8');
  const statements: ParsedStatement[] = [];
  for (const raw of result.stmts ?? []) {
    if (!raw.stmt) continue;
    const start = raw.stmt_location ?? 0;
    const end = raw.stmt_len ? start + raw.stmt_len : bytes.length;
    const [kind, node] = unwrap(raw.stmt);
    const text = bytes.subarray(start, end).toString('utf8').trim();
    statements.push({ sql: text, kind, node });
    if (kind === 'DoStmt') statements.push(...statementsInsideDo(text));
  }
  return statements;
}

/** `{ DropStmt: {…} }` → `['DropStmt', {…}]`. */
export function unwrap(node: Node | Record<string, unknown>): [string, Record<string, unknown>] {
  const [kind, value] = Object.entries(node)[0] ?? ['', {}];
  return [kind, (value ?? {}) as Record<string, unknown>];
}

/** Static SQL statements of a plpgsql DO block; an unparsable block yields nothing. */
function statementsInsideDo(doSql: string): ParsedStatement[] {
  const body = /\$([A-Za-z_]*)\$([\s\S]*)\$\1\$/.exec(doSql)?.[2];
  if (body === undefined || /\blanguage\s+(?!plpgsql)\w+/i.test(doSql.replace(body, ''))) return [];
  const queries: string[] = [];
  try {
    const tree = parsePlPgSQLSync(`CREATE FUNCTION strata_lint_do() RETURNS void LANGUAGE plpgsql AS $strata_lint$${body}$strata_lint$`);
    collectQueries(tree, queries);
  } catch {
    return [];
  }
  const found: ParsedStatement[] = [];
  for (const query of queries) {
    try {
      for (const statement of parseStatements(query)) found.push({ ...statement, insideDo: true });
    } catch {
      // a PL/pgSQL expression that is not a full statement (e.g. an assignment): nothing to lint
    }
  }
  return found;
}

function collectQueries(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectQueries(item, into);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const sqlstmt = record.PLpgSQL_stmt_execsql as { sqlstmt?: { PLpgSQL_expr?: { query?: string } } } | undefined;
    const query = sqlstmt?.sqlstmt?.PLpgSQL_expr?.query;
    if (typeof query === 'string') into.push(query);
    for (const child of Object.values(record)) collectQueries(child, into);
  }
}

/**
 * Every statement of several SQL strings that parses, in order; strings the parser rejects are
 * skipped (callers that must report them use parseStatements and its ParseError instead).
 */
export function parseReadable(sqls: Iterable<string>): ParsedStatement[] {
  const parsed: ParsedStatement[] = [];
  for (const sql of sqls) {
    try {
      parsed.push(...parseStatements(sql));
    } catch {
      // unreadable SQL is the linter's parse-failed finding, not this caller's concern
    }
  }
  return parsed;
}

/**
 * The non-concurrent twin of a CONCURRENTLY statement. A dry run previews a
 * `transaction: false` migration inside its rolled-back transaction, where PostgreSQL refuses
 * CREATE INDEX CONCURRENTLY and its kin; run without CONCURRENTLY there, the statement has
 * the same result (an index built, dropped or rebuilt, a partition detached), so the preview
 * can go on with the state the real run would reach — only the locks differ.
 */
import { scanSync } from 'libpg-query';
import { parseStatements, ParseError, type ParsedStatement } from './parser';

function isConcurrent(statement: ParsedStatement): boolean {
  switch (statement.kind) {
    case 'IndexStmt':
    case 'DropStmt':
      return statement.node.concurrent === true;
    case 'ReindexStmt':
      return JSON.stringify(statement.node.params ?? []).includes('"concurrently"');
    case 'AlterTableStmt':
      return JSON.stringify(statement.node.cmds ?? []).includes('"concurrent":true');
    default:
      return false;
  }
}

/**
 * The same single statement without CONCURRENTLY, or undefined when it has none (or is not
 * one statement). Needs `await loadParser()` first.
 * @example withoutConcurrently('CREATE INDEX CONCURRENTLY i ON t (a)') // 'CREATE INDEX  i ON t (a)'
 * @example withoutConcurrently('REINDEX (CONCURRENTLY) INDEX i') // 'REINDEX  INDEX i'
 */
export function withoutConcurrently(sql: string): string | undefined {
  let parsed: ParsedStatement[];
  try {
    parsed = parseStatements(sql);
  } catch (error) {
    if (error instanceof ParseError) return undefined;
    throw error;
  }
  if (parsed.length !== 1 || !isConcurrent(parsed[0]!)) return undefined;
  const bytes = Buffer.from(sql, 'utf8');
  const tokens = scanSync(sql).tokens;
  let out = '';
  let from = 0;
  tokens.forEach((token, i) => {
    if (token.text.toUpperCase() !== 'CONCURRENTLY') return;
    // `REINDEX (CONCURRENTLY) …`: the option list goes with its only option.
    const wrapped = tokens[i - 1]?.text === '(' && tokens[i + 1]?.text === ')';
    const start = wrapped ? tokens[i - 1]!.start : token.start;
    const end = wrapped ? tokens[i + 1]!.end : token.end;
    out += bytes.subarray(from, start).toString('utf8');
    from = end;
  });
  out += bytes.subarray(from).toString('utf8');
  try {
    const rewritten = parseStatements(out);
    return rewritten.length === 1 && !isConcurrent(rewritten[0]!) ? out : undefined;
  } catch {
    return undefined;
  }
}

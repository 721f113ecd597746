import { destructiveOperationsSync, loadParser } from '../lint';

/**
 * The checker the runner uses to refuse production rollbacks that lose data: the linter's
 * PostgreSQL parser names each destructive operation, e.g. `drop-table invoices`. Loaded only
 * for production targets, where it is needed (the parser is WebAssembly and takes a moment).
 */
export async function destructiveOperationsChecker(): Promise<(sql: string) => readonly string[]> {
  await loadParser();
  return (sql) => destructiveOperationsSync(sql).map((operation) => `${operation.rule} ${operation.object}`);
}

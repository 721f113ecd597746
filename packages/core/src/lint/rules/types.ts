import type { Catalog, CatalogTable } from '../catalog';
import { resolveName } from '../catalog';
import type { Severity } from '../finding';
import type { ParsedStatement } from '../parser';

/** What a rule knows about the moment a statement runs. */
export interface StatementContext {
  readonly direction: 'up' | 'down';
  /** True when the statement runs inside a transaction block (the runner's or the migration's own). */
  readonly inTransaction: boolean;
  /** True when the open transaction block was opened by the function itself (its own BEGIN), not by the runner. */
  readonly ownTransaction: boolean;
  /** The catalog when the function (up or down) started. */
  readonly before: Catalog;
  /** The catalog when the function finished (unknown when linting bare SQL). */
  readonly after: Catalog | undefined;
  /** Tables created earlier in the same function, `schema.name`: new tables hold no rows and no readers. */
  readonly created: ReadonlySet<string>;
  /** Types and domains created earlier in the same function, `schema.name`. */
  readonly createdTypes: ReadonlySet<string>;
  /** Columns added to existing tables earlier in the same function, `schema.table.column`: they hold no old values. */
  readonly added: ReadonlySet<string>;
  /** Of `added`, those added inside the transaction block still open: its ACCESS EXCLUSIVE lock is still held. */
  readonly addedInOpenTransaction: ReadonlySet<string>;
  /** Existing tables renamed earlier in the same function: new `schema.name` → the name in `before`. */
  readonly renamed: ReadonlyMap<string, string>;
  /** What the function does as a whole (swaps, how many statements change something). */
  readonly facts: FunctionFacts;
  /** True when the migration set TimeZone to UTC before this statement (timestamp ↔ timestamptz without rewrite). */
  readonly timeZoneUtc: boolean;
  /** Linting bare SQL with no database: every named object is taken to exist and hold data. */
  readonly assumeExisting: boolean;
}

/** What one function (up or down) does as a whole, read before its statements are checked one by one. */
export interface FunctionFacts {
  /**
   * Existing tables replaced by a table swap: renamed away, created again under the same name
   * with the same columns and keys, the rows copied over, and every foreign key pointing at it
   * restored — code using the name keeps working. `schema.name`.
   */
  readonly tableSwaps: ReadonlySet<string>;
  /**
   * Existing columns replaced by a column swap: a new column added, filled from the old one,
   * the old one dropped and the new one renamed to its name. `schema.table.column`.
   */
  readonly columnSwaps: ReadonlySet<string>;
  /** Statements that change something (not reads, SET or transaction control), DO blocks counted once. */
  readonly changingStatements: number;
  /** The function's own BEGIN that no COMMIT or ROLLBACK ends before the function returns. */
  readonly uncommittedBegin: ParsedStatement | undefined;
}

/** One thing a rule found in one statement. */
export interface Hit {
  /** The object concerned, `schema.name` or `schema.table.column`. */
  readonly object: string;
  readonly message: string;
}

/** A lint rule: metadata for docs and output, and a check over one parsed statement. */
export interface Rule {
  readonly id: string;
  /** Severity when found in up(); findings in down() are reported one step lower. */
  readonly severity: Severity;
  /** Loses data: counted by destructiveOperations() and reported with what it destroys. */
  readonly destructive: boolean;
  /** The safe way, printed with each finding. */
  readonly fix: string;
  /** Where the advice comes from (squawk, strong_migrations, PostgreSQL docs). */
  readonly anchor: string;
  check(statement: ParsedStatement, context: StatementContext): Hit[];
}

/**
 * The `schema.name` of a table when it existed before the function started and was not
 * created since — a table that may hold rows and serve running code; undefined otherwise.
 */
export function existingTable(context: StatementContext, schema: string | undefined, name: string): string | undefined {
  const key = resolveName(context.before, schema, name, context.before.tables);
  if (context.created.has(key)) return undefined;
  if (context.assumeExisting || context.before.tables.has(key)) return key;
  return undefined;
}

/** The catalog entry of an existing table, when the catalog knows it. */
export function tableInfo(context: StatementContext, key: string): CatalogTable | undefined {
  return context.before.tables.get(key);
}

/** `public.orders` → `orders`: objects in the first schema of the search path print bare. */
export function displayName(key: string, catalog?: Catalog): string {
  const home = catalog?.searchPath[0] ?? 'public';
  return key.startsWith(`${home}.`) ? key.slice(home.length + 1) : key;
}

/** `id, note, total` — at most `max` names, then `… (+n more)`. */
export function listNames(names: readonly string[], max = 8): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} … (+${names.length - max} more)`;
}

/**
 * Reads the definitions PostgreSQL prints for indexes (`pg_get_indexdef`) and foreign keys
 * (`pg_get_constraintdef`), as schema snapshots store them, into their parts. Quote-aware: a
 * comma or parenthesis inside a string literal (`'x,y'`) or a quoted identifier (`"a,b"`) is
 * text, not syntax. Used by the schema docs (`docs/model.ts`) and the testing kit's schema facts.
 * @see https://www.postgresql.org/docs/current/functions-info.html#FUNCTIONS-INFO-CATALOG
 */

/** What a foreign key does to referencing rows when the referenced row is deleted or its key updated. */
export type ForeignKeyAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

/** An index as `pg_get_indexdef` describes it. */
export interface IndexDefinition {
  readonly unique: boolean;
  /** Access method: `btree`, `gin`, `gist`… */
  readonly method: string;
  /** Key columns or expressions, with their options as written (`recorded_at DESC`, `lower(email)`). */
  readonly columns: readonly string[];
  /** The WHERE of a partial index, as PostgreSQL prints it (`(deleted_at IS NULL)`), else null. */
  readonly predicate: string | null;
}

/** A foreign key as `pg_get_constraintdef` describes it. */
export interface ForeignKeyDefinition {
  /** Referencing columns, unquoted. */
  readonly columns: readonly string[];
  /** The referenced table, unquoted, without `public.` (`billing.accounts` keeps its schema). */
  readonly references: string;
  /** Referenced columns, unquoted. */
  readonly referencedColumns: readonly string[];
  /** NO ACTION when the definition has no ON DELETE. */
  readonly onDelete: ForeignKeyAction;
  /** NO ACTION when the definition has no ON UPDATE. */
  readonly onUpdate: ForeignKeyAction;
}

/** A name as PostgreSQL prints it: bare (`orders`) or double-quoted (`"Odd ""name"""`). */
const NAME = String.raw`(?:"(?:[^"]|"")+"|[^\s"(.]+)`;
const INDEX_HEAD = new RegExp(String.raw`^CREATE (UNIQUE )?INDEX ${NAME} ON (?:ONLY )?(?:${NAME}\.)?${NAME} USING (\w+) (?=\()`);
const REFERENCES = new RegExp(String.raw`^ REFERENCES (${NAME}(?:\.${NAME})?)(?=\()`);
const ACTION = '(NO ACTION|RESTRICT|CASCADE|SET NULL|SET DEFAULT)';

/**
 * The parts of an index definition; undefined when `definition` is not one.
 * @example parseIndexDefinition('CREATE UNIQUE INDEX uq_x ON public.t USING btree (a, lower(b)) WHERE (deleted_at IS NULL)')
 * // { unique: true, method: 'btree', columns: ['a', 'lower(b)'], predicate: '(deleted_at IS NULL)' }
 */
export function parseIndexDefinition(definition: string): IndexDefinition | undefined {
  const head = INDEX_HEAD.exec(definition);
  const keys = head && parenthesised(definition.slice(head[0].length));
  if (!head || !keys) return undefined;
  const where = / WHERE (.*)$/.exec(keys.rest);
  return { unique: head[1] !== undefined, method: head[2]!, columns: splitTopLevel(keys.inside), predicate: where ? where[1]! : null };
}

/**
 * The parts of a foreign key definition; undefined when `definition` is not one.
 * @example parseForeignKeyDefinition('FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE')
 * // { columns: ['user_id'], references: 'users', referencedColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' }
 */
export function parseForeignKeyDefinition(definition: string): ForeignKeyDefinition | undefined {
  if (!definition.startsWith('FOREIGN KEY (')) return undefined;
  const own = parenthesised(definition.slice('FOREIGN KEY '.length));
  const target = own && REFERENCES.exec(own.rest);
  const referenced = target && parenthesised(own.rest.slice(target[0].length));
  if (!own || !target || !referenced) return undefined;
  const action = (event: 'DELETE' | 'UPDATE') => (new RegExp(`ON ${event} ${ACTION}`).exec(referenced.rest)?.[1] as ForeignKeyAction | undefined) ?? 'NO ACTION';
  return {
    columns: splitTopLevel(own.inside).map(plainColumn),
    references: unquoteQualified(target[1]!),
    referencedColumns: splitTopLevel(referenced.inside).map(plainColumn),
    onDelete: action('DELETE'),
    onUpdate: action('UPDATE'),
  };
}

/**
 * The column an index key names, without its options and quotes: `recorded_at DESC` → `recorded_at`,
 * `"Odd"` → `Odd`; an expression (`lower(email)`) is returned as written.
 */
export function plainColumn(element: string): string {
  const match = /^("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)(?:\s+(?:ASC|DESC|NULLS FIRST|NULLS LAST|COLLATE \S+|[a-z_][a-z0-9_]*_ops))*$/i.exec(element);
  if (!match) return element;
  const name = match[1]!;
  return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}

/** `public.t` → `t`, `"Odd Name"` → `Odd Name`, `billing."x"` → `billing.x`. */
function unquoteQualified(name: string): string {
  const parts = [...name.matchAll(/"((?:[^"]|"")+)"|([^."]+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!));
  return parts.length > 1 && parts[0] === 'public' ? parts.slice(1).join('.') : parts.join('.');
}

/** Each character of `text` that is not inside a string literal or a quoted identifier, with its index. */
function* unquoted(text: string): Generator<{ c: string; i: number }> {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else yield { c, i };
  }
}

/** The text inside the parenthesis `text` starts with, and what follows it; undefined when it is not closed. */
function parenthesised(text: string): { inside: string; rest: string } | undefined {
  let depth = 0;
  for (const { c, i } of unquoted(text)) {
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return { inside: text.slice(1, i), rest: text.slice(i + 1) };
  }
  return undefined;
}

/** Splits on commas outside parentheses and quotes; parts trimmed, empty ones left out. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (const { c, i } of unquoted(text)) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c === ',') {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((part) => part !== '');
}

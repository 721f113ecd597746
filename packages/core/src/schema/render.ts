/**
 * Snapshot documents: stable JSON (sorted keys) and a reviewable, line-per-object text that
 * packages commit as their schema document. The text parses back into entries, so a committed
 * text file can be diffed against a live database.
 */
import { ConfigError } from '../errors';
import { quoteLiteral } from '../naming/identifier';
import { SNAPSHOT_FORMAT, type SchemaSnapshot, type SnapshotColumn, type SnapshotFunction, type SnapshotSequence } from './types';

/** Kinds of top-level entries, in document order. */
export const TOP_LEVEL_KINDS = ['extension', 'enum', 'sequence', 'function', 'procedure', 'table', 'partitioned table', 'view', 'materialized view'] as const;
/** Kinds of entries inside a table. */
export const TABLE_ITEM_KINDS = ['column', 'constraint', 'index', 'trigger'] as const;

/** One object of a snapshot as the text shows it. */
export interface SnapshotEntry {
  readonly kind: string;
  readonly name: string;
  /** The table, for columns, constraints, indexes and triggers. */
  readonly table?: string;
  /** The one-line description after `: ` (may be empty). */
  readonly value: string;
  /** Lines of a function body. */
  readonly body?: readonly string[];
}

/** The key that identifies an entry across two snapshots, e.g. `column orders.id`. */
export function entryKey(entry: SnapshotEntry): string {
  return entry.table === undefined ? `${entry.kind} ${entry.name}` : `${entry.kind} ${entry.table}.${entry.name}`;
}

function describeColumn(column: SnapshotColumn): string {
  const parts = [column.type];
  if (column.collation) parts.push(`collate ${column.collation}`);
  parts.push(column.nullable ? 'null' : 'not null');
  if (column.default !== null) parts.push(`default ${column.default}`);
  if (column.identity) parts.push(`generated ${column.identity} as identity`);
  if (column.generated !== null) parts.push(`generated always as (${column.generated}) ${column.generatedKind ?? 'stored'}`);
  return parts.join(' ');
}

function describeSequence(s: SnapshotSequence): string {
  const parts = [s.type, `start ${s.start}`, `increment ${s.increment}`, `min ${s.min}`, `max ${s.max}`, `cache ${s.cache}`, s.cycle ? 'cycle' : 'no cycle'];
  if (s.ownedBy) parts.push(`owned by ${s.ownedBy}`);
  return parts.join(' ');
}

function describeFunction(f: SnapshotFunction): string {
  const parts: string[] = [];
  if (f.returns !== null) parts.push(`returns ${f.returns}`);
  parts.push(`language ${f.language}`, f.volatility);
  if (f.strict) parts.push('strict');
  if (f.securityDefiner) parts.push('security definer');
  parts.push(`parallel ${f.parallel}`);
  for (const setting of f.settings) parts.push(`set ${setting}`);
  return parts.join(', ');
}

/**
 * A catalog definition on one line: PostgreSQL prints some expressions (a CASE in a CHECK or a
 * generated column) over several indented lines, and a snapshot line must hold one object.
 * Line breaks and the indentation after them become one space; string literals are kept as they are.
 * @example oneLine('CASE\n    WHEN a THEN 1\n    ELSE 2\nEND') // 'CASE WHEN a THEN 1 ELSE 2 END'
 */
export function oneLine(text: string): string {
  if (!text.includes('\n')) return text;
  let out = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") quoted = !quoted;
    if (!quoted && (c === '\n' || c === '\r')) {
      out = out.replace(/[ \t]+$/, '');
      while (i + 1 < text.length && /\s/.test(text[i + 1]!)) i++;
      // No space just inside parentheses: `(\n    CASE … END\n)` reads `(CASE … END)`.
      if (!out.endsWith('(') && text[i + 1] !== ')') out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

/** The entries of a snapshot, in document order. */
export function snapshotEntries(snapshot: SchemaSnapshot): SnapshotEntry[] {
  const entries: SnapshotEntry[] = [];
  for (const e of snapshot.extensions) entries.push({ kind: 'extension', name: e.name, value: `schema ${e.schema}` });
  for (const e of snapshot.enums) entries.push({ kind: 'enum', name: e.name, value: e.values.map(quoteLiteral).join(', ') });
  for (const s of snapshot.sequences) entries.push({ kind: 'sequence', name: s.name, value: describeSequence(s) });
  for (const f of snapshot.functions) {
    entries.push({ kind: f.kind, name: `${f.name}(${f.arguments})`, value: describeFunction(f), body: f.body === '' ? [] : f.body.split('\n') });
  }
  for (const t of snapshot.tables) {
    entries.push({ kind: t.kind, name: t.name, value: t.partitionOf ? `partition of ${t.partitionOf}` : t.partitionKey ? `partition by ${t.partitionKey}` : '' });
    for (const c of t.columns) entries.push({ kind: 'column', table: t.name, name: c.name, value: oneLine(describeColumn(c)) });
    for (const c of t.constraints) entries.push({ kind: 'constraint', table: t.name, name: c.name, value: oneLine(c.definition) });
    for (const i of t.indexes) entries.push({ kind: 'index', table: t.name, name: i.name, value: oneLine(i.definition) });
    for (const tg of t.triggers) entries.push({ kind: 'trigger', table: t.name, name: tg.name, value: oneLine(tg.enabled ? tg.definition : `${tg.definition} (disabled)`) });
  }
  for (const v of snapshot.views) entries.push({ kind: v.kind, name: v.name, value: v.definition });
  return entries;
}

const BODY_PREFIX = '  | ';

/** Formats entries as the snapshot text. */
export function formatSnapshotEntries(entries: readonly SnapshotEntry[], schema: string): string {
  const lines = [`-- strata schema snapshot (format ${SNAPSHOT_FORMAT}) of schema ${schema}`];
  let previousKind = '';
  for (const entry of entries) {
    const line = entry.value === '' ? `${entry.kind} ${entry.name}` : `${entry.kind} ${entry.name}: ${entry.value}`;
    if (entry.table !== undefined) {
      lines.push(`  ${line}`);
      continue;
    }
    // A blank line before each table and function, and between groups, keeps the document readable.
    if (entry.kind !== previousKind || entry.kind.endsWith('table') || entry.body !== undefined) lines.push('');
    previousKind = entry.kind;
    lines.push(line);
    for (const bodyLine of entry.body ?? []) lines.push(`${BODY_PREFIX}${bodyLine}`.replace(/\s+$/, ''));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The stable text of a snapshot: one object per line, tables with their columns (physical order),
 * constraints, indexes and triggers indented below them.
 * @example fs.writeFileSync('schema.txt', renderSnapshotText(await snapshotSchema(knex)))
 */
export function renderSnapshotText(snapshot: SchemaSnapshot): string {
  return formatSnapshotEntries(snapshotEntries(snapshot), snapshot.schema);
}

/** JSON.stringify with object keys sorted at every level, so equal snapshots give equal bytes. */
export function stableStringify(value: unknown, indent = 2): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value), null, indent);
}

/**
 * The stable JSON of a snapshot (sorted keys, trailing newline).
 * @example fs.writeFileSync('schema.json', renderSnapshotJson(snapshot))
 */
export function renderSnapshotJson(snapshot: SchemaSnapshot): string {
  return `${stableStringify(snapshot)}\n`;
}

const KIND_PATTERN = [...TOP_LEVEL_KINDS].sort((a, b) => b.length - a.length).join('|');
const TOP_LINE = new RegExp(`^(${KIND_PATTERN}) (.+?)(?:: (.*))?$`);
const ITEM_LINE = new RegExp(`^  (${TABLE_ITEM_KINDS.join('|')}) (.+?)(?:: (.*))?$`);

/**
 * Parses a snapshot text back into entries.
 * @throws ConfigError naming the first line that is not part of a snapshot.
 */
export function parseSnapshotText(text: string, source = 'snapshot'): SnapshotEntry[] {
  const entries: SnapshotEntry[] = [];
  let table: string | undefined;
  let body: string[] | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('--')) return;
    if (line === BODY_PREFIX.trimEnd() || line.startsWith(BODY_PREFIX)) {
      if (!body) throw new ConfigError(`${source} line ${index + 1}: body line outside a function: ${line}`);
      body.push(line.slice(BODY_PREFIX.length));
      return;
    }
    const item = ITEM_LINE.exec(line);
    if (item) {
      if (table === undefined) throw new ConfigError(`${source} line ${index + 1}: ${item[1]} outside a table: ${line}`);
      entries.push({ kind: item[1] as string, table, name: item[2] as string, value: item[3] ?? '' });
      return;
    }
    const top = TOP_LINE.exec(line);
    if (!top) throw new ConfigError(`${source} line ${index + 1} is not a strata schema snapshot line: ${line.slice(0, 80)}`);
    const kind = top[1] as string;
    table = kind.endsWith('table') ? (top[2] as string) : undefined;
    body = kind === 'function' || kind === 'procedure' ? [] : undefined;
    entries.push(body ? { kind, name: top[2] as string, value: top[3] ?? '', body } : { kind, name: top[2] as string, value: top[3] ?? '' });
  });
  return entries;
}

/**
 * Reads a snapshot document — stable JSON or text — into entries.
 * @throws ConfigError when the text is neither.
 */
export function readSnapshotDocument(text: string, source = 'snapshot'): SnapshotEntry[] {
  if (text.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`${source} is not valid JSON: ${(error as Error).message}`);
    }
    const snapshot = parsed as Partial<SchemaSnapshot>;
    if (snapshot.format !== SNAPSHOT_FORMAT || !Array.isArray(snapshot.tables)) {
      throw new ConfigError(`${source} is not a strata schema snapshot (format ${SNAPSHOT_FORMAT}): write one with strata schema dump --format json`);
    }
    return snapshotEntries(snapshot as SchemaSnapshot);
  }
  return parseSnapshotText(text, source);
}

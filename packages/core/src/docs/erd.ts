/**
 * The entity-relationship diagram as Mermaid `erDiagram` text, which GitHub renders in Markdown.
 * https://mermaid.js.org/syntax/entityRelationshipDiagram.html
 *
 * Each table shows its key columns (PK, FK, UK); every foreign key is a line from the referenced
 * table to the referencing one, its ends derived from the schema:
 * - parent end `||` exactly one, or `|o` zero or one when a referencing column is nullable;
 * - child end `o{` zero or more, or `o|` zero or one when a non-partial unique key (or the primary
 *   key) has exactly the referencing columns (one-to-one);
 * - a solid line when the referencing columns are part of the child's primary key (identifying),
 *   dashed otherwise.
 */
import { compareText } from '../schema/snapshot';
import { keyMarkers, type ForeignKeyModel, type TableModel } from './model';

/** Above this many tables, the ERD is split into an overview and one diagram per group. */
export const MAX_TABLES_PER_DIAGRAM = 20;

/** One Mermaid diagram and what it shows. */
export interface Diagram {
  /** Heading of the diagram; undefined for the single diagram of a small schema. */
  readonly title: string | undefined;
  /** One sentence under the heading, e.g. which tables are drawn without columns. */
  readonly note: string | undefined;
  /** The Mermaid source, starting with `erDiagram`. */
  readonly text: string;
}

/** A group of related tables: a migrations sub-folder, or the tables one migration creates. */
export interface TableGroup {
  readonly title: string;
  readonly tables: readonly string[];
}

/**
 * The diagrams of a schema: one with every table and its key columns; or, above
 * {@link MAX_TABLES_PER_DIAGRAM} tables, an overview of every table and relationship (no columns)
 * followed by one diagram per group, in which tables of other groups appear without columns.
 */
export function erDiagrams(models: readonly TableModel[], groups: readonly TableGroup[], maxTables = MAX_TABLES_PER_DIAGRAM): Diagram[] {
  if (models.length <= maxTables || groups.length < 2) {
    return [{ title: undefined, note: undefined, text: renderDiagram(models, new Set(models.map((m) => m.name))) }];
  }
  const overview: Diagram = {
    title: 'Overview',
    note: `All ${models.length} tables and their relationships, without columns; the diagrams after it show each group with its key columns.`,
    text: renderDiagram(models, new Set()),
  };
  return [
    overview,
    ...groups.map((group) => {
      const inGroup = new Set(group.tables);
      // The group's tables, and the tables of other groups they reference or are referenced by.
      const neighbours = new Set(group.tables);
      for (const model of models) {
        for (const fk of model.foreignKeys) {
          if (inGroup.has(model.name)) neighbours.add(fk.references);
          if (inGroup.has(fk.references)) neighbours.add(model.name);
        }
      }
      const related = models.filter((m) => neighbours.has(m.name));
      const others = related.length - group.tables.length;
      return {
        title: group.title,
        note: others > 0 ? `${group.tables.length} table(s) with their key columns; the ${others} table(s) of other groups they reference or are referenced by are drawn without columns.` : `${group.tables.length} table(s) with their key columns.`,
        text: renderDiagram(related, inGroup),
      };
    }),
  ];
}

/** `erDiagram` text of `models`: those in `detailed` with their key columns, the others as bare names. */
export function renderDiagram(models: readonly TableModel[], detailed: ReadonlySet<string>): string {
  const shown = new Set(models.map((m) => m.name));
  const lines = ['erDiagram'];
  const sorted = [...models].sort((a, b) => compareText(a.name, b.name));
  for (const model of sorted) {
    const attributes = detailed.has(model.name) ? keyAttributes(model) : [];
    if (attributes.length === 0) {
      lines.push(`  ${entityName(model.name)}`);
      continue;
    }
    lines.push(`  ${entityName(model.name)} {`, ...attributes.map((a) => `    ${a}`), '  }');
  }
  const relationships = sorted
    .flatMap((model) => model.foreignKeys.filter((fk) => shown.has(fk.references) && (detailed.size === 0 || detailed.has(model.name) || detailed.has(fk.references))).map((fk) => ({ child: model.name, fk })))
    .sort((a, b) => compareText(a.child, b.child) || compareText(a.fk.name, b.fk.name));
  for (const { child, fk } of relationships) lines.push(`  ${relationship(child, fk)}`);
  return `${lines.join('\n')}\n`;
}

/** `customers ||..o{ accounts : "customer_id"` */
export function relationship(child: string, fk: ForeignKeyModel): string {
  const parentEnd = fk.optional ? '|o' : '||';
  const childEnd = fk.oneToOne ? 'o|' : 'o{';
  const line = fk.identifying ? '--' : '..';
  return `${entityName(fk.references)} ${parentEnd}${line}${childEnd} ${entityName(child)} : "${label(fk.columns.join(', '))}"`;
}

/** The key columns of a table in physical order: `uuid id PK`, `uuid user_id FK`, `varchar(255) email UK "unique where deleted_at IS NULL"`. */
function keyAttributes(model: TableModel): string[] {
  return model.columns.flatMap((column) => {
    const markers = keyMarkers(model, column.name);
    if (markers.length === 0) return [];
    const notes = model.uniqueKeys
      .filter((key) => !key.primary && key.columns.includes(column.name) && (key.columns.length > 1 || key.predicate !== null))
      .map((key) => `unique${key.columns.length > 1 ? ` (${key.columns.join(', ')})` : ''}${key.predicate !== null ? ` where ${key.predicate.replace(/^\((.*)\)$/, '$1')}` : ''}`);
    const comment = notes.length > 0 ? ` "${label(notes.join('; '))}"` : '';
    return [`${erType(column.type)} ${attributeName(column.name)} ${markers.join(', ')}${comment}`];
  });
}

const SHORT_TYPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^character varying/, 'varchar'],
  [/^character\b/, 'char'],
  [/^timestamp(\(\d+\))? with time zone/, 'timestamptz$1'],
  [/^timestamp(\(\d+\))? without time zone/, 'timestamp$1'],
  [/^time(\(\d+\))? with time zone/, 'timetz$1'],
  [/^time(\(\d+\))? without time zone/, 'time$1'],
  [/^double precision/, 'float8'],
  [/^bit varying/, 'varbit'],
];

/**
 * A column type as one Mermaid attribute word: PostgreSQL's long names shortened
 * (`character varying(20)` → `varchar(20)`), modifiers with a comma dropped (`numeric(19,4)` →
 * `numeric`: older Mermaid grammars refuse the comma), anything else not allowed replaced by `_`.
 */
export function erType(type: string): string {
  let short = type;
  for (const [pattern, replacement] of SHORT_TYPES) short = short.replace(pattern, replacement);
  short = short.replace(/\([^)]*,[^)]*\)/g, '');
  short = short.replace(/[^A-Za-z0-9_\-()[\]]+/g, '_').replace(/^[^A-Za-z_]+/, '');
  return short === '' ? 'unknown' : short;
}

/** A table name Mermaid accepts bare, else quoted. */
function entityName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, "'")}"`;
}

function attributeName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_-]+/g, '_');
  return /^[A-Za-z_]/.test(clean) ? clean : `_${clean}`;
}

/** Text inside a quoted Mermaid label or comment: no double quotes, one line. */
function label(text: string): string {
  return text.replace(/"/g, "'").replace(/\s+/g, ' ').trim();
}

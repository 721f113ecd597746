/**
 * Reads a deterministic snapshot of one schema from the catalogs.
 * Everything is sorted in JavaScript (byte order), never by the server's collation, and only
 * version-independent facts are kept, so the same schema gives the same snapshot on 14–18.
 * https://www.postgresql.org/docs/current/catalogs.html
 * https://www.postgresql.org/docs/current/functions-info.html#FUNCTIONS-INFO-CATALOG
 */
import { BOOKKEEPING_PATTERNS } from '../bookkeeping';
import type { Knex } from 'knex';
import { connect } from '../db/connect';
import { quoteIdentifier } from '../naming/identifier';
import {
  SNAPSHOT_FORMAT,
  type SchemaSnapshot,
  type SnapshotColumn,
  type SnapshotConstraint,
  type SnapshotEnum,
  type SnapshotExtension,
  type SnapshotFunction,
  type SnapshotIndex,
  type SnapshotSequence,
  type SnapshotTable,
  type SnapshotTrigger,
  type SnapshotView,
} from './types';

/** Tables left out of snapshots by default: migration bookkeeping, not the package's schema. */
export const BOOKKEEPING_TABLES: readonly string[] = BOOKKEEPING_PATTERNS;

/** Options of {@link snapshotSchema}. */
export interface SnapshotOptions {
  /** Schema to describe; default `public`. */
  readonly schema?: string;
  /** Table name patterns (`*` wildcard) to leave out with their columns, indexes, triggers and sequences; default {@link BOOKKEEPING_TABLES}. */
  readonly excludeTables?: readonly string[];
}

/** Byte-order comparison: independent of any server or ICU collation. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName<T extends { readonly name: string }>(items: T[]): T[] {
  return items.sort((a, b) => compareText(a.name, b.name));
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Whether a table name matches one of the exclusion patterns. */
export function isExcludedTable(name: string, patterns: readonly string[] = BOOKKEEPING_TABLES): boolean {
  return patterns.some((pattern) => globToRegExp(pattern).test(name));
}

/** Session settings that change how catalogs deparse constants; pinned while snapshotting. */
const DEPARSE_SETTINGS: Readonly<Record<string, string>> = {
  TimeZone: 'UTC',
  DateStyle: 'ISO, MDY',
  IntervalStyle: 'postgres',
  extra_float_digits: '1',
};

const VOLATILITY: Record<string, string> = { i: 'immutable', s: 'stable', v: 'volatile' };
const PARALLEL: Record<string, string> = { s: 'safe', r: 'restricted', u: 'unsafe' };
const CONSTRAINT_TYPE: Record<string, string> = { p: 'primary key', f: 'foreign key', u: 'unique', c: 'check', x: 'exclusion' };

/**
 * Snapshot of a schema, from a Knex instance (also a transaction) or a postgres:// URL.
 * @example
 * const snapshot = await snapshotSchema(knex);
 * fs.writeFileSync('schema.txt', renderSnapshotText(snapshot));
 */
export async function snapshotSchema(source: Knex | string, options: SnapshotOptions = {}): Promise<SchemaSnapshot> {
  if (typeof source === 'string') {
    const knex = connect(source);
    try {
      return await snapshotSchema(knex, options);
    } finally {
      await knex.destroy();
    }
  }
  const schema = options.schema ?? 'public';
  const exclude = options.excludeTables ?? BOOKKEEPING_TABLES;
  // Deparsed text depends on session settings: names not on the search_path are qualified, and
  // constants (e.g. timestamptz partition bounds) print in the session's time zone and styles.
  // Pin them for the snapshot's transaction so the output does not depend on the connection.
  const settings: Record<string, string> = { ...DEPARSE_SETTINGS, search_path: quoteIdentifier(schema) };
  const run = async (trx: Knex.Transaction) => {
    for (const [name, value] of Object.entries(settings)) await trx.raw(`SELECT set_config(?, ?, true)`, [name, value]);
    return readSnapshot(trx, schema, exclude);
  };
  if (source.isTransaction) {
    const saved: Record<string, string> = {};
    for (const name of Object.keys(settings)) {
      saved[name] = (await source.raw<{ rows: { value: string }[] }>(`SELECT current_setting(?) AS value`, [name])).rows[0]?.value ?? '';
    }
    try {
      return await source.transaction(run);
    } finally {
      for (const [name, value] of Object.entries(saved)) await source.raw(`SELECT set_config(?, ?, true)`, [name, value]);
    }
  }
  return source.transaction(run, { isolationLevel: 'repeatable read' });
}

async function rows<T>(knex: Knex, sql: string, bindings: readonly string[]): Promise<T[]> {
  return (await knex.raw<{ rows: T[] }>(sql, bindings as string[])).rows;
}

async function readSnapshot(knex: Knex, schema: string, exclude: readonly string[]): Promise<SchemaSnapshot> {
  const keep = (table: string) => !isExcludedTable(table, exclude);
  const ns = [schema];

  const tableRows = await rows<{ name: string; relkind: string; partitionKey: string | null; partitionOf: string | null }>(
    knex,
    `SELECT c.relname AS name, c.relkind::text AS relkind,
            CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS "partitionKey",
            CASE WHEN c.relispartition THEN
              (SELECT parent.relname FROM pg_catalog.pg_inherits inh JOIN pg_catalog.pg_class parent ON parent.oid = inh.inhparent WHERE inh.inhrelid = c.oid)
              || ' ' || pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS "partitionOf"
       FROM pg_catalog.pg_class c
      WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?) AND c.relkind IN ('r', 'p')`,
    ns,
  );
  const columnRows = await rows<SnapshotColumn & { table: string; partition: boolean }>(
    knex,
    `SELECT c.relname AS "table", c.relispartition AS partition, a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable,
            CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS "default",
            CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END AS identity,
            CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS generated,
            CASE a.attgenerated WHEN 's' THEN 'stored' WHEN 'v' THEN 'virtual' END AS "generatedKind",
            CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
       JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
      WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?) AND c.relkind IN ('r', 'p')
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`,
    ns,
  );
  // contype 'n' (NOT NULL constraints, catalogued from PostgreSQL 18) is left out: nullability is a column fact.
  const constraintRows = await rows<{ table: string; name: string; contype: string; definition: string }>(
    knex,
    `SELECT c.relname AS "table", con.conname AS name, con.contype::text AS contype, pg_catalog.pg_get_constraintdef(con.oid) AS definition
       FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
      WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?) AND con.contype IN ('p', 'f', 'u', 'c', 'x')`,
    ns,
  );
  const indexRows = await rows<SnapshotIndex & { table: string }>(
    knex,
    `SELECT t.relname AS "table", i.relname AS name, pg_catalog.pg_get_indexdef(i.oid) AS definition,
            (SELECT con.conname FROM pg_catalog.pg_constraint con
              WHERE con.conindid = i.oid AND con.conrelid = t.oid AND con.contype IN ('p', 'u', 'x')) AS "constraint"
       FROM pg_catalog.pg_index x
       JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
       JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
      WHERE t.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?)`,
    ns,
  );
  const triggerRows = await rows<{ table: string; name: string; definition: string; enabled: string }>(
    knex,
    `SELECT c.relname AS "table", tg.tgname AS name, pg_catalog.pg_get_triggerdef(tg.oid) AS definition, tg.tgenabled::text AS enabled
       FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
      WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?) AND NOT tg.tgisinternal`,
    ns,
  );
  const viewRows = await rows<{ name: string; relkind: string; definition: string; relations: string[] }>(
    knex,
    `SELECT c.relname AS name, c.relkind::text AS relkind, pg_catalog.pg_get_viewdef(c.oid, true) AS definition,
            ARRAY(SELECT DISTINCT ref.relname::text FROM pg_catalog.pg_rewrite r
                    JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass
                    JOIN pg_catalog.pg_class ref ON ref.oid = d.refobjid
                   WHERE r.ev_class = c.oid AND d.refobjid <> c.oid) AS relations
       FROM pg_catalog.pg_class c
      WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?) AND c.relkind IN ('v', 'm')`,
    ns,
  );
  const enumRows = await rows<SnapshotEnum>(
    knex,
    `SELECT t.typname AS name, ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS "values"
       FROM pg_catalog.pg_type t
      WHERE t.typnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?) AND t.typtype = 'e'
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')`,
    ns,
  );
  const sequenceRows = await rows<SnapshotSequence & { ownerTable: string | null }>(
    knex,
    `SELECT c.relname AS name, pg_catalog.format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS increment,
            s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
            owner.relname AS "ownerTable", owner.relname || '.' || a.attname AS "ownedBy"
       FROM pg_catalog.pg_sequence s
       JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
       LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
            AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_catalog.pg_class owner ON owner.oid = d.refobjid
       LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?)`,
    ns,
  );
  const functionRows = await rows<{
    name: string;
    arguments: string;
    prokind: string;
    returns: string | null;
    language: string;
    provolatile: string;
    strict: boolean;
    securityDefiner: boolean;
    proparallel: string;
    settings: string[] | null;
    body: string | null;
  }>(
    knex,
    `SELECT p.proname AS name, pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments, p.prokind::text AS prokind,
            pg_catalog.pg_get_function_result(p.oid) AS returns, l.lanname AS language, p.provolatile::text AS provolatile,
            p.proisstrict AS strict, p.prosecdef AS "securityDefiner", p.proparallel::text AS proparallel, p.proconfig AS settings,
            CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid) ELSE p.prosrc END AS body
       FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_language l ON l.oid = p.prolang
      WHERE p.pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?) AND p.prokind IN ('f', 'p')
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
    ns,
  );
  // plpgsql is installed in every database; listing it would only add noise.
  const extensionRows = await rows<SnapshotExtension>(
    knex,
    `SELECT e.extname AS name, n.nspname AS schema FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
      WHERE e.extname <> 'plpgsql'`,
    [],
  );

  const tables: SnapshotTable[] = byName(tableRows.filter((t) => keep(t.name))).map((t) => ({
    name: t.name,
    kind: t.relkind === 'p' ? 'partitioned table' : 'table',
    partitionKey: t.partitionKey,
    partitionOf: t.partitionOf,
    // A partition's identity is its parent's: PostgreSQL 17+ shows it on the partition too, older majors do not.
    columns: columnRows
      .filter((c) => c.table === t.name)
      .map(({ table: _table, partition, ...column }) => (partition ? { ...column, identity: null } : column)),
    constraints: byName(
      constraintRows
        .filter((c) => c.table === t.name)
        .map((c): SnapshotConstraint => ({ name: c.name, type: CONSTRAINT_TYPE[c.contype] ?? c.contype, definition: c.definition })),
    ),
    indexes: byName(indexRows.filter((i) => i.table === t.name).map(({ table: _table, ...index }) => index)),
    triggers: byName(
      triggerRows.filter((tg) => tg.table === t.name).map((tg): SnapshotTrigger => ({ name: tg.name, definition: tg.definition, enabled: tg.enabled !== 'D' })),
    ),
  }));

  return {
    format: SNAPSHOT_FORMAT,
    schema,
    extensions: byName(extensionRows),
    enums: byName(enumRows.map((e) => ({ name: e.name, values: [...e.values] }))),
    sequences: byName(
      sequenceRows.filter((s) => s.ownerTable === null || keep(s.ownerTable)).map(({ ownerTable: _owner, ...sequence }) => sequence),
    ),
    functions: functionRows
      .map(
        (f): SnapshotFunction => ({
          name: f.name,
          arguments: f.arguments,
          kind: f.prokind === 'p' ? 'procedure' : 'function',
          returns: f.returns,
          language: f.language,
          volatility: VOLATILITY[f.provolatile] ?? f.provolatile,
          strict: f.strict,
          securityDefiner: f.securityDefiner,
          parallel: PARALLEL[f.proparallel] ?? f.proparallel,
          settings: [...(f.settings ?? [])].sort(compareText),
          body: normaliseBody(f.body ?? ''),
        }),
      )
      .sort((a, b) => compareText(`${a.name}(${a.arguments})`, `${b.name}(${b.arguments})`)),
    tables,
    views: byName(
      viewRows.filter((v) => keep(v.name)).map((v): SnapshotView => ({ name: v.name, kind: v.relkind === 'm' ? 'materialized view' : 'view', definition: normaliseViewDefinition(v.definition, v.relations) })),
    ),
  };
}

/** Trims trailing spaces on each line and blank lines around the body. */
function normaliseBody(body: string): string {
  return body
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

const CLAUSE_WORDS = new Set(['where', 'group', 'order', 'limit', 'offset', 'window', 'having', 'for', 'union', 'except', 'intersect', 'fetch', 'tablesample']);

/**
 * Collapses whitespace; for a view over a single relation also drops the `relation.` / `alias.`
 * column qualifiers, which PostgreSQL 16+ no longer prints there while 14 and 15 do.
 */
export function normaliseViewDefinition(definition: string, relations: readonly string[]): string {
  let text = definition.replace(/\s+/g, ' ').trim();
  if (relations.length !== 1) return text;
  const relation = relations[0] as string;
  const escaped = relation.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const qualifiers = [relation];
  const alias = new RegExp(`\\bFROM (?:ONLY )?(?:\\w+\\.)?"?${escaped}"? (?:AS )?("?[\\w$]+"?)`, 'i').exec(text)?.[1];
  if (alias && !CLAUSE_WORDS.has(alias.toLowerCase())) qualifiers.push(alias.replace(/"/g, ''));
  for (const name of qualifiers) {
    const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(new RegExp(`(^|[^\\w$."])(?:${quoted}|"${quoted}")\\.(?=["\\w])`, 'g'), '$1');
  }
  return text;
}

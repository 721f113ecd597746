import type { Knex } from 'knex';

/** A column as the catalog describes it. */
export interface CatalogColumn {
  /** `format_type()` of the column, e.g. `character varying(20)`. */
  readonly type: string;
  readonly notNull: boolean;
}

/** A table (or partitioned table, or materialized view) with its columns. */
export interface CatalogTable {
  readonly name: string;
  readonly columns: ReadonlyMap<string, CatalogColumn>;
}

/** A constraint: `type` is pg_constraint.contype (`f` foreign key, `c` check, `u` unique, `p` primary key…). */
export interface CatalogConstraint {
  readonly table: string;
  readonly name: string;
  readonly type: string;
  readonly validated: boolean;
  /** `pg_get_constraintdef()`, e.g. `CHECK ((note IS NOT NULL))`. */
  readonly definition: string;
}

/** A user-defined type: enum (with its labels in order), domain or composite. */
export interface CatalogType {
  readonly kind: 'enum' | 'domain' | 'composite';
  readonly labels: readonly string[];
}

/**
 * What exists in a database at one moment: the lint compares a migration's statements
 * with the catalog before the migration (is this table new, or does it hold rows?).
 * Every key is `schema.name`.
 */
export interface Catalog {
  readonly tables: ReadonlyMap<string, CatalogTable>;
  /** Index name → the table it is on. */
  readonly indexes: ReadonlyMap<string, string>;
  readonly constraints: readonly CatalogConstraint[];
  readonly types: ReadonlyMap<string, CatalogType>;
  readonly schemas: ReadonlySet<string>;
  /** Names of volatile functions (`random`, `gen_random_uuid`, `nextval`…): a default calling one rewrites the table. */
  readonly volatileFunctions: ReadonlySet<string>;
  /** `current_schemas(false)`: where an unqualified name resolves. */
  readonly searchPath: readonly string[];
}

interface SnapshotRow {
  tables: { schema: string; name: string; columns: { name: string; type: string; not_null: boolean }[] | null }[] | null;
  indexes: { schema: string; name: string; table_name: string }[] | null;
  constraints: { schema: string; table_name: string; name: string; type: string; validated: boolean; definition: string }[] | null;
  types: { schema: string; name: string; kind: string; labels: string[] | null }[] | null;
  schemas: string[] | null;
  volatile: string[] | null;
  search_path: string[];
}

// One round trip per snapshot: it is taken before every migration.
// https://www.postgresql.org/docs/current/catalogs.html
const SNAPSHOT_SQL = `
WITH user_ns AS (
  SELECT oid, nspname FROM pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp%'
)
SELECT
  (SELECT json_agg(json_build_object('schema', n.nspname, 'name', c.relname, 'columns',
      (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'not_null', a.attnotnull))
         FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)))
     FROM pg_class c JOIN user_ns n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm', 'f')) AS tables,
  (SELECT json_agg(json_build_object('schema', n.nspname, 'name', ic.relname, 'table_name', tc.relname))
     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
     JOIN user_ns n ON n.oid = ic.relnamespace) AS indexes,
  (SELECT json_agg(json_build_object('schema', n.nspname, 'table_name', c.relname, 'name', k.conname, 'type', k.contype,
       'validated', k.convalidated, 'definition', pg_get_constraintdef(k.oid)))
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN user_ns n ON n.oid = c.relnamespace) AS constraints,
  (SELECT json_agg(json_build_object('schema', n.nspname, 'name', t.typname, 'kind', t.typtype,
       'labels', (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)))
     FROM pg_type t JOIN user_ns n ON n.oid = t.typnamespace
     WHERE t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')) AS types,
  (SELECT json_agg(nspname) FROM user_ns) AS schemas,
  (SELECT json_agg(DISTINCT proname) FROM pg_proc WHERE provolatile = 'v') AS volatile,
  to_json(current_schemas(false)) AS search_path`;

const TYPE_KIND: Record<string, CatalogType['kind']> = { e: 'enum', d: 'domain', c: 'composite' };

/** Reads what exists in the database `knex` is connected to (user schemas only). */
export async function readCatalog(knex: Knex | Knex.Transaction): Promise<Catalog> {
  const { rows } = (await knex.raw(SNAPSHOT_SQL)) as { rows: SnapshotRow[] };
  const row = rows[0]!;
  const tables = new Map<string, CatalogTable>();
  for (const t of row.tables ?? []) {
    const columns = new Map<string, CatalogColumn>();
    for (const c of t.columns ?? []) columns.set(c.name, { type: c.type, notNull: c.not_null });
    tables.set(`${t.schema}.${t.name}`, { name: `${t.schema}.${t.name}`, columns });
  }
  return {
    tables,
    indexes: new Map((row.indexes ?? []).map((i) => [`${i.schema}.${i.name}`, `${i.schema}.${i.table_name}`])),
    constraints: (row.constraints ?? []).map((k) => ({ table: `${k.schema}.${k.table_name}`, name: k.name, type: k.type, validated: k.validated, definition: k.definition })),
    types: new Map((row.types ?? []).map((t) => [`${t.schema}.${t.name}`, { kind: TYPE_KIND[t.kind] ?? 'domain', labels: t.labels ?? [] }])),
    schemas: new Set(row.schemas ?? []),
    volatileFunctions: new Set(row.volatile ?? []),
    searchPath: row.search_path,
  };
}

/** A catalog with nothing in it, for linting SQL without a database. */
export const EMPTY_CATALOG: Catalog = {
  tables: new Map(),
  indexes: new Map(),
  constraints: [],
  types: new Map(),
  schemas: new Set(),
  volatileFunctions: new Set(['random', 'gen_random_uuid', 'uuid_generate_v4', 'uuid_generate_v1', 'clock_timestamp', 'nextval', 'timeofday']),
  searchPath: ['public'],
};

/**
 * Where `schema.name` or an unqualified `name` resolves: the first schema of the search
 * path holding an object of that name in `keys`, else the first schema of the path.
 * @example resolveName(catalog, undefined, 'orders', catalog.tables) // 'public.orders'
 */
export function resolveName(catalog: Catalog, schema: string | undefined, name: string, keys: ReadonlyMap<string, unknown> | ReadonlySet<string>): string {
  if (schema) return `${schema}.${name}`;
  for (const candidate of catalog.searchPath) if (keys.has(`${candidate}.${name}`)) return `${candidate}.${name}`;
  return `${catalog.searchPath[0] ?? 'public'}.${name}`;
}

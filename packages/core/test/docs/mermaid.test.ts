/**
 * The ERDs are valid Mermaid: every diagram of the committed documents (telecom-billing's and the
 * fixture's, which docs.test.ts proves are what `strata docs` writes) and diagrams of awkward
 * schemas are parsed by Mermaid's own parser; broken diagrams are refused by it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { renderDiagram, tableModels } from '../../src/docs';
import type { SchemaSnapshot, SnapshotTable } from '../../src/schema/types';
import { mermaidBlocks, parseMermaid } from './mermaid';

/** Every schema package's committed document (check's docs step proves each is what strata docs writes). */
const PACKAGE_DOCS = readdirSync(path.resolve(__dirname, '../../..'))
  .map((name) => path.resolve(__dirname, '../../..', name, 'docs', 'SCHEMA.md'))
  .filter((file) => existsSync(file));
const SHOP_DOCS = path.join(__dirname, 'fixtures', 'shop', 'docs', 'SCHEMA.md');

const column = (name: string, type: string, nullable = false) => ({ name, type, nullable, default: null, identity: null, generated: null, generatedKind: null, collation: null });

/** A table of a synthetic snapshot: names and types the renderer must make Mermaid-safe. */
function awkwardTable(name: string, extra: Partial<SnapshotTable> = {}): SnapshotTable {
  return { name, kind: 'table', partitionKey: null, partitionOf: null, columns: [], constraints: [], indexes: [], triggers: [], ...extra };
}

const AWKWARD: SchemaSnapshot = {
  format: 1,
  schema: 'public',
  extensions: [],
  enums: [],
  sequences: [],
  functions: [],
  views: [],
  tables: [
    awkwardTable('Order Items', {
      columns: [column('id', 'bigint'), column('2fa code', 'character varying(20)', true), column('amount', 'numeric(19,4)'), column('tags', 'text[]'), column('at', 'timestamp(3) with time zone')],
      constraints: [
        { name: 'pk', type: 'primary key', definition: 'PRIMARY KEY (id)' },
        { name: 'fk_self', type: 'foreign key', definition: 'FOREIGN KEY ("2fa code") REFERENCES "billing.plans"(code) ON DELETE CASCADE' },
      ],
      indexes: [
        { name: 'pk', definition: 'CREATE UNIQUE INDEX pk ON public."Order Items" USING btree (id)', constraint: 'pk' },
        { name: 'uq_code', definition: `CREATE UNIQUE INDEX uq_code ON public."Order Items" USING btree ("2fa code", amount) WHERE (tags <> '{"x"}'::text[])`, constraint: null },
      ],
    }),
    awkwardTable('billing.plans', {
      columns: [column('code', 'character varying(20)')],
      constraints: [{ name: 'pk_plans', type: 'primary key', definition: 'PRIMARY KEY (code)' }],
      indexes: [{ name: 'pk_plans', definition: 'CREATE UNIQUE INDEX pk_plans ON public."billing.plans" USING btree (code)', constraint: 'pk_plans' }],
    }),
    awkwardTable('empty_table'),
  ],
};

describe('Mermaid ERDs', () => {
  it('parses every diagram of every package\'s committed document as an erDiagram', () => {
    expect(PACKAGE_DOCS.map((file) => path.basename(path.dirname(path.dirname(file))))).toEqual(['commerce', 'content-platform', 'isp', 'petlab', 'telecom-billing']);
    const diagrams = [...PACKAGE_DOCS, SHOP_DOCS].flatMap((file) => mermaidBlocks(readFileSync(file, 'utf8')));
    expect(diagrams.length).toBeGreaterThanOrEqual(PACKAGE_DOCS.length + 1);
    expect(parseMermaid(diagrams)).toEqual(diagrams.map(() => ({ ok: true, type: 'er' })));
  });

  it('quotes names, shortens types and cleans comments so awkward schemas still parse', () => {
    const models = tableModels(AWKWARD);
    const text = renderDiagram(models, new Set(models.map((m) => m.name)));
    expect(text).toContain('  "Order Items" {');
    expect(text).toContain('    varchar(20) _2fa_code FK, UK "unique (2fa code, amount) where tags <> \'{\'x\'}\'::text[]"');
    expect(text).toContain('    numeric amount UK "unique (2fa code, amount)');
    expect(text).toContain('  "billing.plans" |o..o{ "Order Items" : "2fa code"');
    expect(text).toContain('  empty_table\n');
    expect(parseMermaid([text])).toEqual([{ ok: true, type: 'er' }]);
  });

  it('refuses broken diagrams: the parser really parses', () => {
    const [diagram] = mermaidBlocks(readFileSync(SHOP_DOCS, 'utf8'));
    const broken = [
      diagram!.replace('||--o{', '||--o{{'), // a cardinality that does not exist
      diagram!.replace(/\n  \}\n/, '\n'), // an attribute block never closed
      'erDiagram\n  orders {\n    character varying number UK\n  }\n', // a type with a space, which erType() shortens
      'erDiagram\n  orders {\n    text number UK "a "quoted" word"\n  }\n', // a double quote in a comment, which label() replaces
    ];
    const results = parseMermaid(broken);
    expect(results.map((r) => r.ok)).toEqual([false, false, false, false]);
    for (const result of results) expect(result.error).toMatch(/Parse error|Lexical error/);
  });
});

/** The pure parts of `strata docs`: summaries, statement effects, Mermaid words, Markdown escaping, policies. */
import { docSummary, migrationEffects } from '../../src/docs';
import { erType } from '../../src/docs/erd';
import { cell, code, fenced } from '../../src/docs/markdown';
import { declaredPolicies } from '../../src/docs/policy';
import { loadParser } from '../../src/lint/parser';

describe('docSummary', () => {
  it.each([
    ['/**\n * Logins for staff and customers. The first migration also creates\n * two functions.\n */\nimport x from "y";', 'Logins for staff and customers.'],
    ['/** Orders, e.g. web and phone orders. More. */', 'Orders, e.g. web and phone orders.'],
    ['/**\n * A summary that wraps\n * over two lines\n *\n * Second paragraph.\n */', 'A summary that wraps over two lines'],
    ['#!/usr/bin/env node\n/** After a shebang. */', 'After a shebang.'],
    ['import x from "y";\n/** Not leading. */\nconst a = 1;\n/** Above up. Rest. */\nexport async function up() {}', 'Above up.'],
    ['// a line comment\nexport async function up() {}', undefined],
    ['/** @see https://example.org */', undefined],
  ])('%j → %j', (text, summary) => {
    expect(docSummary(text)).toBe(summary);
  });
});

describe('migrationEffects', () => {
  beforeAll(() => loadParser());

  it('reads what statements create, change and drop, created-then-changed counting as created', () => {
    expect(
      migrationEffects([
        'create table "users" (id int)',
        'create index "ix" on "users" (id)',
        'alter table "orders" add column "note" text',
        'CREATE TRIGGER t BEFORE UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION f()',
        'insert into plans (code) values ($$a$$)',
        'drop table "legacy"',
        'create table tmp (id int)',
        'drop table tmp',
        "CREATE TYPE s AS ENUM ('a')",
        "ALTER TYPE t ADD VALUE 'b'",
        'CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
        'create table billing.invoices (id int)',
        'create table knex_migrations (id int)',
        'select 1',
        'not sql at all',
      ]),
    ).toEqual({
      createdTables: ['billing.invoices', 'users'],
      changedTables: ['orders', 'payments', 'plans'],
      droppedTables: ['legacy'],
      otherObjects: ['changes type t', 'creates function f', 'creates type s'],
    });
  });
});

describe('Mermaid words and Markdown', () => {
  it.each([
    ['character varying(20)', 'varchar(20)'],
    ['numeric(19,4)', 'numeric'],
    ['timestamp with time zone', 'timestamptz'],
    ['timestamp(3) without time zone', 'timestamp(3)'],
    ['double precision', 'float8'],
    ['text[]', 'text[]'],
    ['"Odd Type"', '_Odd_Type_'],
  ])('erType(%j) = %j', (type, word) => {
    expect(erType(type)).toBe(word);
  });

  it('escapes table cells, code spans and fences', () => {
    expect(cell('a | b\nc')).toBe('a \\| b c');
    expect(code('x')).toBe('`x`');
    expect(code('a`b')).toBe('`` a`b ``');
    expect(fenced('sql', 'select 1;\n```\n')).toEqual(['````sql', 'select 1;', '```', '````']);
  });
});

describe('declaredPolicies', () => {
  it('reads a name, a list or an object, sorted, and describes the policies it knows', () => {
    expect(declaredPolicies({})).toEqual([]);
    expect(declaredPolicies({ policy: 'additive-only' })).toEqual([{ name: 'additive-only', setting: undefined, meaning: expect.stringContaining('no destructive operation') }]);
    expect(declaredPolicies({ policy: ['b', 'a'] }).map((p) => p.name)).toEqual(['a', 'b']);
    expect(declaredPolicies({ policy: { 'additive-only': true, reviewers: ['dba'], off: false } })).toEqual([
      { name: 'additive-only', setting: undefined, meaning: expect.any(String) },
      { name: 'reviewers', setting: '["dba"]', meaning: undefined },
    ]);
  });
});

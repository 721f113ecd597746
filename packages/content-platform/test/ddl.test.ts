/**
 * The convergent DDL helpers: the exact SQL they generate, then that SQL on real PostgreSQL —
 * run twice it changes nothing, and it completes a table that lacks its last columns.
 */
import { liveSchema, testServers, usePackageDatabase } from '@strata/core/testing';
import { addConstraintSql, column, createIndexSql, ensureTable, ensureTableSql, ident, RESERVED_WORDS, type TableShape } from '../src/ddl';
import { cli } from './support';

const NOTES: TableShape = {
  name: 'notes',
  primaryKey: { name: 'notes_pkey', columns: ['id'] },
  columns: [column('id', 'varchar(36) NOT NULL'), column('body', 'text NOT NULL'), column('current_date', 'date NOT NULL DEFAULT CURRENT_DATE')],
  constraints: [{ name: 'notes_body_check', definition: "CHECK (body <> '')" }],
  indexes: [{ name: 'ix_notes_body', columns: ['body'], unique: true }],
};

describe('convergent DDL (SQL)', () => {
  it.each([
    ['org_id', 'org_id'],
    ['current_date', '"current_date"'],
    ['user', '"user"'],
    ['text', 'text'],
    ['Mixed', '"Mixed"'],
    ['a"b', '"a""b"'],
  ])('ident(%s) is %s', (name, sql) => {
    expect(ident(name)).toBe(sql);
  });

  it('ensures a table in four kinds of statement, each a no-op where the object exists', () => {
    expect(ensureTableSql(NOTES)).toEqual([
      'CREATE TABLE IF NOT EXISTS notes (\n    id varchar(36) NOT NULL,\n    CONSTRAINT notes_pkey PRIMARY KEY (id)\n)',
      'ALTER TABLE notes\n    ADD COLUMN IF NOT EXISTS body text NOT NULL,\n    ADD COLUMN IF NOT EXISTS "current_date" date NOT NULL DEFAULT CURRENT_DATE',
      [
        'DO $$',
        'BEGIN',
        "    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'notes'::regclass AND conname = 'notes_body_check') THEN",
        "        ALTER TABLE notes ADD CONSTRAINT notes_body_check CHECK (body <> '');",
        '    END IF;',
        'END',
        '$$',
      ].join('\n'),
      'CREATE UNIQUE INDEX IF NOT EXISTS ix_notes_body ON notes (body)',
    ]);
  });

  it('quotes what needs quoting in constraint and index statements', () => {
    expect(addConstraintSql('user', { name: 'user_pkey', definition: 'PRIMARY KEY (id)' })).toContain(`conrelid = '"user"'::regclass AND conname = 'user_pkey') THEN\n        ALTER TABLE "user" ADD CONSTRAINT user_pkey PRIMARY KEY (id);`);
    expect(createIndexSql('t', { name: 'ix_t_order', columns: ['order'] })).toBe('CREATE INDEX IF NOT EXISTS ix_t_order ON t ("order")');
  });

  it('refuses a primary key on a column the table does not have', () => {
    expect(() => ensureTableSql({ ...NOTES, primaryKey: { name: 'notes_pkey', columns: ['uuid'] } })).toThrow('table notes: primary key column uuid is not among its columns');
  });
});

describe.each(testServers())('convergent DDL on PostgreSQL ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'cp_ddl', migrate: false });

  it("knows every reserved word of this server (pg_get_keywords' R and T)", async () => {
    const { rows } = await db.knex.raw<{ rows: { word: string }[] }>(`SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T') ORDER BY word`);
    expect(rows.map((r) => r.word).filter((word) => !RESERVED_WORDS.has(word))).toEqual([]);
  });

  it('run twice, changes nothing the second time', async () => {
    await ensureTable(db.knex, NOTES);
    const once = await liveSchema(db.knex);
    await ensureTable(db.knex, NOTES);
    expect(await liveSchema(db.knex)).toEqual(once);
  });

  it('completes a table that lacks its last columns, keeping its rows, to the same schema', async () => {
    await db.knex.raw('DROP TABLE notes');
    await ensureTable(db.knex, NOTES);
    const fresh = await liveSchema(db.knex);
    await db.knex.raw('DROP TABLE notes');
    await db.knex.raw(`CREATE TABLE notes (id varchar(36) NOT NULL, body text NOT NULL, CONSTRAINT notes_pkey PRIMARY KEY (id)); INSERT INTO notes VALUES ('n1', 'kept')`);
    await ensureTable(db.knex, NOTES);
    expect(await liveSchema(db.knex)).toEqual(fresh);
    const rows = await db.knex('notes').select('id', 'body', db.knex.raw(`"current_date" = CURRENT_DATE AS today`));
    expect(rows).toEqual([{ id: 'n1', body: 'kept', today: true }]);
  });

  it('cannot add a NOT NULL column without a default to a table with rows: it fails, leaving nothing', async () => {
    await db.knex.raw('DROP TABLE notes');
    await db.knex.raw(`CREATE TABLE notes (id varchar(36) NOT NULL, CONSTRAINT notes_pkey PRIMARY KEY (id)); INSERT INTO notes VALUES ('n1')`);
    const before = await liveSchema(db.knex);
    await expect(db.knex.transaction((trx) => ensureTable(trx, NOTES))).rejects.toThrow(/column "body" of relation "notes" contains null values/);
    expect(await liveSchema(db.knex)).toEqual(before);
  });
});

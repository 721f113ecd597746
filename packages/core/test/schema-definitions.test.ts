/**
 * Index and foreign key definitions, as pg_get_indexdef and pg_get_constraintdef print them, read
 * into their parts — with commas, parentheses and quotes inside literals and quoted names.
 */
import { parseForeignKeyDefinition, parseIndexDefinition, plainColumn } from '../src/schema/definitions';

describe('parseIndexDefinition', () => {
  it.each([
    ['CREATE INDEX ix_orders_user_id ON public.orders USING btree (user_id)', { unique: false, method: 'btree', columns: ['user_id'], predicate: null }],
    [
      'CREATE UNIQUE INDEX uq_orders_lower_email ON public.orders USING btree (lower(email), coalesce(a, \'x,y\')) WHERE (deleted_at IS NULL)',
      { unique: true, method: 'btree', columns: ['lower(email)', "coalesce(a, 'x,y')"], predicate: '(deleted_at IS NULL)' },
    ],
    ['CREATE INDEX ix_band ON ONLY public.orders USING gist (numrange(low, high, \'[)\'::text))', { unique: false, method: 'gist', columns: ["numrange(low, high, '[)'::text)"], predicate: null }],
    ['CREATE INDEX ix_t ON public.t USING btree (recorded_at DESC, name text_pattern_ops)', { unique: false, method: 'btree', columns: ['recorded_at DESC', 'name text_pattern_ops'], predicate: null }],
    [
      'CREATE UNIQUE INDEX "Odd (index)" ON billing."Odd, Table" USING btree ("a,b", "c)") WHERE (note <> \' WHERE x\'::text)',
      { unique: true, method: 'btree', columns: ['"a,b"', '"c)"'], predicate: "(note <> ' WHERE x'::text)" },
    ],
    ['CREATE INDEX ix_q ON public.t USING btree ((\'it\'\'s (a)\'::text))', { unique: false, method: 'btree', columns: ["('it''s (a)'::text)"], predicate: null }],
  ])('%s', (definition, parts) => {
    expect(parseIndexDefinition(definition)).toEqual(parts);
  });

  it.each(['UNIQUE (a)', 'CREATE INDEX ix ON public.t USING btree (a', ''])('is undefined for %j', (definition) => {
    expect(parseIndexDefinition(definition)).toBeUndefined();
  });
});

describe('parseForeignKeyDefinition', () => {
  it.each([
    ['FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL', { columns: ['user_id'], references: 'users', referencedColumns: ['id'], onDelete: 'SET NULL', onUpdate: 'NO ACTION' }],
    ['FOREIGN KEY (shop_id, region) REFERENCES public.shops(id, region)', { columns: ['shop_id', 'region'], references: 'shops', referencedColumns: ['id', 'region'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }],
    ['FOREIGN KEY (code) REFERENCES billing.plans(code) ON UPDATE CASCADE ON DELETE RESTRICT', { columns: ['code'], references: 'billing.plans', referencedColumns: ['code'], onDelete: 'RESTRICT', onUpdate: 'CASCADE' }],
    [
      'FOREIGN KEY ("Owner, Id", "x)") REFERENCES "Odd ""Name"""("Id (old)") MATCH FULL ON DELETE CASCADE DEFERRABLE',
      { columns: ['Owner, Id', 'x)'], references: 'Odd "Name"', referencedColumns: ['Id (old)'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
    ],
  ])('%s', (definition, parts) => {
    expect(parseForeignKeyDefinition(definition)).toEqual(parts);
  });

  it.each(['PRIMARY KEY (id)', 'FOREIGN KEY (a) REFERENCES', 'FOREIGN KEY (a REFERENCES t(id)'])('is undefined for %j', (definition) => {
    expect(parseForeignKeyDefinition(definition)).toBeUndefined();
  });
});

describe('plainColumn', () => {
  it.each([
    ['recorded_at DESC', 'recorded_at'],
    ['name COLLATE "C" NULLS LAST', 'name'],
    ['name text_pattern_ops', 'name'],
    ['"Odd ""x"""', 'Odd "x"'],
    ['lower(email)', 'lower(email)'],
  ])('%s → %s', (element, column) => {
    expect(plainColumn(element)).toBe(column);
  });
});

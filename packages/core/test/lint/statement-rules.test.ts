import { EMPTY_CATALOG } from '../../src/lint/catalog';
import { checkStatements } from '../../src/lint/check-statements';
import { loadParser } from '../../src/lint';

/** Rule ids found in SQL run inside the runner's transaction, every named table taken to exist. */
function rulesOf(sql: string): string[] {
  return checkStatements({ direction: 'up', statements: ['BEGIN;', sql], before: EMPTY_CATALOG, after: undefined, assumeExisting: true }).map((f) => f.rule);
}

describe('statement rules on bare SQL (tables assumed to exist and hold rows)', () => {
  beforeAll(() => loadParser());

  it.each([
    ['CREATE INDEX i ON t (a)', ['index-not-concurrent']],
    ['CREATE INDEX CONCURRENTLY i ON t (a)', ['concurrently-in-transaction']],
    ['DROP INDEX i', ['drop-index-not-concurrent']],
    ['DROP INDEX CONCURRENTLY i', ['concurrently-in-transaction']],
    ['REINDEX INDEX CONCURRENTLY i', ['concurrently-in-transaction']],
    ['ALTER TABLE p DETACH PARTITION c CONCURRENTLY', ['concurrently-in-transaction']],
    ['ALTER TABLE t ADD COLUMN u int REFERENCES p (id)', ['fk-not-valid']],
    ['ALTER TABLE t ADD CONSTRAINT t_u_fk FOREIGN KEY (u) REFERENCES p (id) NOT VALID', []],
    ['ALTER TABLE t VALIDATE CONSTRAINT t_u_fk', []],
    ['ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)', ['check-not-valid']],
    ['ALTER TABLE t ADD COLUMN e text UNIQUE', ['unique-constraint']],
    ['ALTER TABLE t ADD PRIMARY KEY (id)', ['unique-constraint']],
    ['ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_idx', []],
    ['ALTER TABLE t ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY', ['add-column-rewrite']],
    ['ALTER TABLE t ADD COLUMN r float8 DEFAULT random()', ['add-column-rewrite']],
    ['ALTER TABLE t ADD COLUMN d timestamptz DEFAULT now()', []],
    ['ALTER TABLE t ADD COLUMN s text NOT NULL', ['required-column']],
    ['ALTER TABLE t ADD COLUMN s text NOT NULL DEFAULT \'\'', []],
    ['ALTER TABLE t ALTER COLUMN a TYPE bigint USING a + 1', ['column-type-change']],
    ['ALTER TABLE t RENAME TO u', ['rename-table']],
    ['ALTER TABLE t RENAME COLUMN a TO b', ['rename-column']],
    ["ALTER TYPE e RENAME VALUE 'a' TO 'b'", ['rename-enum-value']],
    ["ALTER TYPE e ADD VALUE 'x' AFTER 'a'", ['enum-value-order']],
    ["ALTER TYPE e ADD VALUE 'x'", []],
    ['CREATE TABLE n (id int, doc json, at timestamp)', ['json-column', 'prefer-timestamptz']],
    ['CREATE TABLE n (id int); CREATE INDEX n_id ON n (id); ALTER TABLE n ADD COLUMN s text NOT NULL', []],
    [`CREATE TABLE ${'x'.repeat(64)} (id int)`, ['identifier-too-long']],
    [`CREATE TABLE "${'é'.repeat(32)}" (id int)`, ['identifier-too-long']],
    [`CREATE TABLE "${'é'.repeat(31)}" (id int)`, []],
  ])('%s → %j', (sql, expected) => {
    expect(rulesOf(sql)).toEqual(expected);
  });

  it('knows when the migration left its transaction', () => {
    const run = (statements: string[]): string[] => checkStatements({ direction: 'up', statements, before: EMPTY_CATALOG, after: undefined, assumeExisting: true }).map((f) => f.rule);
    expect(run(['CREATE INDEX CONCURRENTLY i ON t (a)'])).toEqual([]);
    expect(run(['BEGIN;', 'COMMIT;', 'CREATE INDEX CONCURRENTLY i ON t (a)'])).toEqual([]);
    expect(run(['BEGIN;', 'SAVEPOINT trx2', 'CREATE INDEX CONCURRENTLY i ON t (a)'])).toEqual(['concurrently-in-transaction']);
  });

  it('reports SQL it cannot parse instead of skipping it silently', () => {
    expect(checkStatements({ direction: 'up', statements: ['ALTER TABEL t DROP COLUMN a'], before: EMPTY_CATALOG, after: undefined }).map((f) => [f.rule, f.severity])).toEqual([['parse-failed', 'warning']]);
  });
});

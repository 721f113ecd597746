import { coercionWithoutRewrite, parseFormattedType } from '../../src/lint/rules/type-change';

describe('column type changes PostgreSQL makes without a rewrite or a scan', () => {
  it.each([
    ['character varying(20)', 'character varying(40)', false, true],
    ['character varying(20)', 'character varying(20)', false, true],
    ['character varying(40)', 'character varying(20)', false, false],
    ['character varying(20)', 'character varying', false, true],
    ['character varying(20)', 'text', false, true],
    ['character varying', 'text', false, true],
    ['text', 'character varying', false, true],
    ['text', 'character varying(20)', false, false],
    ['numeric(10,2)', 'numeric(12,2)', false, true],
    ['numeric(10,2)', 'numeric(12,3)', false, false],
    ['numeric(10,2)', 'numeric(8,2)', false, false],
    ['numeric(10,2)', 'numeric', false, true],
    ['numeric', 'numeric(10,2)', false, false],
    ['cidr', 'inet', false, true],
    ['inet', 'cidr', false, false],
    ['bit varying(4)', 'bit varying(8)', false, true],
    ['timestamp(3) without time zone', 'timestamp(6) without time zone', false, true],
    ['timestamp without time zone', 'timestamp with time zone', false, false],
    ['timestamp without time zone', 'timestamp with time zone', true, true],
    ['timestamp with time zone', 'timestamp without time zone', true, true],
    ['integer', 'bigint', false, false],
    ['text', 'jsonb', false, false],
    ['character(10)', 'text', false, false],
  ])('%s → %s (TimeZone UTC: %s): %s', (from, to, utc, expected) => {
    expect(coercionWithoutRewrite(from, to, utc)).toBe(expected);
  });

  it.each([
    ['character varying(20)', { family: 'character varying', modifiers: [20] }],
    ['numeric(10,2)', { family: 'numeric', modifiers: [10, 2] }],
    ['timestamp(3) with time zone', { family: 'timestamp with time zone', modifiers: [3] }],
    ['timestamp with time zone', { family: 'timestamp with time zone', modifiers: [] }],
    ['text', { family: 'text', modifiers: [] }],
  ])('reads %s', (type, expected) => {
    expect(parseFormattedType(type)).toEqual(expected);
  });
});

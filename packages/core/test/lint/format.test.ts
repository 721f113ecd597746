import { formatFindings, type Finding, type LintedFinding } from '../../src/lint';

const DROP: Finding = {
  rule: 'drop-column',
  severity: 'error',
  migration: '002_drop_note.ts',
  direction: 'up',
  statement: 'alter table "orders" drop column "note"',
  object: 'orders.note',
  message: 'drops column orders.note (text) and its value in every row.',
  fix: 'Stop using the column first.',
  acknowledged: false,
};
const ACKED: Finding = { ...DROP, migration: '003_x.ts', acknowledged: true, reason: 'moved, 100%: see ticket 7' };
const ALLOW: Finding = { rule: 'allow-without-reason', severity: 'error', migration: '004_y.ts', direction: 'up', statement: '', object: 'drop-table', message: "lint.allow['drop-table'] has no reason", acknowledged: false };

describe('lint output formats', () => {
  it('json: one object, the documented keys first, extras after', () => {
    expect(formatFindings([DROP, { ...ACKED, package: 'billing' } as LintedFinding], 'json')).toBe(
      JSON.stringify({
        findings: [
          { rule: 'drop-column', severity: 'error', migration: '002_drop_note.ts', direction: 'up', statement: 'alter table "orders" drop column "note"', message: DROP.message, acknowledged: false, object: 'orders.note', fix: DROP.fix },
          { rule: 'drop-column', severity: 'error', migration: '003_x.ts', direction: 'up', statement: 'alter table "orders" drop column "note"', message: DROP.message, acknowledged: true, package: 'billing', object: 'orders.note', fix: DROP.fix, reason: ACKED.reason },
        ],
      }),
    );
    expect(formatFindings([], 'json')).toBe('{"findings":[]}');
  });

  it('json: a finding made after a failed migration names it last', () => {
    const after: Finding = { ...DROP, afterFailure: '001_broken.ts' };
    expect(Object.entries(JSON.parse(formatFindings([after], 'json')).findings[0]).slice(-1)).toEqual([['afterFailure', '001_broken.ts']]);
  });

  it('github: annotations with the file, escaped; acknowledged findings as notices', () => {
    const files: Record<string, string> = { '002_drop_note.ts': 'packages/billing/migrations/002_drop_note.ts', '003_x.ts': 'm/003_x.ts' };
    expect(formatFindings([DROP, ACKED, ALLOW], 'github', (f) => (f.migration ? files[f.migration] : undefined)).split('\n')).toEqual([
      '::error file=packages/billing/migrations/002_drop_note.ts,title=strata lint drop-column (up)::002_drop_note.ts: drops column orders.note (text) and its value in every row. Fix: Stop using the column first.%0Aalter table "orders" drop column "note"',
      '::notice file=m/003_x.ts,title=strata lint drop-column (up) acknowledged::003_x.ts: drops column orders.note (text) and its value in every row. Reason: moved, 100%25: see ticket 7%0Aalter table "orders" drop column "note"',
      "::error title=strata lint allow-without-reason (up)::004_y.ts: lint.allow['drop-table'] has no reason",
    ]);
  });

  it('text: grouped by migration, acknowledged marked, with a summary', () => {
    expect(formatFindings([DROP, ACKED], 'text')).toBe(
      [
        '002_drop_note.ts (up)',
        '  error drop-column: drops column orders.note (text) and its value in every row.',
        '      alter table "orders" drop column "note"',
        '      fix: Stop using the column first.',
        '',
        '003_x.ts (up)',
        '  error [acknowledged] drop-column: drops column orders.note (text) and its value in every row.',
        '      alter table "orders" drop column "note"',
        '      reason: moved, 100%: see ticket 7',
        '',
        '2 errors (1 acknowledged), 0 warnings, 0 info',
      ].join('\n'),
    );
    expect(formatFindings([], 'text')).toBe('0 errors, 0 warnings, 0 info');
  });
});

// cooling_off, written from rules.md ("add_months", "Rule kinds", "Leaving events") and engagements.md §2.
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, findingStatuses, makeRuleset } from '../../test/helpers.js';
import { testRule, type InvalidCase, type ValidCase } from '../../test/rule-tester.js';
import type { CoolingOffRule, Ruleset } from '../types.js';

const OWN_COLS = [...BASE_COLS, 'left_substantive_date', 'left_substantive_la'];
function coolRule(partial: Partial<CoolingOffRule> = {}): CoolingOffRule {
  return { id: 'COOL', kind: 'cooling_off', severity: 'error', months: 6, scope: 'same_la', ...partial };
}
const regionOf = (las: string[]): Partial<Ruleset> => ({ region: { name: 'Test', las: new Map(las.map((c) => [c, c])) } });

/** A row with its own leaving event at E10000011. */
const own = (left: string, start: string): ValidCase => ({
  name: `left ${left}, started ${start}`,
  row: { start_date: start, left_substantive_date: left, left_substantive_la: 'E10000011' },
});
const ownBreach = (left: string, start: string, rest: Partial<InvalidCase> = {}): InvalidCase => ({ ...own(left, start), status: 'breach', ...rest });

testRule('cooling_off: the period boundaries (the row own event)', { rule: coolRule(), columns: OWN_COLS }, {
  valid: [
    own('2025-03-15', '2025-03-14'),
    own('2025-03-15', '2025-09-16'),
    own('2025-08-31', '2026-03-01'),
    own('2023-08-31', '2024-03-01'),
    { ...own('2025-01-31', '2025-05-01'), rule: coolRule({ months: 3 }) },
  ],
  invalid: [
    ownBreach('2025-03-15', '2025-03-15', {
      name: 'start on the leaving date',
      message: 'left East Sussex (E10000011) on 2025-03-15, started 2025-03-15: inside the 6-month cooling-off until 2025-09-15',
      details: {
        left_la: 'E10000011', leaving_date: '2025-03-15', cooling_off_until: '2025-09-15', start_date: '2025-03-15',
        months: 6, scope: 'same_la', source: 'row',
      },
    }),
    ownBreach('2025-03-15', '2025-06-01'),
    ownBreach('2025-03-15', '2025-09-15', { name: 'start == add_months(leaving, months), the last day inside' }),
    ownBreach('2025-08-31', '2026-02-28', { name: 'clamped: 2025-08-31 + 6 months = 2026-02-28', message: /until 2026-02-28$/ }),
    ownBreach('2023-08-31', '2024-02-29', { name: 'clamped into a leap February: 2023-08-31 + 6 = 2024-02-29', message: /until 2024-02-29$/ }),
    { ...ownBreach('2025-01-31', '2025-04-30', { message: /3-month cooling-off until 2025-04-30$/ }), rule: coolRule({ months: 3 }) },
    ownBreach('15/03/2025', '01/06/2025', { name: 'UK dates' }),
  ],
});

const otherLa = (leftLa: string, extra: Partial<ValidCase> = {}): ValidCase => ({
  name: `event at ${leftLa}`,
  row: { start_date: '2025-06-01', left_substantive_date: '2025-03-15', left_substantive_la: leftLa },
  ...extra,
});
testRule('cooling_off: scope', { rule: coolRule(), columns: OWN_COLS }, {
  valid: [
    otherLa('E10000016', { name: 'same_la: another council, even in the region' }),
    otherLa('E09000001', { name: 'same_la with empty region.las: another council is still out of scope', ruleset: regionOf([]) }),
    otherLa('E09000001', { name: 'region: a council outside region.las', rule: coolRule({ scope: 'region' }) }),
  ],
  invalid: [
    { ...otherLa(' e10000011 ', { name: 'same_la: the row own council (trimmed, any case)' }), status: 'breach' },
    { ...otherLa('E10000016', { name: 'region: another member council', rule: coolRule({ scope: 'region' }) }), status: 'breach' },
    { ...otherLa('E09000001', { name: 'region with empty region.las: every council', rule: coolRule({ scope: 'region' }), ruleset: regionOf([]) }), status: 'breach' },
    {
      name: 'region: the row own council is always in scope, even outside region.las',
      rule: coolRule({ scope: 'region' }),
      row: { la_code: 'E09000001', start_date: '2025-06-01', left_substantive_date: '2025-03-15', left_substantive_la: 'E09000001' },
      status: 'breach',
      message: /^left E09000001 on 2025-03-15/,
    },
  ],
});

const SW123_AT_KENT = [{ la_code: 'E10000016', swe_number: 'SW123', leaving_date: '2025-03-15' }];
testRule('cooling_off: leaving events from the leavers register', { rule: coolRule() }, {
  valid: [
    { name: 'a different worker does not match', row: { swe_number: 'SW1234', start_date: '2025-05-01' }, leavers: [{ swe_number: 'SW123' }] },
    { name: 'another council with same_la scope', row: { start_date: '2025-05-01' }, leavers: SW123_AT_KENT },
    { name: 'a leaving date after the start', row: { start_date: '2025-05-01' }, leavers: [{ leaving_date: '2025-05-02' }] },
    {
      name: 'an invalid register row is a warning and is not used',
      row: { start_date: '2025-05-01' },
      leavers: [{ leaving_date: '31/02/2025' }],
      leaverIssues: [['invalid_date', 'leaving_date']],
    },
    { name: 'no events at all: compliant, never unknown', row: {} },
  ],
  invalid: [
    { name: 'matched on the normalised SWE number (sw 0123 = SW123)', row: { start_date: '2025-05-01' }, leavers: [{ swe_number: 'sw 0123' }], status: 'breach' },
    { name: 'matched the other way round (row sw 000123)', row: { swe_number: 'sw 000123', start_date: '2025-05-01' }, leavers: [{}], status: 'breach' },
    {
      name: 'another council with region scope: the register line is named',
      rule: coolRule({ scope: 'region' }),
      row: { start_date: '2025-05-01' },
      leavers: SW123_AT_KENT,
      status: 'breach',
      message: 'left Kent (E10000016) on 2025-03-15, started 2025-05-01: inside the 6-month cooling-off until 2025-09-15',
      details: {
        left_la: 'E10000016', leaving_date: '2025-03-15', cooling_off_until: '2025-09-15', start_date: '2025-05-01',
        months: 6, scope: 'region', source: 'leavers', leavers_file: 'leavers.csv', leavers_line: 2,
      },
    },
    {
      name: 'one event of several in range is enough',
      row: { start_date: '2025-05-01' },
      leavers: [{ leaving_date: '2024-01-01' }, { leaving_date: '2025-06-01' }, { leaving_date: '2025-04-30' }],
      status: 'breach',
      message: /on 2025-04-30/,
    },
    {
      name: 'two leaving events in one window: the one whose cooling-off ends last is named',
      row: { start_date: '2025-05-01' },
      leavers: [{ leaving_date: '2025-04-01' }, { leaving_date: '2025-04-20' }, { leaving_date: '2025-02-10' }],
      status: 'breach',
      message: 'left East Sussex (E10000011) on 2025-04-20, started 2025-05-01: inside the 6-month cooling-off until 2025-10-20',
    },
    {
      name: 'the row own event and a register event: the later-ending one is named (the register)',
      columns: OWN_COLS,
      row: { start_date: '2025-05-01', left_substantive_date: '2025-01-10', left_substantive_la: 'E10000011' },
      leavers: [{ leaving_date: '2025-03-01' }],
      status: 'breach',
      message: /on 2025-03-01.*until 2025-09-01$/,
    },
    {
      name: 'register cells normalised: code in any case, SWE number with a space, UK date',
      row: { start_date: '2025-05-01' },
      leavers: [{ la_code: 'e10000011', swe_number: 'SW 123', leaving_date: '15/03/2025' }],
      status: 'breach',
    },
  ],
});

testRule('cooling_off: the row own event', { rule: coolRule(), columns: OWN_COLS }, {
  valid: [
    { name: 'ignored when both cells are blank', row: { start_date: '2025-04-01' } },
    {
      name: 'a date without a council: missing_left_substantive_la, the event is not used (region, every council in scope)',
      rule: coolRule({ scope: 'region' }),
      ruleset: regionOf([]),
      row: { start_date: '2025-04-01', left_substantive_date: '2025-03-15', left_substantive_la: '' },
      issues: [['missing_left_substantive_la', 'left_substantive_la']],
    },
    {
      name: 'a date with the left_substantive_la column absent',
      rule: coolRule({ scope: 'region' }),
      ruleset: regionOf([]),
      columns: [...BASE_COLS, 'left_substantive_date'],
      row: { start_date: '2025-04-01', left_substantive_date: '2025-03-15' },
      issues: [['missing_left_substantive_la', 'left_substantive_la']],
    },
    {
      name: 'an invalid date without a council: both issues',
      row: { start_date: '2025-04-01', left_substantive_date: '31/02/2025', left_substantive_la: '' },
      issues: [['invalid_date', 'left_substantive_date'], ['missing_left_substantive_la', 'left_substantive_la']],
    },
    { name: 'a council without a date is no issue', row: { start_date: '2025-04-01', left_substantive_la: 'E10000011' } },
    { name: 'the columns absent: still checked (from the register)', columns: BASE_COLS, row: { start_date: '2025-04-01' } },
  ],
});

testRule('cooling_off: needs swe_number and start_date', { rule: coolRule(), columns: OWN_COLS }, {
  notChecked: [
    {
      row: { swe_number: 'SW0', start_date: '2025-04-01', left_substantive_date: '2025-03-15', left_substantive_la: 'E10000011' },
      issues: [['invalid_swe_number', 'swe_number']],
    },
    {
      row: { start_date: '2025-13-01', left_substantive_date: '2025-03-15', left_substantive_la: 'E10000011' },
      issues: [['invalid_date', 'start_date']],
    },
  ],
});

describe('cooling_off in files', () => {
  const LEAVERS_HEAD = 'la_code,swe_number,leaving_date';
  const ruleset = (rule: CoolingOffRule) => makeRuleset({ rules: [rule] });

  it('a breach finding carries the row identity and the rule severity', () => {
    const report = checkCsv(ruleset(coolRule({ severity: 'warning' })), csvTable(OWN_COLS, [
      { la_code: 'e10000011', assignment_id: ' X1 ', swe_number: 'sw 0123', start_date: '01/06/2025', left_substantive_date: '15/03/2025', left_substantive_la: 'E10000011' },
    ]));
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      rule: 'COOL', kind: 'cooling_off', severity: 'warning', status: 'breach', file: 'assignments-1.csv', line: 2,
      la_code: 'E10000011', assignment_id: 'X1', swe_number: 'SW123', exemption: null,
    });
  });

  it('a register event serves every row of that worker, in every file', () => {
    const report = checkCsv(ruleset(coolRule({ scope: 'region' })), [
      csvTable(BASE_COLS, [{ start_date: '2025-05-01' }, { swe_number: 'SW999', start_date: '2025-05-01' }]),
      csvTable(BASE_COLS, [{ la_code: 'E10000016', assignment_id: 'K1', start_date: '2025-07-01' }]),
    ], { leavers: `${LEAVERS_HEAD}\nE10000016,SW123,2025-03-15\n` });
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.status}`)).toEqual([
      'assignments-1.csv:2:breach', 'assignments-2.csv:2:breach',
    ]);
  });

  it('events from several registers', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(BASE_COLS, [{ start_date: '2025-05-01' }]), {
      leavers: [`${LEAVERS_HEAD}\nE10000011,SW123,2024-01-01\n`, `${LEAVERS_HEAD}\nE10000011,SW123,2025-04-30\n`],
    });
    expect(findingStatuses(report)).toEqual(['2:COOL:breach']);
    expect(report.findings[0]!.details).toMatchObject({ leavers_file: expect.stringMatching(/leavers-2.csv$/), leavers_line: 2 });
  });

  it('register headers are matched by normalised name, in any order, with extra columns', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(BASE_COLS, [{ start_date: '2025-05-01' }]), {
      leavers: `Worker Name, LA Code ,SWE-Number,Leaving Date\nJo,e10000011,SW 123,15/03/2025\n`,
    });
    expect(findingStatuses(report)).toEqual(['2:COOL:breach']);
    expect(report.data_issues).toEqual([]);
  });

  it('the row own event serves only that row, not another row of the same worker', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(OWN_COLS, [
      { start_date: '2025-12-01', left_substantive_date: '2025-03-15', left_substantive_la: 'E10000011' },
      { assignment_id: 'A2', start_date: '2025-04-01' },
    ]));
    expect(report.findings).toEqual([]);
  });

  it('left_substantive columns absent: no column_missing_for_rule', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(BASE_COLS, [{ start_date: '2025-04-01' }]));
    expect(report.data_issues).toEqual([]);
    expect(report.summary.unknown).toBe(0);
  });
});

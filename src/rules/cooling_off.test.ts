// cooling_off, written from rules.md ("add_months", "Rule kinds", "Leaving events") and engagements.md §2.
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, findingStatuses, issueSummaries, makeRuleset } from '../../test/helpers.js';
import type { CoolingOffRule, Report, Ruleset } from '../types.js';

const OWN_COLS = [...BASE_COLS, 'left_substantive_date', 'left_substantive_la'];
function coolRule(partial: Partial<CoolingOffRule> = {}): CoolingOffRule {
  return { id: 'COOL', kind: 'cooling_off', severity: 'error', months: 6, scope: 'same_la', ...partial };
}

function ruleset(rule: CoolingOffRule, las?: string[]): Ruleset {
  const partial: Partial<Ruleset> = { rules: [rule] };
  if (las) partial.region = { name: 'Test', las: new Map(las.map((c) => [c, c])) };
  return makeRuleset(partial);
}

/** One row with its own leaving event at E10000011. */
function own(left: string, start: string, rule = coolRule()): Report {
  return checkCsv(ruleset(rule), csvTable(OWN_COLS, [
    { start_date: start, left_substantive_date: left, left_substantive_la: 'E10000011' },
  ]));
}

describe('cooling_off: the period boundaries (row own event)', () => {
  it('start on the leaving date breaches', () => {
    expect(findingStatuses(own('2025-03-15', '2025-03-15'))).toEqual(['2:COOL:breach']);
  });

  it('start the day before the leaving date complies', () => {
    const report = own('2025-03-15', '2025-03-14');
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });

  it('start inside the period breaches', () => {
    expect(findingStatuses(own('2025-03-15', '2025-06-01'))).toEqual(['2:COOL:breach']);
  });

  it('start == add_months(leaving, months) (the last day inside) breaches', () => {
    expect(findingStatuses(own('2025-03-15', '2025-09-15'))).toEqual(['2:COOL:breach']);
  });

  it('the day after add_months(leaving, months) complies', () => {
    expect(own('2025-03-15', '2025-09-16').findings).toEqual([]);
  });

  it('month-end clamping: 2025-08-31 + 6 months = 2026-02-28 (inside)', () => {
    expect(findingStatuses(own('2025-08-31', '2026-02-28'))).toEqual(['2:COOL:breach']);
  });

  it('month-end clamping: 2026-03-01 is after 2025-08-31 + 6 months', () => {
    expect(own('2025-08-31', '2026-03-01').findings).toEqual([]);
  });

  it('month-end clamping into a leap February: 2023-08-31 + 6 = 2024-02-29', () => {
    expect(findingStatuses(own('2023-08-31', '2024-02-29'))).toEqual(['2:COOL:breach']);
    expect(own('2023-08-31', '2024-03-01').findings).toEqual([]);
  });

  it('months: 3 (national rule): start on the day 3 months after leaving is still too soon', () => {
    const rule = coolRule({ months: 3 });
    expect(findingStatuses(own('2025-01-31', '2025-04-30', rule))).toEqual(['2:COOL:breach']);
    expect(own('2025-01-31', '2025-05-01', rule).findings).toEqual([]);
  });

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
});

describe('cooling_off: scope', () => {
  const otherLa = (rule: CoolingOffRule, las: string[] | undefined, leftLa: string) =>
    checkCsv(ruleset(rule, las), csvTable(OWN_COLS, [
      { start_date: '2025-06-01', left_substantive_date: '2025-03-15', left_substantive_la: leftLa },
    ]));

  it('same_la: an event at the row own council breaches (code compared trimmed, ignoring case)', () => {
    expect(findingStatuses(otherLa(coolRule(), undefined, ' e10000011 '))).toEqual(['2:COOL:breach']);
  });

  it('same_la: an event at another council (even in the region) complies', () => {
    expect(otherLa(coolRule(), undefined, 'E10000016').findings).toEqual([]);
  });

  it('region: an event at another member council breaches', () => {
    expect(findingStatuses(otherLa(coolRule({ scope: 'region' }), undefined, 'E10000016'))).toEqual(['2:COOL:breach']);
  });

  it('region: an event at a council outside region.las complies', () => {
    expect(otherLa(coolRule({ scope: 'region' }), undefined, 'E09000001').findings).toEqual([]);
  });

  it('region: the row own council is always in scope, even when not in region.las', () => {
    const report = checkCsv(ruleset(coolRule({ scope: 'region' })), csvTable(OWN_COLS, [
      { la_code: 'E09000001', start_date: '2025-06-01', left_substantive_date: '2025-03-15', left_substantive_la: 'E09000001' },
    ]));
    expect(findingStatuses(report)).toEqual(['2:COOL:breach']);
  });

  it('region with empty region.las: every council is in scope', () => {
    expect(findingStatuses(otherLa(coolRule({ scope: 'region' }), [], 'E09000001'))).toEqual(['2:COOL:breach']);
  });

  it('same_la with empty region.las: another council is still out of scope', () => {
    expect(otherLa(coolRule(), [], 'E09000001').findings).toEqual([]);
  });
});

describe('cooling_off: leaving events from the leavers register', () => {
  const LEAVERS_HEAD = 'la_code,swe_number,leaving_date';

  it('matched on the normalised SWE number (sw 0123 = SW123)', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(BASE_COLS, [{ swe_number: 'SW123', start_date: '2025-05-01' }]), {
      leavers: `${LEAVERS_HEAD}\nE10000011,sw 0123,2025-03-15\n`,
    });
    expect(findingStatuses(report)).toEqual(['2:COOL:breach']);
    expect(report.data_issues).toEqual([]);
  });

  it('matched the other way round (row sw 000123, register SW123)', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(BASE_COLS, [{ swe_number: 'sw 000123', start_date: '2025-05-01' }]), {
      leavers: `${LEAVERS_HEAD}\nE10000011,SW123,2025-03-15\n`,
    });
    expect(findingStatuses(report)).toEqual(['2:COOL:breach']);
  });

  it('a different worker does not match', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(BASE_COLS, [{ swe_number: 'SW1234', start_date: '2025-05-01' }]), {
      leavers: `${LEAVERS_HEAD}\nE10000011,SW123,2025-03-15\n`,
    });
    expect(report.findings).toEqual([]);
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

  it('register event at another council with same_la scope: compliant; with region scope: breach', () => {
    const csv = csvTable(BASE_COLS, [{ start_date: '2025-05-01' }]);
    const leavers = `${LEAVERS_HEAD}\nE10000016,SW123,2025-03-15\n`;
    expect(checkCsv(ruleset(coolRule()), csv, { leavers }).findings).toEqual([]);
    expect(findingStatuses(checkCsv(ruleset(coolRule({ scope: 'region' })), csv, { leavers }))).toEqual(['2:COOL:breach']);
  });

  it('one event of several in range is enough (events from several registers)', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(BASE_COLS, [{ start_date: '2025-05-01' }]), {
      leavers: [
        `${LEAVERS_HEAD}\nE10000011,SW123,2024-01-01\nE10000011,SW123,2025-06-01\n`,
        `${LEAVERS_HEAD}\nE10000011,SW123,2025-04-30\n`,
      ],
    });
    expect(findingStatuses(report)).toEqual(['2:COOL:breach']);
  });

  it('a leaving date after the start complies', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(BASE_COLS, [{ start_date: '2025-05-01' }]), {
      leavers: `${LEAVERS_HEAD}\nE10000011,SW123,2025-05-02\n`,
    });
    expect(report.findings).toEqual([]);
  });

  it('register headers are matched like assignment headers, with UK dates', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(BASE_COLS, [{ start_date: '2025-05-01' }]), {
      leavers: `Worker Name, LA Code ,SWE-Number,Leaving Date\nJo,e10000011,SW 123,15/03/2025\n`,
    });
    expect(findingStatuses(report)).toEqual(['2:COOL:breach']);
    expect(report.data_issues).toEqual([]);
  });

  it('an invalid register row is a warning and is not used', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(BASE_COLS, [{ start_date: '2025-05-01' }]), {
      leavers: `${LEAVERS_HEAD}\nE10000011,SW123,31/02/2025\n`,
    });
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([
      ['invalid_date', 'warning', 'leavers-1.csv', 2, 'leaving_date'],
    ]);
  });
});

describe('cooling_off: the row own event', () => {
  it('serves only that row, not another row of the same worker', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(OWN_COLS, [
      { start_date: '2025-12-01', left_substantive_date: '2025-03-15', left_substantive_la: 'E10000011' },
      { start_date: '2025-04-01' },
    ]));
    expect(report.findings).toEqual([]);
  });

  it('is ignored when blank (both columns blank)', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(OWN_COLS, [{ start_date: '2025-04-01' }]));
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });

  it('a date without a council: missing_left_substantive_la and the event is not used', () => {
    // scope region with no region.las would put any council in scope, so only "not used" explains compliance
    const report = checkCsv(ruleset(coolRule({ scope: 'region' }), []), csvTable(OWN_COLS, [
      { start_date: '2025-04-01', left_substantive_date: '2025-03-15', left_substantive_la: '' },
    ]));
    expect(report.findings).toEqual([]);
    expect(issueSummaries(report)).toEqual([['missing_left_substantive_la', 'error', 2, 'left_substantive_la']]);
  });

  it('a date with the left_substantive_la column absent: missing_left_substantive_la', () => {
    const cols = [...BASE_COLS, 'left_substantive_date'];
    const report = checkCsv(ruleset(coolRule({ scope: 'region' }), []), csvTable(cols, [
      { start_date: '2025-04-01', left_substantive_date: '2025-03-15' },
    ]));
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line])).toEqual([['missing_left_substantive_la', 'error', 2]]);
  });

  it('an invalid date without a council: both invalid_date and missing_left_substantive_la', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(OWN_COLS, [
      { start_date: '2025-04-01', left_substantive_date: '31/02/2025', left_substantive_la: '' },
    ]));
    expect(report.findings).toEqual([]);
    const codes = report.data_issues.map((d) => `${d.code}:${d.severity}:${d.line}`).sort();
    expect(codes).toEqual(['invalid_date:error:2', 'missing_left_substantive_la:error:2']);
  });

  it('a council without a date is no issue', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(OWN_COLS, [{ start_date: '2025-04-01', left_substantive_la: 'E10000011' }]));
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });

  it('left_substantive columns absent: rule still checked (from the register), no column_missing_for_rule', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(BASE_COLS, [{ start_date: '2025-04-01' }]));
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });
});

describe('cooling_off: needs swe_number and start_date; never unknown', () => {
  it('invalid SWE number: not checked', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(OWN_COLS, [
      { swe_number: 'SW0', start_date: '2025-04-01', left_substantive_date: '2025-03-15', left_substantive_la: 'E10000011' },
    ]));
    expect(report.findings).toEqual([]);
    expect(issueSummaries(report)).toEqual([['invalid_swe_number', 'error', 2, 'swe_number']]);
  });

  it('invalid start_date: not checked', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(OWN_COLS, [
      { start_date: '2025-13-01', left_substantive_date: '2025-03-15', left_substantive_la: 'E10000011' },
    ]));
    expect(report.findings).toEqual([]);
    expect(issueSummaries(report)).toEqual([['invalid_date', 'error', 2, 'start_date']]);
  });

  it('no events at all: compliant, not unknown', () => {
    const report = checkCsv(ruleset(coolRule()), csvTable(BASE_COLS, [{}]));
    expect(report.findings).toEqual([]);
    expect(report.summary.unknown).toBe(0);
  });
});

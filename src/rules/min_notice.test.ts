// min_notice, written from rules.md ("Rule kinds") and engagements.md (number format).
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, findingStatuses, issueSummaries, makeRuleset } from '../../test/helpers.js';
import type { MinNoticeRule, Report } from '../types.js';

const COLS = [...BASE_COLS, 'notice_weeks'];

function noticeRule(partial: Partial<MinNoticeRule> = {}): MinNoticeRule {
  return { id: 'NOTICE', kind: 'min_notice', severity: 'error', weeks: 4, ...partial };
}

function runNotice(values: string[], rule = noticeRule()): Report {
  return checkCsv(makeRuleset({ rules: [rule] }), csvTable(COLS, values.map((v) => ({ notice_weeks: v }))));
}

describe('min_notice', () => {
  it('3.5 weeks against 4 breaches', () => {
    const report = runNotice(['3.5']);
    expect(findingStatuses(report)).toEqual(['2:NOTICE:breach']);
    expect(report.findings[0]).toMatchObject({ kind: 'min_notice', severity: 'error', exemption: null, assignment_id: 'A1' });
    expect(report.data_issues).toEqual([]);
  });

  it('0 and 3.99 breach', () => {
    expect(findingStatuses(runNotice(['0', '3.99']))).toEqual(['2:NOTICE:breach', '3:NOTICE:breach']);
  });

  it('4, 4.0, 4.00 and 12 comply', () => {
    const report = runNotice(['4', '4.0', '4.00', '12']);
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });

  it('fractional weeks in the rule: 3.5 against 3.5 complies, 3.4 breaches', () => {
    expect(findingStatuses(runNotice(['3.5', '3.4'], noticeRule({ weeks: 3.5 })))).toEqual(['3:NOTICE:breach']);
  });

  it('numbers take the money/number format: thousands separators are fine', () => {
    const report = runNotice(['1,000', ' 4 ']);
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });

  it('blank notice_weeks: unknown', () => {
    const report = runNotice(['']);
    expect(findingStatuses(report)).toEqual(['2:NOTICE:unknown']);
    expect(report.data_issues).toEqual([]);
  });

  it('invalid notice_weeks (four, -1, 4., .5): invalid_number, no finding', () => {
    const report = runNotice(['four', '-1', '4.', '.5']);
    expect(report.findings).toEqual([]);
    expect(issueSummaries(report)).toEqual([
      ['invalid_number', 'error', 2, 'notice_weeks'],
      ['invalid_number', 'error', 3, 'notice_weeks'],
      ['invalid_number', 'error', 4, 'notice_weeks'],
      ['invalid_number', 'error', 5, 'notice_weeks'],
    ]);
  });

  it('notice_weeks column absent: column_missing_for_rule, not checked', () => {
    const report = checkCsv(makeRuleset({ rules: [noticeRule()] }), csvTable(BASE_COLS, [{}]));
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.rule, d.columns])).toEqual([
      ['column_missing_for_rule', 'warning', null, 'NOTICE', ['notice_weeks']],
    ]);
  });
});

// min_notice, written from rules.md ("Rule kinds") and engagements.md (number format).
import { describe, expect, it } from 'vitest';
import { checkCsv, makeRuleset } from '../../test/helpers.js';
import type { MinNoticeRule, Report } from '../types.js';

const BASE_COLS = ['la_code', 'assignment_id', 'swe_number', 'role', 'start_date', 'hourly_pay_rate'];
const DEFAULTS: Record<string, string> = {
  la_code: 'E10000011', swe_number: 'SW123', role: 'Social Worker', start_date: '2025-06-01', hourly_pay_rate: '30.00',
};

function quote(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function table(cols: string[], rows: Array<Record<string, string>>): string {
  const lines = [cols.join(',')];
  rows.forEach((r, i) => {
    lines.push(cols.map((c) => quote(r[c] ?? (c === 'assignment_id' ? `A${i + 1}` : DEFAULTS[c] ?? ''))).join(','));
  });
  return lines.join('\n') + '\n';
}

function statuses(report: Report): string[] {
  return report.findings.map((f) => `${f.line}:${f.rule}:${f.status}`);
}

function issues(report: Report): Array<[string, string, number | null, string | null]> {
  return report.data_issues.map((d) => [d.code, d.severity, d.line, d.column]);
}

const COLS = [...BASE_COLS, 'notice_weeks'];

function noticeRule(partial: Partial<MinNoticeRule> = {}): MinNoticeRule {
  return { id: 'NOTICE', kind: 'min_notice', severity: 'error', weeks: 4, ...partial };
}

function runNotice(values: string[], rule = noticeRule()): Report {
  return checkCsv(makeRuleset({ rules: [rule] }), table(COLS, values.map((v) => ({ notice_weeks: v }))));
}

describe('min_notice', () => {
  it('3.5 weeks against 4 breaches', () => {
    const report = runNotice(['3.5']);
    expect(statuses(report)).toEqual(['2:NOTICE:breach']);
    expect(report.findings[0]).toMatchObject({ kind: 'min_notice', severity: 'error', exemption: null, assignment_id: 'A1' });
    expect(report.data_issues).toEqual([]);
  });

  it('0 and 3.99 breach', () => {
    expect(statuses(runNotice(['0', '3.99']))).toEqual(['2:NOTICE:breach', '3:NOTICE:breach']);
  });

  it('4, 4.0, 4.00 and 12 comply', () => {
    const report = runNotice(['4', '4.0', '4.00', '12']);
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });

  it('fractional weeks in the rule: 3.5 against 3.5 complies, 3.4 breaches', () => {
    expect(statuses(runNotice(['3.5', '3.4'], noticeRule({ weeks: 3.5 })))).toEqual(['3:NOTICE:breach']);
  });

  it('numbers take the money/number format: thousands separators are fine', () => {
    const report = runNotice(['1,000', ' 4 ']);
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });

  it('blank notice_weeks: unknown', () => {
    const report = runNotice(['']);
    expect(statuses(report)).toEqual(['2:NOTICE:unknown']);
    expect(report.data_issues).toEqual([]);
  });

  it('invalid notice_weeks (four, -1, 4., .5): invalid_number, no finding', () => {
    const report = runNotice(['four', '-1', '4.', '.5']);
    expect(report.findings).toEqual([]);
    expect(issues(report)).toEqual([
      ['invalid_number', 'error', 2, 'notice_weeks'],
      ['invalid_number', 'error', 3, 'notice_weeks'],
      ['invalid_number', 'error', 4, 'notice_weeks'],
      ['invalid_number', 'error', 5, 'notice_weeks'],
    ]);
  });

  it('notice_weeks column absent: column_missing_for_rule, not checked', () => {
    const report = checkCsv(makeRuleset({ rules: [noticeRule()] }), table(BASE_COLS, [{}]));
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.rule, d.columns])).toEqual([
      ['column_missing_for_rule', 'warning', null, 'NOTICE', ['notice_weeks']],
    ]);
  });
});

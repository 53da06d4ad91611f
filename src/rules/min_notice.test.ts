// min_notice, written from rules.md ("Rule kinds") and engagements.md (number format).
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, makeRuleset } from '../../test/helpers.js';
import { testRule } from '../../test/rule-tester.js';
import type { MinNoticeRule } from '../types.js';

const COLS = [...BASE_COLS, 'notice_weeks'];
function noticeRule(partial: Partial<MinNoticeRule> = {}): MinNoticeRule {
  return { id: 'NOTICE', kind: 'min_notice', severity: 'error', weeks: 4, ...partial };
}
const notice = (value: string) => ({ row: { notice_weeks: value } });

testRule('min_notice (4 weeks)', { rule: noticeRule(), columns: COLS }, {
  valid: [
    notice('4'), notice('4.0'), notice('4.00'), notice('12'), notice(' 4 '),
    { name: 'thousands separators are fine', ...notice('1,000') },
    { name: 'fractional weeks in the rule: 3.5 against 3.5', rule: noticeRule({ weeks: 3.5 }), ...notice('3.5') },
  ],
  invalid: [
    { ...notice('3.5'), status: 'breach', message: "3.5 weeks' notice, 4 required", details: { notice_weeks: 3.5, required: 4 } },
    { ...notice('0'), status: 'breach' },
    { name: 'one week is singular', ...notice('1'), status: 'breach', message: "1 week's notice, 4 required" },
    { ...notice('3.99'), status: 'breach' },
    { ...notice('3.999'), status: 'breach', details: { notice_weeks: 3.999, required: 4 } },
    { name: 'fractional weeks in the rule: 3.4 against 3.5', rule: noticeRule({ weeks: 3.5 }), ...notice('3.4'), status: 'breach' },
    { ...notice(''), status: 'unknown', message: 'cannot tell the notice period: notice_weeks is not recorded', details: { missing: ['notice_weeks'] } },
  ],
  notChecked: ['four', '-1', '4.', '.5'].map((v) => ({ ...notice(v), issues: [['invalid_number', 'notice_weeks']] })),
});

describe('min_notice in a file', () => {
  it('a breach finding names the kind, severity and assignment', () => {
    const report = checkCsv(makeRuleset({ rules: [noticeRule()] }), csvTable(COLS, [{ notice_weeks: '3.5' }]));
    expect(report.findings[0]).toMatchObject({ kind: 'min_notice', severity: 'error', status: 'breach', exemption: null, assignment_id: 'A1' });
  });

  it('notice_weeks column absent: column_missing_for_rule, not checked', () => {
    const report = checkCsv(makeRuleset({ rules: [noticeRule()] }), csvTable(BASE_COLS, [{}]));
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.rule, d.columns])).toEqual([
      ['column_missing_for_rule', 'warning', null, 'NOTICE', ['notice_weeks']],
    ]);
  });
});

// min_pqe, written from rules.md ("Rule kinds", "What a rule needs") and engagements.md (integer format).
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, makeRuleset } from '../../test/helpers.js';
import { testRule } from '../../test/rule-tester.js';
import type { MinPqeRule } from '../types.js';

const COLS = [...BASE_COLS, 'pqe_months'];
function pqeRule(partial: Partial<MinPqeRule> = {}): MinPqeRule {
  return { id: 'PQE', kind: 'min_pqe', severity: 'error', months: 36, ...partial };
}
const pqe = (value: string) => ({ row: { pqe_months: value } });

testRule('min_pqe (36 months)', { rule: pqeRule(), columns: COLS }, {
  valid: [
    pqe('36'), pqe('37'), pqe('120'), pqe(' 36 '),
    { name: 'leading zeros are still digits only (036 = 36)', ...pqe('036') },
    { name: 'months 0 is met by 0', rule: pqeRule({ months: 0 }), ...pqe('0') },
  ],
  invalid: [
    { ...pqe('35'), status: 'breach', message: "35 months' post-qualifying experience, 36 required", details: { pqe_months: 35, required: 36 } },
    { name: 'one month is singular', ...pqe('1'), status: 'breach', message: "1 month's post-qualifying experience, 36 required" },
    { ...pqe('0'), status: 'breach', details: { pqe_months: 0, required: 36 } },
    { ...pqe(''), status: 'unknown', message: 'cannot tell the post-qualifying experience: pqe_months is not recorded', details: { missing: ['pqe_months'] } },
    { ...pqe('   '), status: 'unknown' },
    {
      name: 'does not need role, start_date or the pay rate',
      row: { role: 'Wizard', start_date: 'soon', pqe_months: '12' },
      issues: [['unknown_role', 'role'], ['invalid_date', 'start_date']],
      status: 'breach',
    },
  ],
  notChecked: [
    { ...pqe('36.0'), issues: [['invalid_integer', 'pqe_months']] },
    { ...pqe('-3'), issues: [['invalid_integer', 'pqe_months']] },
    { ...pqe('3 years'), issues: [['invalid_integer', 'pqe_months']] },
    { ...pqe('£36'), issues: [['invalid_integer', 'pqe_months']] },
    { ...pqe('1,000'), issues: [['invalid_integer', 'pqe_months']] },
  ],
});

describe('min_pqe in a file', () => {
  it('a breach finding carries the row identity; a warning rule gives a warning finding', () => {
    const report = checkCsv(makeRuleset({ rules: [pqeRule({ severity: 'warning' })] }), csvTable(COLS, [{ pqe_months: '1' }]));
    expect(report.findings[0]).toMatchObject({
      kind: 'min_pqe', severity: 'warning', status: 'breach', file: 'assignments-1.csv', line: 2, la_code: 'E10000011',
      assignment_id: 'A1', swe_number: 'SW123', exemption: null,
    });
    expect(report.summary).toMatchObject({ breaches: 1, unknown: 0 });
  });

  it('pqe_months column absent: column_missing_for_rule, not checked', () => {
    const report = checkCsv(makeRuleset({ rules: [pqeRule()] }), csvTable(BASE_COLS, [{}]));
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toHaveLength(1);
    expect(report.data_issues[0]).toMatchObject({
      severity: 'warning', code: 'column_missing_for_rule', file: 'assignments-1.csv', line: null, rule: 'PQE', columns: ['pqe_months'],
    });
  });
});

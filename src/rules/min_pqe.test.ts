// min_pqe, written from rules.md ("Rule kinds", "What a rule needs") and engagements.md (integer format).
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, findingStatuses, issueSummaries, makeRuleset } from '../../test/helpers.js';
import type { MinPqeRule, Report } from '../types.js';

const COLS = [...BASE_COLS, 'pqe_months'];

function pqeRule(partial: Partial<MinPqeRule> = {}): MinPqeRule {
  return { id: 'PQE', kind: 'min_pqe', severity: 'error', months: 36, ...partial };
}

function runPqe(values: string[], rule = pqeRule()): Report {
  return checkCsv(makeRuleset({ rules: [rule] }), csvTable(COLS, values.map((v) => ({ pqe_months: v }))));
}

describe('min_pqe', () => {
  it('35 months against 36 breaches', () => {
    const report = runPqe(['35']);
    expect(findingStatuses(report)).toEqual(['2:PQE:breach']);
    expect(report.findings[0]).toMatchObject({
      kind: 'min_pqe', severity: 'error', file: 'assignments-1.csv', la_code: 'E10000011', assignment_id: 'A1',
      swe_number: 'SW123', exemption: null,
    });
    expect(report.data_issues).toEqual([]);
  });

  it('36 months against 36 complies; so do more', () => {
    const report = runPqe(['36', '37', '120', ' 36 ']);
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });

  it('0 breaches; leading zeros are still digits only (036 = 36)', () => {
    expect(findingStatuses(runPqe(['0', '036']))).toEqual(['2:PQE:breach']);
  });

  it('months: 0 is met by 0', () => {
    expect(runPqe(['0'], pqeRule({ months: 0 })).findings).toEqual([]);
  });

  it('a warning-severity rule gives a warning-severity finding', () => {
    const report = runPqe(['1'], pqeRule({ severity: 'warning' }));
    expect(report.findings.map((f) => [f.status, f.severity])).toEqual([['breach', 'warning']]);
    expect(report.summary.breaches).toBe(1);
  });

  it('blank pqe_months: unknown', () => {
    const report = runPqe(['', '   ']);
    expect(findingStatuses(report)).toEqual(['2:PQE:unknown', '3:PQE:unknown']);
    expect(report.data_issues).toEqual([]);
    expect(report.summary.unknown).toBe(2);
  });

  it('36.0 is invalid_integer, and no finding', () => {
    const report = runPqe(['36.0']);
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column, d.value])).toEqual([
      ['invalid_integer', 'error', 2, 'pqe_months', '36.0'],
    ]);
  });

  it('-3 and 3 years are invalid_integer, and no finding', () => {
    const report = runPqe(['-3', '3 years']);
    expect(report.findings).toEqual([]);
    expect(issueSummaries(report)).toEqual([
      ['invalid_integer', 'error', 2, 'pqe_months'],
      ['invalid_integer', 'error', 3, 'pqe_months'],
    ]);
  });

  it('£36 and 1,000 are not digits only: invalid_integer', () => {
    const report = runPqe(['£36', '1,000']);
    expect(report.findings).toEqual([]);
    expect(issueSummaries(report)).toEqual([
      ['invalid_integer', 'error', 2, 'pqe_months'],
      ['invalid_integer', 'error', 3, 'pqe_months'],
    ]);
  });

  it('pqe_months column absent: column_missing_for_rule, not checked', () => {
    const report = checkCsv(makeRuleset({ rules: [pqeRule()] }), csvTable(BASE_COLS, [{}]));
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toHaveLength(1);
    expect(report.data_issues[0]).toMatchObject({
      severity: 'warning', code: 'column_missing_for_rule', file: 'assignments-1.csv', line: null, rule: 'PQE', columns: ['pqe_months'],
    });
  });

  it('does not need role, start_date or the pay rate: checked on a row with an unknown role and invalid start', () => {
    const report = checkCsv(makeRuleset({ rules: [pqeRule()] }), csvTable(COLS, [{ role: 'Wizard', start_date: 'soon', pqe_months: '12' }]));
    expect(findingStatuses(report)).toEqual(['2:PQE:breach']);
    expect(report.data_issues.map((d) => d.code).sort()).toEqual(['invalid_date', 'unknown_role']);
  });
});

// project_team, written from rules.md ("Rule kinds") and engagements.md (boolean format).
import { describe, expect, it } from 'vitest';
import { checkCsv, makeRuleset } from '../../test/helpers.js';
import type { ProjectTeamRule, Report } from '../types.js';

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

const COLS = [...BASE_COLS, 'project_team'];

function ptRule(partial: Partial<ProjectTeamRule> = {}): ProjectTeamRule {
  return { id: 'PROJECT', kind: 'project_team', severity: 'error', ...partial };
}

function runPt(values: string[], rule = ptRule()): Report {
  return checkCsv(makeRuleset({ rules: [rule] }), table(COLS, values.map((v) => ({ project_team: v }))));
}

describe('project_team', () => {
  it('yes, Y, 1, TRUE, Yes breach', () => {
    const report = runPt(['yes', 'Y', '1', 'TRUE', 'Yes']);
    expect(statuses(report)).toEqual([
      '2:PROJECT:breach', '3:PROJECT:breach', '4:PROJECT:breach', '5:PROJECT:breach', '6:PROJECT:breach',
    ]);
    expect(report.findings[0]).toMatchObject({ kind: 'project_team', severity: 'error', exemption: null });
    expect(report.data_issues).toEqual([]);
  });

  it('no, N, 0, false comply', () => {
    const report = runPt(['no', 'N', '0', 'false', ' No ']);
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });

  it('blank: unknown', () => {
    const report = runPt(['']);
    expect(statuses(report)).toEqual(['2:PROJECT:unknown']);
    expect(report.data_issues).toEqual([]);
  });

  it('maybe: invalid_boolean, no finding', () => {
    const report = runPt(['maybe']);
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column, d.value])).toEqual([
      ['invalid_boolean', 'error', 2, 'project_team', 'maybe'],
    ]);
  });

  it('2 and yess are invalid_boolean', () => {
    const report = runPt(['2', 'yess']);
    expect(report.findings).toEqual([]);
    expect(issues(report)).toEqual([
      ['invalid_boolean', 'error', 2, 'project_team'],
      ['invalid_boolean', 'error', 3, 'project_team'],
    ]);
  });

  it('warning severity', () => {
    expect(runPt(['y'], ptRule({ severity: 'warning' })).findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('project_team column absent: column_missing_for_rule, not checked', () => {
    const report = checkCsv(makeRuleset({ rules: [ptRule()] }), table(BASE_COLS, [{}]));
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.rule, d.columns])).toEqual([
      ['column_missing_for_rule', 'warning', null, 'PROJECT', ['project_team']],
    ]);
  });
});

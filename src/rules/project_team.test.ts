// project_team, written from rules.md ("Rule kinds") and engagements.md (boolean format).
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, findingStatuses, issueSummaries, makeRuleset } from '../../test/helpers.js';
import type { ProjectTeamRule, Report } from '../types.js';

const COLS = [...BASE_COLS, 'project_team'];

function ptRule(partial: Partial<ProjectTeamRule> = {}): ProjectTeamRule {
  return { id: 'PROJECT', kind: 'project_team', severity: 'error', ...partial };
}

function runPt(values: string[], rule = ptRule()): Report {
  return checkCsv(makeRuleset({ rules: [rule] }), csvTable(COLS, values.map((v) => ({ project_team: v }))));
}

describe('project_team', () => {
  it('yes, Y, 1, TRUE, Yes breach', () => {
    const report = runPt(['yes', 'Y', '1', 'TRUE', 'Yes']);
    expect(findingStatuses(report)).toEqual([
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
    expect(findingStatuses(report)).toEqual(['2:PROJECT:unknown']);
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
    expect(issueSummaries(report)).toEqual([
      ['invalid_boolean', 'error', 2, 'project_team'],
      ['invalid_boolean', 'error', 3, 'project_team'],
    ]);
  });

  it('warning severity', () => {
    expect(runPt(['y'], ptRule({ severity: 'warning' })).findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('project_team column absent: column_missing_for_rule, not checked', () => {
    const report = checkCsv(makeRuleset({ rules: [ptRule()] }), csvTable(BASE_COLS, [{}]));
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.rule, d.columns])).toEqual([
      ['column_missing_for_rule', 'warning', null, 'PROJECT', ['project_team']],
    ]);
  });
});

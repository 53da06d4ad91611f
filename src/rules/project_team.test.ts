// project_team, written from rules.md ("Rule kinds") and engagements.md (boolean format).
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, makeRuleset } from '../../test/helpers.js';
import { testRule } from '../../test/rule-tester.js';
import type { ProjectTeamRule } from '../types.js';

const COLS = [...BASE_COLS, 'project_team'];
function ptRule(partial: Partial<ProjectTeamRule> = {}): ProjectTeamRule {
  return { id: 'PROJECT', kind: 'project_team', severity: 'error', ...partial };
}
const team = (value: string) => ({ row: { project_team: value } });

testRule('project_team', { rule: ptRule(), columns: COLS }, {
  valid: ['no', 'N', '0', 'false', ' No ', 'FALSE', 'n'].map(team),
  invalid: [
    ...['yes', 'Y', '1', 'TRUE', 'Yes', 'true'].map((v) => ({
      ...team(v), status: 'breach' as const, message: 'supplied as part of a project team or packaged model', details: { project_team: true },
    })),
    { ...team(''), status: 'unknown', message: 'cannot tell whether this is a project team: project_team is not recorded', details: { missing: ['project_team'] } },
  ],
  notChecked: ['maybe', '2', 'yess'].map((v) => ({ ...team(v), issues: [['invalid_boolean', 'project_team']] })),
});

describe('project_team in a file', () => {
  it('a warning rule gives a warning finding', () => {
    const report = checkCsv(makeRuleset({ rules: [ptRule({ severity: 'warning' })] }), csvTable(COLS, [{ project_team: 'y' }]));
    expect(report.findings.map((f) => [f.kind, f.status, f.severity, f.exemption])).toEqual([['project_team', 'breach', 'warning', null]]);
  });

  it('project_team column absent: column_missing_for_rule, not checked', () => {
    const report = checkCsv(makeRuleset({ rules: [ptRule()] }), csvTable(BASE_COLS, [{}]));
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.rule, d.columns])).toEqual([
      ['column_missing_for_rule', 'warning', null, 'PROJECT', ['project_team']],
    ]);
  });
});

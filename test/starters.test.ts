// The permanent starters register in a check run (engagements.md §3; rules.md
// head_hunting, Period, Exemptions; report.md tallies; readings 10, 12–18): read and
// validated as data being checked, counted like assignment rows, checked by the
// head_hunting rules only, findings with assignment_id null.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { starterFindingId } from '../src/check/fingerprint.js';
import { pseudonymFor, redactReport } from '../src/redact.js';
import type { Exemption, HeadHuntingRule, Report, Rule, Ruleset } from '../src/types.js';
import { makeWorkbook } from './workbook.js';
import { BASE_COLS, checkCsv, csvTable, exemption, findingStatuses, issueSummaries, makeRuleset, runCli, tempDir, writeInput } from './helpers.js';

const HUNT: HeadHuntingRule = { id: 'HUNT', kind: 'head_hunting', severity: 'warning', scope: 'region' };
const PROJECT_TEAM = { id: 'PT', kind: 'project_team', severity: 'error' } as Rule;
const ROLES: Ruleset['roles'] = [
  { key: 'social_worker', label: 'Social Worker', aliases: ['SW'], grade: 1 },
  { key: 'senior_social_worker', label: 'Senior Social Worker', aliases: ['SSW'], grade: 2 },
  { key: 'team_manager', label: 'Team Manager', aliases: ['TM'], grade: 4 },
];
// East Sussex E10000011 and Kent E10000016 are the region
function ruleset(partial: Partial<Ruleset> = {}): Ruleset {
  const exemptions: Exemption[] = partial.exemptions ?? [];
  return makeRuleset({ roles: ROLES, rules: [PROJECT_TEAM], starterRules: [HUNT], definedRuleIds: new Set(['PT', 'HUNT']), ...partial, exemptions });
}

const STARTER_COLS = ['la_code', 'swe_number', 'start_date', 'role', 'previous_la', 'previous_role', 'promotion', 'exemption_ref'];
const STARTER_DEFAULTS = { la_code: 'E10000011', swe_number: 'SW500', start_date: '2025-11-03', role: 'Social Worker', previous_la: 'E10000016' };
const starters = (rows: Array<Record<string, string>>, cols = STARTER_COLS) => csvTable(cols, rows, STARTER_DEFAULTS);
/** An assignments file of one compliant row. */
const ONE_ASSIGNMENT = csvTable([...BASE_COLS, 'project_team'], [{ project_team: 'no' }]);

describe('starters rows in the report', () => {
  it('are counted in rows and checked, listed in inputs[] as kind starters after the assignments', () => {
    const report = checkCsv(ruleset(), ONE_ASSIGNMENT, {
      starters: starters([{ promotion: 'no' }, { swe_number: 'SW501', previous_la: '' }, { swe_number: '', promotion: 'no' }]),
      leavers: 'la_code,swe_number,leaving_date\nE10000016,SW9,2025-01-01\n',
    });
    expect(report.inputs.map((i) => [i.file, i.kind, i.rows, i.checked])).toEqual([
      ['assignments-1.csv', 'assignments', 1, 1],
      ['starters-1.csv', 'starters', 3, 2], // a blank swe_number: not checked (reading 13)
      ['leavers-1.csv', 'leavers', 1, undefined],
    ]);
    expect(report.summary).toMatchObject({ rows: 4, checked: 3, breaches: 1, exempted: 0, unknown: 0, data_errors: 1 });
    expect(issueSummaries(report)).toEqual([['missing_value', 'error', 4, 'swe_number']]);
  });

  it('a head_hunting finding names the starters row: file, line, council, SWE number, assignment_id null, id from swe@start', () => {
    const report = checkCsv(ruleset(), ONE_ASSIGNMENT, { starters: starters([{ previous_la: '' }, { la_code: '845', swe_number: 'sw 0502', promotion: 'no' }]) });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      rule: 'HUNT', kind: 'head_hunting', severity: 'warning', status: 'breach', file: 'starters-1.csv', line: 3,
      la_code: 'E10000011', assignment_id: null, swe_number: 'SW502', exemption: null,
      message: 'joined East Sussex (E10000011) on 2025-11-03 from Kent (E10000016) as Social Worker: not a promotion',
      id: starterFindingId('test-region', 'HUNT', 'E10000011', 'SW502', '2025-11-03'),
    });
    expect(report.findings[0]!.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('findings come after the assignment files', () => {
    const report = checkCsv(ruleset(), csvTable([...BASE_COLS, 'project_team'], [{ project_team: 'yes' }]), { starters: starters([{ promotion: 'no' }]) });
    expect(report.findings.map((f) => [f.file, f.rule])).toEqual([['assignments-1.csv', 'PT'], ['starters-1.csv', 'HUNT']]);
  });

  it('--redact builds the id from the pseudonym, not the SWE number', () => {
    const report = checkCsv(ruleset(), ONE_ASSIGNMENT, { starters: starters([{ promotion: 'no' }, { swe_number: 'SW501', promotion: '' }]) });
    const redacted = redactReport(report, 'k'.repeat(32));
    for (const f of redacted.findings) {
      const pseudonym = pseudonymFor(report.findings.find((g) => g.line === f.line)!.swe_number, 'k'.repeat(32));
      expect(f.swe_number).toBe(pseudonym);
      expect(f.id).toBe(starterFindingId('test-region', 'HUNT', 'E10000011', pseudonym, '2025-11-03'));
    }
    expect(redacted.findings.map((f) => f.status)).toEqual(['breach', 'unknown']);
  });
});

describe('the register is validated as engagements.md §3 says', () => {
  it('a register missing a required column is missing_column for that file alone', () => {
    const report = checkCsv(ruleset(), ONE_ASSIGNMENT, {
      starters: [starters([{ promotion: 'no' }], ['la_code', 'swe_number', 'previous_la', 'promotion']), starters([{ promotion: 'no' }])],
    });
    const missing = report.data_issues.filter((d) => d.code === 'missing_column');
    expect(missing.map((d) => [d.file, d.columns, d.severity])).toEqual([['starters-1.csv', ['start_date', 'role'], 'error']]);
    expect(missing[0]!.message).toContain('the starters register lacks');
    expect(report.inputs.map((i) => [i.kind, i.rows, i.checked])).toEqual([['assignments', 1, 1], ['starters', 0, 0], ['starters', 1, 1]]);
    expect(findingStatuses(report)).toEqual(['2:HUNT:breach']);
  });

  it('row-level issues are errors, unknown_role also for previous_role (the rule still runs, it counts as blank)', () => {
    const report = checkCsv(ruleset(), ONE_ASSIGNMENT, {
      starters: starters([{ previous_role: 'Wizard' }, { swe_number: 'SW501', start_date: '31/02/2025' }, { swe_number: 'SW502', promotion: 'perhaps', previous_role: 'TM' }]),
    });
    expect(issueSummaries(report)).toEqual([
      ['unknown_role', 'error', 2, 'previous_role'],
      ['invalid_date', 'error', 3, 'start_date'],
      ['invalid_boolean', 'error', 4, 'promotion'],
    ]);
    expect(findingStatuses(report)).toEqual(['2:HUNT:unknown', '4:HUNT:breach']);
    expect(report.summary.checked).toBe(4); // the invalid start is checked (reading 13), the rule is not run on it
  });

  it('duplicates by resolved council, normalised SWE number and the date as a date, across files, starters rows only (reading 13)', () => {
    const report = checkCsv(ruleset(), csvTable([...BASE_COLS, 'project_team'], [{ swe_number: 'SW500', start_date: '2025-11-03', project_team: 'no' }]), {
      starters: [
        starters([{ promotion: 'no' }, { la_code: 'East Sussex County Council', swe_number: 'sw 00500', start_date: '03/11/2025' }, { swe_number: 'bad', start_date: 'soon' }, { swe_number: ' bad ', start_date: 'soon' }]),
        starters([{ la_code: '845', start_date: '3/11/2025' }, { la_code: 'E10000016' }]),
      ],
    });
    expect(report.data_issues.map((d) => [d.file, d.line, d.code, d.column])).toEqual([
      ['starters-1.csv', 3, 'duplicate_assignment', null],
      ['starters-1.csv', 4, 'invalid_swe_number', 'swe_number'],
      ['starters-1.csv', 4, 'invalid_date', 'start_date'],
      ['starters-1.csv', 5, 'invalid_swe_number', 'swe_number'],
      ['starters-1.csv', 5, 'invalid_date', 'start_date'],
      ['starters-1.csv', 5, 'duplicate_assignment', null],
      ['starters-2.csv', 2, 'duplicate_assignment', null],
    ]);
    expect(report.data_issues[0]!.message).toBe('the same council (E10000011), SWE number and start date as the starter at line 2; this row is not checked');
    expect(report.data_issues.at(-1)!.message).toMatch(/^the same council \(E10000011\), SWE number and start date as the starter at line 2 of \S*starters-1\.csv; this row is not checked$/);
    expect(report.inputs.map((i) => i.checked)).toEqual([1, 2, 1]);
  });

  it('a missing previous_la column is column_missing_for_rule for head_hunting on that file, also with no rows (reading 15)', () => {
    const report = checkCsv(ruleset(), ONE_ASSIGNMENT, { starters: ['la_code,swe_number,start_date,role,promotion\nE10000011,SW1,2025-11-03,SW,no\n', 'la_code,swe_number,start_date,role\n'] });
    expect(report.data_issues.map((d) => [d.file, d.code, d.rule, d.columns])).toEqual([
      ['starters-1.csv', 'column_missing_for_rule', 'HUNT', ['previous_la']],
      ['starters-2.csv', 'column_missing_for_rule', 'HUNT', ['previous_la']],
    ]);
    expect(report.findings).toEqual([]);
    expect(report.summary.checked).toBe(2);
  });

  it('kinds stay apart: no column_missing_for_rule for the other kind, assignment columns in a register ignored (reading 14)', () => {
    const report = checkCsv(ruleset(), csvTable(BASE_COLS, [{}]), { starters: starters([{ promotion: 'no' }], [...STARTER_COLS, 'project_team']) });
    expect(report.data_issues.map((d) => [d.file, d.code, d.rule])).toEqual([['assignments-1.csv', 'column_missing_for_rule', 'PT']]);
    expect(findingStatuses(report)).toEqual(['2:HUNT:breach']);
  });

  it('council cells resolve; council_not_in_region for la_code only, once per file and code (reading 10)', () => {
    const report = checkCsv(ruleset(), ONE_ASSIGNMENT, {
      starters: starters([
        { la_code: 'Surrey County Council', previous_la: 'Kent County Council', promotion: 'no' },
        { la_code: 'E10000030', swe_number: 'SW501', previous_la: 'Surrey' },
        { la_code: 'Kent', swe_number: 'SW502', previous_la: '886', promotion: 'no' }, // the same council after resolution (reading 17)
        { swe_number: 'SW503', previous_la: 'E10000030', promotion: 'no' }, // Surrey is outside the region
      ]),
    });
    expect(issueSummaries(report)).toEqual([['council_not_in_region', 'warning', 2, 'la_code']]);
    expect(report.findings.map((f) => [f.line, f.la_code, f.status])).toEqual([[2, 'E10000030', 'breach']]);
    expect(report.findings[0]!.message).toMatch(/^joined Surrey \(E10000030\) on 2025-11-03 from Kent \(E10000016\)/);
  });

  it('a totals row is a summary_row warning, not a row', () => {
    const report = checkCsv(ruleset(), ONE_ASSIGNMENT, { starters: starters([{ promotion: 'no' }]) + 'Grand Total,,,,,,,\n' });
    expect(issueSummaries(report)).toEqual([['summary_row', 'warning', 3, null]]);
    expect(report.inputs[1]).toMatchObject({ rows: 1, checked: 1 });
  });

  it('a ragged row is ragged_row (an error) and is not checked', () => {
    const report = checkCsv(ruleset(), ONE_ASSIGNMENT, { starters: starters([{ promotion: 'no' }]) + 'E10000011,SW9,2025-11-03,SW,E10000016,,no,,extra\n' });
    expect(issueSummaries(report)).toEqual([['ragged_row', 'error', 3, null]]);
    expect(report.inputs[1]).toMatchObject({ rows: 2, checked: 1 });
  });
});

describe('--period and starters (reading 12)', () => {
  const november = { from: '2025-11-01', to: '2025-11-30' };
  it('a valid start_date outside the period removes the row; an invalid one stays in with invalid_date', () => {
    const report = checkCsv(ruleset(), ONE_ASSIGNMENT, {
      period: november,
      starters: starters([
        { start_date: '2025-10-31', promotion: 'no' },
        { swe_number: 'SW501', start_date: '2025-11-01', promotion: 'no' },
        { swe_number: 'SW502', start_date: '2025-11-30', promotion: 'no' },
        { swe_number: 'SW503', start_date: '01/12/2025', promotion: 'no', role: 'Wizard' },
        { swe_number: 'SW504', start_date: '2025-11-31', promotion: 'no' },
      ]),
    });
    expect(report.inputs[1]).toMatchObject({ kind: 'starters', rows: 5, checked: 3, out_of_period: 2 });
    expect(report.summary).toMatchObject({ rows: 6, checked: 4, out_of_period: 2 });
    expect(issueSummaries(report)).toEqual([['invalid_date', 'error', 6, 'start_date']]);
    expect(findingStatuses(report)).toEqual(['3:HUNT:breach', '4:HUNT:breach']);
  });
});

describe('exemptions on starters rows (reading 18)', () => {
  it('count in applied, cited and cited_not_covering; unknown_exemption on the row', () => {
    const ex = (id: string, partial: Partial<Exemption> = {}) => exemption({ id, rules: ['HUNT'], from: '2025-04-01', to: '2025-10-31', ...partial });
    const rs = ruleset({ exemptions: [ex('EX-A'), ex('EX-B', { las: ['E10000016'] })] });
    const report = checkCsv(rs, ONE_ASSIGNMENT, {
      asOf: '2025-11-30',
      starters: starters([
        { start_date: '2025-10-31', promotion: 'no', exemption_ref: 'ex-a' }, // on its last day; never lapses
        { swe_number: 'SW501', promotion: 'no', exemption_ref: 'EX-A; EX-B; EX-Z' }, // starts after both windows
      ]),
    });
    expect(findingStatuses(report)).toEqual(['2:HUNT:exempted', '3:HUNT:breach']);
    expect(report.findings[1]!.details).toMatchObject({ exemption_not_applied: [{ id: 'EX-A', reason: 'window' }, { id: 'EX-B', reason: 'la' }] });
    expect(report.exemptions.map((e) => [e.id, e.applied, e.cited, e.cited_not_covering])).toEqual([['EX-A', 1, 2, 1], ['EX-B', 0, 1, 1]]);
    expect(issueSummaries(report)).toEqual([['unknown_exemption', 'warning', 3, 'exemption_ref']]);
  });
});

describe('moc-check check --starters', () => {
  const RULES = `format: moc-rules/v1
id: hunt
name: Hunt
version: "1"
region:
  las: {E10000011: East Sussex, E10000016: Kent}
roles:
  social_worker: {label: Social Worker, grade: 1}
columns:
  previous_la: [Came From]
rules:
  - {id: HUNT, kind: head_hunting, severity: warning, scope: region}
`;
  const ASSIGNMENTS = `${BASE_COLS.join(',')}\nE10000011,A1,SW1,Social Worker,2025-11-01,30\n`;
  const STARTERS = 'la_code,swe_number,start_date,role,came from,promotion\nE10000011,SW2,2025-11-03,Social Worker,Kent,no\n';

  it('reads a register (the ruleset\'s aliases apply, reading 40); a warning breach fails only with --fail-on warning', () => {
    const dir = tempDir();
    const rules = writeInput(dir, 'rules.yaml', RULES);
    const args = ['check', '--rules', rules, '--starters', writeInput(dir, 'starters.csv', STARTERS), '--as-of', '2025-11-30', '--format', 'json', writeInput(dir, 'a.csv', ASSIGNMENTS)];
    const run = runCli(args);
    expect(run.stderr).toContain('1 breach');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { kind: string; assignment_id: unknown }) => [f.kind, f.assignment_id])).toEqual([['head_hunting', null]]);
    expect(runCli([...args, '--fail-on', 'warning']).code).toBe(1);
  });

  it('reads a register from standard input, and refuses - twice', () => {
    const dir = tempDir();
    const rules = writeInput(dir, 'rules.yaml', RULES);
    const run = runCli(['check', '--rules', rules, '--starters', '-', '--format', 'json', '--as-of', '2025-11-30', writeInput(dir, 'a.csv', ASSIGNMENTS)], { input: STARTERS });
    expect(JSON.parse(run.stdout).inputs.map((i: { file: string; kind: string }) => [i.file, i.kind])).toEqual([[expect.stringMatching(/a\.csv$/), 'assignments'], ['-', 'starters']]);
    const twice = runCli(['check', '--rules', rules, '--starters', '-', '-'], { input: STARTERS });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('standard input (-) can be read only once');
  });

  it('reads a register through a profile (header names, a fixed council, value mappings)', () => {
    const dir = tempDir();
    const rules = writeInput(dir, 'rules.yaml', RULES);
    const profile = writeInput(dir, 'es.yaml', 'format: moc-profile/v1\nfiles: es-starters.csv\ncolumns:\n  swe_number: SWE\n  start_date: Started\n  previous_la: From\nfixed:\n  la_code: E10000011\nvalues:\n  promotion:\n    Sideways: no\n');
    const file = writeInput(dir, 'es-starters.csv', 'SWE,Started,Role,From,Promotion\nSW2,2025-11-03,Social Worker,Kent,Sideways\n');
    const run = runCli(['check', '--rules', rules, '--profile', profile, '--starters', file, '--format', 'json', '--as-of', '2025-11-30', writeInput(dir, 'a.csv', ASSIGNMENTS)]);
    const report = JSON.parse(run.stdout);
    expect(report.inputs[1]).toMatchObject({ kind: 'starters', profile, rows: 1, checked: 1 });
    expect(report.findings.map((f: { la_code: string; status: string; details: { promotion: unknown } }) => [f.la_code, f.status, f.details.promotion])).toEqual([['E10000011', 'breach', false]]);
  });

  it('reads an .xlsx register', () => {
    const dir = tempDir();
    const rules = writeInput(dir, 'rules.yaml', RULES);
    const book = makeWorkbook({ sheets: [{ name: 'Starters', rows: [['la_code', 'swe_number', 'start_date', 'role', 'previous_la', 'promotion'], ['E10000011', 'SW2', '2025-11-03', 'Social Worker', 'Kent', false]] }] });
    const run = runCli(['check', '--rules', rules, '--starters', writeInput(dir, 'starters.xlsx', book), '--format', 'json', '--as-of', '2025-11-30', writeInput(dir, 'a.csv', ASSIGNMENTS)]);
    const report = JSON.parse(run.stdout);
    expect(report.inputs[1]).toMatchObject({ kind: 'starters', sheet: 'Starters', rows: 1, checked: 1 });
    expect(report.findings.map((f: { line: number; status: string }) => [f.line, f.status])).toEqual([[2, 'breach']]);
  });
});

describe('a report with head_hunting findings reads back (report schema: assignment_id null, kind head_hunting)', () => {
  const RULES = 'format: moc-rules/v1\nid: hunt\nname: Hunt\nversion: "1"\nregion:\n  las: {E10000011: East Sussex, E10000016: Kent}\nroles:\n  social_worker: {label: Social Worker}\nrules:\n  - {id: HUNT, kind: head_hunting, scope: region}\n';
  const ASSIGNMENTS = `${BASE_COLS.join(',')}\nE10000011,A1,SW1,Social Worker,2025-11-01,30\n`;
  const HEADER = 'la_code,swe_number,start_date,role,previous_la,promotion\n';

  it('through diff and --baseline', () => {
    const dir = tempDir();
    const rules = writeInput(dir, 'rules.yaml', RULES);
    const a = writeInput(dir, 'a.csv', ASSIGNMENTS);
    const check = (name: string, rows: string, extra: string[] = []) => {
      const run = runCli(['check', '--rules', rules, '--starters', writeInput(dir, `${name}.csv`, HEADER + rows), '--as-of', '2025-11-30', '--format', 'json', '--output', `${dir}/${name}.json`, ...extra, a]);
      expect(run.code, run.stderr).toBe(1);
      return JSON.parse(readFileSync(`${dir}/${name}.json`, 'utf8')) as Report;
    };
    const october = check('october', 'E10000011,SW2,2025-10-01,Social Worker,Kent,no\nE10000011,SW3,2025-10-02,Social Worker,Kent,no\n');
    const november = check('november', 'E10000011,SW2,2025-10-01,Social Worker,Kent,no\nE10000011,SW4,2025-11-02,Social Worker,Kent,no\n', ['--baseline', `${dir}/october.json`]);
    expect(november.findings.map((f) => [f.swe_number, f.assignment_id, f.baseline])).toEqual([['SW2', null, 'known'], ['SW4', null, 'new']]);
    expect(november.findings[0]!.id).toBe(october.findings[0]!.id);

    const diff = runCli(['diff', `${dir}/october.json`, `${dir}/november.json`, '--format', 'json']);
    expect(diff.code, diff.stderr).toBe(1); // a new breach
    const parsed = JSON.parse(diff.stdout);
    const ids = (list: Array<{ id: string; assignment_id: unknown }>) => list.map((b) => [b.id, b.assignment_id]);
    expect(ids(parsed.new_breaches)).toEqual([[november.findings[1]!.id, null]]);
    expect(ids(parsed.resolved_breaches)).toEqual([[october.findings[1]!.id, null]]);
    expect(ids(parsed.persisting_breaches)).toEqual([[october.findings[0]!.id, null]]);
  });
});

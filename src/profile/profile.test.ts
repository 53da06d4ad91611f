import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../check/index.js';
import { loadRuleset } from '../ruleset/load.js';
import { REPO_ROOT, runCli, tempDir, writeInput } from '../../test/helpers.js';
import { yearsToMonths } from './apply.js';
import { ProfileSelector } from './selector.js';
import { loadProfiles, type LoadedProfile } from './load.js';

function profileFile(...lines: string[]): string {
  return writeInput(tempDir(), 'p.yaml', lines.join('\n') + '\n');
}

function problemsOf(...lines: string[]): string[] {
  const result = loadProfiles([profileFile(...lines)]);
  return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
}

describe('loading a profile', () => {
  it('accepts a full profile', () => {
    const result = loadProfiles([profileFile(
      'format: moc-profile/v1', 'name: Kent HR', 'files: [kent-*.csv, "exports/kent/**"]',
      'columns:', '  assignment_id: Placement ID', '  swe_number: [SWE Reg No, SWE]',
      'fixed:', '  la_code: E10000016', 'values:', '  role:', '    SW: Social Worker', 'units:', '  pqe_months: years',
    )]);
    expect(result.ok).toBe(true);
  });

  it.each([
    [['format: moc-profile/v1', 'colums: {}'], ['2:1: unknown key "colums" at the top level of the file (did you mean "columns"?)']],
    [['format: moc-profile/v1', 'columns:', '  assignmnet_id: Placement ID'], ['3:3: "assignmnet_id" under "columns" is not a column of the assignments export, the leavers register or the starters register (did you mean "assignment_id"?)']],
    [['format: moc-profile/v1', 'header_rows: 3'], ['2:1: unknown key "header_rows" at the top level of the file (did you mean "header_row"?)']],
    [['format: moc-profile/v1', 'fixed:', '  start_date: 31/02/2025'], ['3:15: the fixed value of column "start_date" must be a date such as 2025-04-01, not "31/02/2025"']],
    [['format: moc-profile/v1', 'columns:', '  la_code: Council', 'fixed:', '  la_code: Kent'], ['5:3: column "la_code" has both a header (under "columns") and a fixed value: keep one']],
    [['format: moc-profile/v1', 'units:', '  pqe_months: decades'], ['3:15: "pqe_months" in "units" must be years or months, not "decades"']],
  ])('reports %j located', (lines, expected) => {
    expect(problemsOf(...lines)).toEqual(expected);
  });

  it('reports every problem of every profile at once', () => {
    const a = profileFile('format: moc-profile/v1', 'units: 7', 'nme: x');
    const b = writeInput(tempDir(), 'q.yaml', 'just: text\n');
    const result = loadProfiles([a, b]);
    expect(result.ok ? [] : result.problems.map((p) => [p.file === a ? 'a' : 'b', p.line])).toEqual([['a', 2], ['a', 3], ['b', 1]]);
  });
});

describe('years to months', () => {
  it.each([
    ['3', '36'], ['1.5', '18'], ['2.99', '35'], ['0.99', '11'], ['1.0833', '12'], [' 4 ', '48'], ['0', '0'],
    ['x', 'x'], ['-1', '-1'], ['1,5', '1,5'], ['', ''],
  ])('%j years reads as %j months', (years, months) => {
    expect(yearsToMonths(years)).toBe(months);
  });
});

describe('which profile reads which file', () => {
  const loaded = (path: string, files?: string | string[]): LoadedProfile => ({ path, profile: { format: 'moc-profile/v1', ...(files ? { files } : {}) } });
  const selector = new ProfileSelector([loaded('kent.yaml', 'kent-*.csv'), loaded('surrey.yaml', ['exports/surrey/**']), loaded('any.yaml'), loaded('never.yaml')]);

  it.each([
    ['kent-2025-11.csv', 'kent.yaml'],
    ['exports/KENT-2025-11.CSV', 'kent.yaml'],
    ['exports\\kent-2025-11.csv', 'kent.yaml'],
    ['exports/surrey/november.xlsx', 'surrey.yaml'],
    ['east-sussex.csv', 'any.yaml'],
  ])('%s is read with %s', (file, profile) => {
    expect(selector.planFor(file)?.source).toBe(profile);
  });

  it('names profiles without files that can never apply', () => {
    expect(ProfileSelector.unreachable([loaded('any.yaml'), loaded('never.yaml'), loaded('k.yaml', 'x')])).toEqual(['never.yaml']);
    expect(new ProfileSelector([loaded('k.yaml', 'kent*')]).planFor('surrey.csv')).toBeNull();
  });
});

describe('a check with a profile', () => {
  const rules = loadRuleset(join(REPO_ROOT, 'rules', 'south-east.yaml'));
  if (!rules.ok) throw new Error('south-east.yaml does not load');
  const vendorCsv = [
    'Placement ID,SWE Reg No,Job Title,Start,Pay Rate (£/hr),PQE (Yrs)',
    'K-1,SW 1234,SW,2025-10-01,£38.00,3',
    'K-2,SW 2345,sw,2025-10-01,£38.01,2.99',
    'K-3,SW 3456,Unknown Title,2025-10-01,£30.00,5',
    '',
  ].join('\n');
  const profileLines = [
    'format: moc-profile/v1', 'files: kent-*.csv',
    'columns:', '  assignment_id: Placement ID', '  swe_number: SWE Reg No', '  role: Job Title', '  start_date: Start',
    '  hourly_pay_rate: Pay Rate (£/hr)', '  pqe_months: PQE (Yrs)',
    'fixed:', '  la_code: Kent', 'values:', '  role:', '    SW: Social Worker', 'units:', '  pqe_months: years',
  ];

  it('reads the layout: header names, a fixed council, mapped roles and years as months', () => {
    const dir = tempDir();
    const file = writeInput(dir, 'kent-2025-11.csv', vendorCsv);
    const profiles = loadProfiles([writeInput(dir, 'kent.yaml', profileLines.join('\n') + '\n')]);
    if (!profiles.ok) throw new Error(JSON.stringify(profiles.problems));
    const report = runCheck({ ruleset: rules.ruleset, files: [file], leavers: [], asOf: '2025-11-30', profiles: new ProfileSelector(profiles.profiles) });
    expect(report.inputs[0]).toMatchObject({ rows: 3, checked: 3, profile: join(dir, 'kent.yaml') });
    const byRow = report.findings.map((f) => [f.assignment_id, f.la_code, f.rule, f.status]);
    // K-1: 3 years = 36 months meets the PQE minimum; £38.00 is the cap exactly
    expect(byRow.filter(([id]) => id === 'K-1').map(([, , rule, status]) => `${rule}:${status}`)).not.toContain('DFE-PQE:breach');
    expect(byRow).toContainEqual(['K-2', 'E10000016', 'DFE-PQE', 'breach']);
    expect(byRow).toContainEqual(['K-2', 'E10000016', 'SE-PAY-CAP', 'breach']);
    expect(report.data_issues.filter((d) => d.severity === 'error').map((d) => [d.code, d.line])).toEqual([['unknown_role', 4]]);
  });

  it('leaves files no profile claims as they are', () => {
    const dir = tempDir();
    const file = writeInput(dir, 'surrey.csv', vendorCsv);
    const profiles = loadProfiles([writeInput(dir, 'kent.yaml', profileLines.join('\n') + '\n')]);
    if (!profiles.ok) throw new Error('profile');
    const report = runCheck({ ruleset: rules.ruleset, files: [file], leavers: [], asOf: '2025-11-30', profiles: new ProfileSelector(profiles.profiles) });
    expect(report.inputs[0]!.profile).toBeUndefined();
    expect(report.data_issues.map((d) => d.code)).toEqual(['missing_column']);
    // the message says what to map and what was found (issue 9 item 5)
    expect(report.data_issues[0]!.message).toContain('(for assignment_id, did you mean "Placement ID"?; for role, did you mean "Job Title"?; for start_date, did you mean "Start"? map it in a profile');
    expect(report.data_issues[0]!.message).toContain('headers found at line 1: "Placement ID", "SWE Reg No", "Job Title"');
  });

  it('a broken profile exits 2 with every problem located, and JSON gets the error document', () => {
    const dir = tempDir();
    const file = writeInput(dir, 'kent.csv', vendorCsv);
    const bad = writeInput(dir, 'bad.yaml', 'format: moc-profile/v1\nunits: x\ncolums: {}\n');
    const run = runCli(['check', '--rules', 'rules/south-east.yaml', '--profile', bad, '--format', 'json', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${bad}:2:8: "units" must be a set of "key: value" entries, not "x"`);
    expect(run.stderr).toContain(`${bad}:3:1: unknown key "colums"`);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'profile', problems: [{ line: 2 }, { line: 3 }] });
  });
});

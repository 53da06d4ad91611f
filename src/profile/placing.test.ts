// Profiles that place the table (engagements.md §5): `header_row` (no header search)
// and `sheet` (a workbook's sheet by name), loaded with located problems and applied
// to CSV files and workbooks alike.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../check/index.js';
import { loadRuleset } from '../ruleset/load.js';
import { REPO_ROOT, tempDir, writeInput } from '../../test/helpers.js';
import { makeWorkbook } from '../../test/workbook.js';
import { ProfileSelector } from './selector.js';
import { loadProfiles } from './load.js';
import type { Report } from '../types.js';

const loadedRules = loadRuleset(join(REPO_ROOT, 'fixtures', 'rulesets', 'pay-only.yaml'));
if (!loadedRules.ok) throw new Error('pay-only.yaml does not load');
const ruleset = loadedRules.ruleset;

const HEADER = ['la_code', 'assignment_id', 'swe_number', 'role', 'start_date', 'hourly_pay_rate'];
const ROW = ['E10000011', 'A1', 'SW123', 'Social Worker', '2025-06-01', '39.00'];

function problemsOf(...lines: string[]): string[] {
  const result = loadProfiles([writeInput(tempDir(), 'p.yaml', lines.join('\n') + '\n')]);
  return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
}

/** Checks one input file (name, content) with one profile (its lines). */
function checkWith(name: string, content: string | Buffer, profile: string[]): Report {
  const dir = tempDir();
  const file = writeInput(dir, name, content);
  const profiles = loadProfiles([writeInput(dir, 'p.yaml', ['format: moc-profile/v1', ...profile].join('\n') + '\n')]);
  if (!profiles.ok) throw new Error(JSON.stringify(profiles.problems));
  return runCheck({ ruleset, files: [file], leavers: [], asOf: '2025-11-30', profiles: new ProfileSelector(profiles.profiles) });
}

const issues = (r: Report) => r.data_issues.map((d) => [d.code, d.line, d.message]);

describe('header_row and sheet in a profile file', () => {
  it('accepts both', () => {
    expect(problemsOf('format: moc-profile/v1', 'header_row: 3', 'sheet: Placements')).toEqual([]);
    // a sheet named like a number is still a name
    expect(problemsOf('format: moc-profile/v1', 'sheet: 2025')).toEqual([]);
  });

  it.each([
    ['header_row: 0', '2:13: "header_row" must be 1 or more (1 is the first line or row), not 0'],
    ['header_row: -2', '2:13: "header_row" must be 1 or more (1 is the first line or row), not -2'],
    ['header_row: 2.5', '2:13: "header_row" must be a whole number, the line or row of the header (1 is the first), not 2.5'],
    ['header_row: three', '2:13: "header_row" must be a whole number, the line or row of the header (1 is the first), not "three"'],
    ['header_row: 2000000', '2:13: "header_row" must be at most 1048576, the last row of a worksheet, not 2000000'],
    ['sheet: " "', '2:8: "sheet" must be a sheet name, but it is blank'],
    ['sheet: [A, B]', '2:8: "sheet" must be text, not a list'],
  ])('reports %j located', (line, expected) => {
    expect(problemsOf('format: moc-profile/v1', line)).toEqual([expected]);
  });
});

describe('header_row', () => {
  const titled = (titles: number) => [...Array.from({ length: titles }, (_, i) => `Report title line ${i + 1}`), HEADER.join(','), ROW.join(','), ''].join('\n');

  it('finds a header below the 20 records the search looks at', () => {
    // without a profile the first title is the header (reading 2)
    expect(checkWith('a.csv', titled(25), []).data_issues.map((d) => d.code)).toEqual(['missing_column']);
    const report = checkWith('a.csv', titled(25), ['header_row: 26']);
    expect(report.inputs[0]).toMatchObject({ rows: 1, checked: 1, skipped_above_header: 25 });
    expect(report.findings.map((f) => [f.assignment_id, f.line, f.status])).toEqual([['A1', 27, 'breach']]);
  });

  it('takes the row it names even when an earlier record looks like a header', () => {
    const csv = [HEADER.join(','), 'old,layout', HEADER.map((h) => h.toUpperCase()).join(','), ROW.join(','), ''].join('\n');
    const report = checkWith('a.csv', csv, ['header_row: 3']);
    expect(report.inputs[0]).toMatchObject({ rows: 1, skipped_above_header: 2 });
    expect(report.findings.map((f) => f.line)).toEqual([4]);
  });

  it('counts lines as reports do: a quoted title over two lines, blank lines skipped', () => {
    const csv = ['"Title', 'continued"', '', HEADER.join(','), ROW.join(','), ''].join('\n');
    const report = checkWith('a.csv', csv, ['header_row: 3']);
    // line 3 is blank: the header is the next non-blank record, at line 4
    expect(report.inputs[0]).toMatchObject({ rows: 1, skipped_above_header: 1 });
    expect(report.findings.map((f) => f.line)).toEqual([5]);
  });

  it('a header row past every record is unreadable_file, saying so', () => {
    const report = checkWith('a.csv', titled(1), ['header_row: 9']);
    expect(issues(report)).toEqual([['unreadable_file', null, 'the file has no header: its profile gives header_row 9, and every non-blank record is above it']]);
  });

  it('a wrong header row is missing_column naming the headers found there', () => {
    const report = checkWith('a.csv', titled(2), ['header_row: 1']);
    expect(report.data_issues.map((d) => d.code)).toEqual(['missing_column']);
    expect(report.data_issues[0]!.message).toContain('headers found at line 1: "Report title line 1"');
  });

  it('is the row number Excel shows in a workbook', () => {
    const book = makeWorkbook({ sheets: [{ name: 'S', rows: [[1, ['Title']], [30, HEADER], [31, ROW]] }] });
    const report = checkWith('a.xlsx', book, ['header_row: 30']);
    expect(report.inputs[0]).toMatchObject({ rows: 1, skipped_above_header: 1, sheet: 'S' });
    expect(report.findings.map((f) => f.line)).toEqual([31]);
  });
});

describe('sheet', () => {
  const book = makeWorkbook({
    sheets: [
      { name: 'Summary', rows: [['Totals only']] },
      { name: 'Placements', rows: [HEADER, ROW] },
      { name: 'Archive', state: 'hidden', rows: [HEADER, [...ROW.slice(0, 5), '30.00']] },
    ],
  });

  it('reads the sheet named, by name in any case, hidden or not', () => {
    expect(checkWith('a.xlsx', book, []).data_issues.map((d) => d.code)).toEqual(['missing_column']);
    const named = checkWith('a.xlsx', book, ['sheet: Placements']);
    expect(named.inputs[0]).toMatchObject({ sheet: 'Placements', rows: 1 });
    expect(named.findings.map((f) => f.status)).toEqual(['breach']);
    expect(checkWith('a.xlsx', book, ['sheet: placements']).inputs[0]!.sheet).toBe('Placements');
    const hidden = checkWith('a.xlsx', book, ['sheet: Archive']);
    expect(hidden.inputs[0]).toMatchObject({ sheet: 'Archive', rows: 1 });
    expect(hidden.findings.map((f) => f.status)).toEqual([]); // £30.00 is under the cap
  });

  it('a sheet the workbook lacks is unreadable_file naming the worksheets it has', () => {
    const report = checkWith('a.xlsx', book, ['sheet: Data']);
    expect(issues(report)).toEqual([['unreadable_file', null, 'the workbook has no worksheet named "Data", the sheet its profile names (its worksheets: "Summary", "Placements", "Archive"); correct "sheet" in the profile']]);
    expect(report.inputs[0]).toMatchObject({ sheet: null, rows: 0 });
  });

  it('is not used for a CSV file, which has no sheets', () => {
    const report = checkWith('a.csv', [HEADER.join(','), ROW.join(','), ''].join('\n'), ['sheet: Placements']);
    expect(report.findings.map((f) => f.status)).toEqual(['breach']);
  });

  it('together with header_row', () => {
    const two = makeWorkbook({ sheets: [{ name: 'A', rows: [['x']] }, { name: 'B', rows: [['Title'], ['Run 2025-11-30'], HEADER, ROW] }] });
    const report = checkWith('a.xlsx', two, ['sheet: B', 'header_row: 3']);
    expect(report.inputs[0]).toMatchObject({ sheet: 'B', rows: 1, skipped_above_header: 2 });
  });
});

// .xlsx files as assignments and leavers, end to end (engagements.md section 4): read
// through the workbook reader, then every rule of "The file" as for CSV.
import { describe, expect, it } from 'vitest';
import { checkCsv, csvTable, BASE_COLS, makeRuleset, runCli, tempDir, writeInput } from './helpers.js';
import { makeWorkbook, type CellSpec } from './workbook.js';
import type { Report, Rule } from '../src/types.js';

const PT: Rule = { id: 'PT', kind: 'project_team', severity: 'error' } as Rule;
const COOL: Rule = { id: 'COOL', kind: 'cooling_off', severity: 'error', months: 6, scope: 'same_la' } as Rule;
const ruleset = makeRuleset({ rules: [PT, COOL] });
const cols = [...BASE_COLS, 'project_team'];
const date = (iso: string): CellSpec => ({ n: (Date.parse(iso) - Date.UTC(1899, 11, 30)) / 86_400_000, s: 1 });

/** What must not depend on CSV or workbook: findings and data issues, without file names. */
const outcome = (r: Report) => ({
  findings: r.findings.map((f) => ({ ...f, file: '' })),
  issues: r.data_issues.map((d) => ({ ...d, file: '' })),
  summary: r.summary,
});

describe('a workbook reads like the same rows as CSV', () => {
  it('findings, data issues and tallies agree; inputs[].sheet names the sheet', () => {
    const rows: Array<Record<string, string>> = [
      { la_code: 'E10000011', project_team: 'yes' },
      { la_code: '886', start_date: '2025-06-01', hourly_pay_rate: '38.5', project_team: 'no' },
      { la_code: 'Kent County Council', assignment_id: 'A2', project_team: 'yes' }, // a duplicate of row 2
      { la_code: 'E10000011', swe_number: 'bad', project_team: 'maybe' },
    ];
    const csv = csvTable(cols, rows);
    const fromCsv = checkCsv(ruleset, csv);
    const book = makeWorkbook({
      cellXfs: [0, 14],
      sheets: [{
        name: 'Assignments',
        rows: [
          cols,
          ['E10000011', 'A1', 'SW123', 'Social Worker', date('2025-06-01'), 30, 'yes'],
          [886, 'A2', 'SW123', 'Social Worker', date('2025-06-01'), 38.5, 'no'],
          ['Kent County Council', 'A2', 'SW123', 'Social Worker', date('2025-06-01'), 30, 'yes'],
          ['E10000011', 'A4', 'bad', 'Social Worker', '2025-06-01', '30.00', 'maybe'],
        ],
      }],
    });
    const fromBook = checkCsv(ruleset, book);
    expect(fromBook.findings.length).toBeGreaterThan(0);
    expect(outcome(fromBook)).toEqual(outcome(fromCsv));
    expect(fromBook.inputs[0]).toMatchObject({ kind: 'assignments', sheet: 'Assignments', rows: 4, checked: 3 });
    expect('sheet' in fromCsv.inputs[0]!).toBe(false);
  });

  it('line numbers are Excel row numbers; missing rows before and between are skipped', () => {
    const book = makeWorkbook({
      sheets: [{
        name: 'S',
        rows: [
          [4, cols],
          [7, ['E10000016', 'A1', 'SW1', 'SW', '2025-06-01', 30, 'yes']],
          [12, ['E10000016', 'A2', 'SW2', 'SW', '2025-06-01', 30, 'yes', 'extra']],
        ],
      }],
    });
    const report = checkCsv(ruleset, book);
    expect(report.findings.map((f) => f.line)).toEqual([7]);
    expect(report.data_issues.map((d) => [d.code, d.line])).toEqual([['ragged_row', 12]]);
  });

  it('reads the first visible sheet and says which sheets before it were hidden', () => {
    const book = makeWorkbook({
      sheets: [
        { name: 'Lookups', state: 'veryHidden', rows: [['x']] },
        { name: 'Old', state: 'hidden', rows: [['y']] },
        { name: 'Data', rows: [cols, ['E10000016', 'A1', 'SW1', 'SW', '2025-06-01', 30, 'yes']] },
      ],
    });
    const report = checkCsv(ruleset, book);
    expect(report.inputs[0]).toMatchObject({ sheet: 'Data', sheets_hidden_before: ['Lookups', 'Old'], checked: 1 });
  });

  it('a leavers register as a workbook, with dates and council names', () => {
    const leavers = makeWorkbook({ cellXfs: [0, 14], sheets: [{ name: 'L', rows: [['la_code', 'swe_number', 'leaving_date'], ['Kent', 'SW77', date('2025-05-01')]] }] });
    const report = checkCsv(ruleset, csvTable(BASE_COLS, [{ la_code: 'E10000016', swe_number: 'SW77', start_date: '2025-06-01' }]), { leavers });
    expect(report.findings.map((f) => [f.rule, f.status])).toEqual([['COOL', 'breach']]);
    expect(report.inputs.find((i) => i.kind === 'leavers')).toMatchObject({ sheet: 'L', rows: 1 });
  });
});

describe('workbooks that cannot be read', () => {
  const good = csvTable(cols, [{ project_team: 'yes' }]);

  it.each([
    ['a damaged workbook', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]), /workbook cannot be opened/],
    ['an old .xls or password-protected workbook', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500)]), /old Excel workbook \(\.xls\) or a password-protected one; save it as \.xlsx without a password/],
    ['a workbook with no visible sheet', makeWorkbook({ sheets: [{ name: 'H', state: 'hidden', rows: [cols] }] }), /no visible worksheet/],
    ['a zip bomb', makeWorkbook({ sheets: [{ name: 'S', rows: [cols] }], extra: { 'xl/pad.bin': new Uint8Array(4 << 20) } }), /zip bomb/],
  ])('%s is unreadable_file, and the other files are still checked', (_, bytes, message) => {
    const report = checkCsv(ruleset, [bytes, good]);
    const issue = report.data_issues.find((d) => d.file === 'assignments-1.csv')!;
    expect(issue).toMatchObject({ code: 'unreadable_file', severity: 'error', line: null });
    expect(issue.message).toMatch(message);
    expect(report.inputs[0]).toMatchObject({ rows: 0 });
    expect(report.findings.map((f) => f.file)).toEqual(['assignments-2.csv']);
  });

  it('a workbook unreadable as a whole has sheet null (reading 5)', () => {
    const report = checkCsv(ruleset, makeWorkbook({ sheets: [{ name: 'C', chart: true }] }));
    expect(report.inputs[0]!.sheet).toBeNull();
  });
});

describe('the terminal report', () => {
  it('names the sheet read and the hidden ones before it', () => {
    const dir = tempDir();
    const file = writeInput(dir, 'kent.xlsx', makeWorkbook({
      sheets: [{ name: 'Old', state: 'hidden', rows: [['x']] }, { name: 'Placements', rows: [cols, ['Kent', 'A1', 'SW1', 'SW', '2025-06-01', 30, 'no']] }],
    }));
    const run = runCli(['check', '--rules', 'rules/south-east.yaml', '--as-of', '2025-11-30', '--fail-on', 'never', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('kent.xlsx (assignments, sheet "Placements"): 1 row, 1 checked');
    expect(run.stdout).toContain('the sheet before it is hidden: "Old"');
    expect(run.stdout).toContain('`Kent` read as Kent (E10000016)');
  });
});

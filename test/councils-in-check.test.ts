// Council cells in a check (engagements.md **council**; readings 8-10, 17, 39, 41):
// assignments, left_substantive_la and the leavers register resolve to ONS codes, and
// council_not_in_region warns once per file and code.
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, issueSummaries, makeRuleset, runCli, tempDir, writeInput } from './helpers.js';
import type { Rule } from '../src/types.js';

const PROJECT_TEAM: Rule = { id: 'PT', kind: 'project_team', severity: 'error' } as Rule;
const cols = [...BASE_COLS, 'project_team'];
const region = makeRuleset({ rules: [PROJECT_TEAM] }); // East Sussex E10000011, Kent E10000016

describe('la_code cells resolve to ONS codes', () => {
  it.each([
    ['E10000016', 'E10000016'],
    ['e10000016 ', 'E10000016'],
    ['886', 'E10000016'], // DfE number
    ['Kent', 'E10000016'], // the region's name
    ['Kent County Council', 'E10000016'],
    ['KENT COUNTY COUNCIL.', 'E10000016'],
    ['East Sussex County Council', 'E10000011'],
    ['0886', '0886'], // not three digits: kept as written (reading 41)
  ])('%j is %s', (cell, code) => {
    const report = checkCsv(region, csvTable(cols, [{ la_code: cell, project_team: 'yes' }]));
    expect(report.findings.map((f) => f.la_code)).toEqual([code]);
  });

  it('duplicates use the resolved council (reading 9)', () => {
    const report = checkCsv(region, csvTable(cols, [
      { la_code: '886', assignment_id: 'A-1', project_team: 'no' },
      { la_code: 'E10000016', assignment_id: 'A-1', project_team: 'no' },
      { la_code: 'Kent County Council', assignment_id: 'A-1', project_team: 'no' },
    ]));
    expect(issueSummaries(report)).toEqual([
      ['duplicate_assignment', 'error', 3, 'assignment_id'],
      ['duplicate_assignment', 'error', 4, 'assignment_id'],
    ]);
  });
});

describe('council_not_in_region (reading 10)', () => {
  it('warns once per file and code, at its first line, and the rows are still checked', () => {
    const report = checkCsv(region, csvTable(cols, [
      { la_code: 'E10000011', project_team: 'yes' },
      { la_code: 'Surrey County Council', project_team: 'yes' },
      { la_code: 'E10000030', project_team: 'yes' },
      { la_code: 'E99999999', swe_number: 'bad', project_team: 'yes' }, // a row with a data error counts
      { la_code: '319', project_team: 'yes' }, // Sutton by its DfE number
    ]));
    expect(issueSummaries(report)).toEqual([
      ['council_not_in_region', 'warning', 3, 'la_code'],
      ['invalid_swe_number', 'error', 5, 'swe_number'],
      ['council_not_in_region', 'warning', 5, 'la_code'],
      ['council_not_in_region', 'warning', 6, 'la_code'],
    ]);
    const surrey = report.data_issues[0]!;
    expect(surrey.value).toBe('Surrey County Council');
    expect(surrey.message).toContain('E10000030');
    expect(report.findings.map((f) => f.la_code)).toEqual(['E10000011', 'E10000030', 'E10000030', 'E99999999', 'E09000029']);
  });

  it('includes duplicates, and warns again in another file', () => {
    const file = csvTable(cols, [
      { la_code: 'E10000016', assignment_id: 'X', project_team: 'no' },
      { la_code: 'E10000016', assignment_id: 'X', project_team: 'no' },
    ]);
    const other = makeRuleset({ rules: [PROJECT_TEAM], region: { name: 'R', las: new Map([['E10000011', 'East Sussex']]) } });
    const report = checkCsv(other, [file, csvTable(cols, [{ la_code: 'Kent', assignment_id: 'Y', project_team: 'no' }])]);
    expect(report.data_issues.map((d) => [d.file, d.code, d.line])).toEqual([
      ['assignments-1.csv', 'council_not_in_region', 2],
      ['assignments-1.csv', 'duplicate_assignment', 3],
      ['assignments-2.csv', 'council_not_in_region', 2],
    ]);
  });

  it('is never raised when the ruleset lists no region, nor for blank cells or the leavers register', () => {
    const none = makeRuleset({ rules: [PROJECT_TEAM], region: { name: 'None', las: new Map() } });
    expect(checkCsv(none, csvTable(cols, [{ la_code: 'E99999999', project_team: 'no' }])).data_issues).toEqual([]);
    const report = checkCsv(region, csvTable(cols, [{ la_code: ' ', project_team: 'no' }]), {
      leavers: 'la_code,swe_number,leaving_date\nSurrey,SW1,2025-01-01\n',
    });
    expect(report.data_issues.map((d) => d.code)).toEqual(['missing_value']);
  });
});

describe('cooling-off with councils written as names and numbers', () => {
  const cooling = (scope: 'same_la' | 'region') =>
    makeRuleset({ rules: [{ id: 'COOL', kind: 'cooling_off', severity: 'error', months: 6, scope } as Rule] });

  it('left_substantive_la resolves (a Kent row, left "Kent County Council")', () => {
    const report = checkCsv(cooling('same_la'), csvTable([...BASE_COLS, 'left_substantive_date', 'left_substantive_la'], [
      { la_code: 'E10000016', start_date: '2025-06-01', left_substantive_date: '2025-05-01', left_substantive_la: 'Kent County Council' },
      { la_code: '886', start_date: '2025-06-01', left_substantive_date: '2025-05-01', left_substantive_la: 'E10000016' },
      { la_code: 'E10000016', start_date: '2025-06-01', left_substantive_date: '2025-05-01', left_substantive_la: 'Surrey' },
    ]));
    expect(report.findings.map((f) => [f.line, f.status])).toEqual([[2, 'breach'], [3, 'breach']]); // Surrey is another council
  });

  it('the leavers register resolves too: a worker who left "Kent" a month earlier', () => {
    const report = checkCsv(cooling('same_la'), csvTable(BASE_COLS, [{ la_code: 'Kent County Council', swe_number: 'SW77', start_date: '2025-06-01' }]), {
      leavers: 'la_code,swe_number,leaving_date\nKent,SW77,2025-05-01\n',
    });
    expect(report.findings.map((f) => [f.la_code, f.status])).toEqual([['E10000016', 'breach']]);
  });

  it('region scope reads a leaver of a region council named by its DfE number', () => {
    const report = checkCsv(cooling('region'), csvTable(BASE_COLS, [{ la_code: 'E10000011', swe_number: 'SW78', start_date: '2025-06-01' }]), {
      leavers: 'la_code,swe_number,leaving_date\n886,SW78,2025-05-01\n',
    });
    expect(report.findings.map((f) => f.status)).toEqual(['breach']);
  });
});

describe('the names a file was read with (inputs[].councils_read, the terminal report)', () => {
  it('lists each distinct name once per file, with the council it was read as; codes and numbers are not listed', () => {
    const report = checkCsv(region, csvTable(cols, [
      { la_code: 'Kent County Council', project_team: 'no' },
      { la_code: 'Kent County Council', project_team: 'no' },
      { la_code: 'kent', project_team: 'no' },
      { la_code: 'Surrey', project_team: 'no' },
      { la_code: '886', project_team: 'no' },
      { la_code: 'E10000011', project_team: 'no' },
      { la_code: 'Nowhere', project_team: 'no' },
    ]), { leavers: 'la_code,swe_number,leaving_date\nEast Sussex County Council,SW1,2025-01-01\n' });
    const assignments = report.inputs.find((i) => i.kind === 'assignments');
    const leavers = report.inputs.find((i) => i.kind === 'leavers');
    expect(assignments!.councils_read).toEqual([
      { value: 'Kent County Council', la_code: 'E10000016', name: 'Kent' },
      { value: 'kent', la_code: 'E10000016', name: 'Kent' },
      { value: 'Surrey', la_code: 'E10000030', name: 'Surrey' },
    ]);
    expect(leavers!.councils_read).toEqual([{ value: 'East Sussex County Council', la_code: 'E10000011', name: 'East Sussex' }]);
  });

  it('is absent when no cell was a name', () => {
    const report = checkCsv(region, csvTable(cols, [{ la_code: '886', project_team: 'no' }]));
    expect('councils_read' in report.inputs[0]!).toBe(false);
  });
});

describe('the terminal report', () => {
  it('says once per file how a council name was read', () => {
    const dir = tempDir();
    const file = writeInput(dir, 'kent.csv', csvTable(BASE_COLS, [
      { la_code: 'Kent County Council' },
      { la_code: 'Kent County Council' },
    ]));
    const run = runCli(['check', '--rules', 'rules/south-east.yaml', '--as-of', '2025-11-30', '--fail-on', 'never', file]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('`Kent County Council` read as Kent (E10000016)')).toHaveLength(2);
  });
});

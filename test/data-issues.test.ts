// Data issues, file reading and report fields, written from engagements.md and report.md.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../src/check/index.js';
import type { DataIssue, MinPqeRule, PayCapRule, ProjectTeamRule, ReferencesRule, Report, Ruleset } from '../src/types.js';
import { capWindow, checkCsv, exemption, HEADER, makeRuleset, tempDir, writeInput } from './helpers.js';

const PAY: PayCapRule = {
  id: 'PAY', kind: 'pay_cap', severity: 'error', basis: 'hourly_pay_rate',
  caps: [capWindow('2025-01-01', null, { social_worker: 38, team_manager: 52 })],
};
const PQE: MinPqeRule = { id: 'PQE', kind: 'min_pqe', severity: 'warning', months: 36 };
const PT: ProjectTeamRule = { id: 'PT', kind: 'project_team', severity: 'error' };
const REFS: ReferencesRule = { id: 'REFS', kind: 'references', severity: 'error', min_count: 2, template_required: false, before_start: false };

function rs(partial: Partial<Ruleset> = {}): Ruleset {
  return makeRuleset({ rules: [PAY], ...partial });
}

/** A row breaching PAY (rate 50 > 38). */
const BREACH = (id: string, extra = '') => `E10000011,${id},SW123,Social Worker,2025-06-01,50${extra}`;
/** A compliant row. */
const OK = (id: string, extra = '') => `E10000011,${id},SW123,Social Worker,2025-06-01,30${extra}`;

function lines(...rows: string[]): string {
  return rows.join('\n') + '\n';
}

type IssueTuple = [string, string, string, number | null, string | null];
function issues(report: Report): IssueTuple[] {
  return report.data_issues.map((d) => [d.code, d.severity, d.file, d.line, d.column]);
}

function findings(report: Report): string[] {
  return report.findings.map((f) => `${f.file}:${f.line}:${f.rule}:${f.status}`);
}

function only(report: Report): DataIssue {
  expect(report.data_issues).toHaveLength(1);
  return report.data_issues[0]!;
}

describe('unreadable_file', () => {
  it('a file that cannot be opened: error, line null; other files still checked', () => {
    const dir = tempDir();
    const good = writeInput(dir, 'good.csv', lines(HEADER, BREACH('A1')));
    const missing = join(dir, 'missing.csv');
    const report = runCheck({ ruleset: rs(), files: [missing, good], leavers: [], asOf: '2025-11-30' });
    expect(report.data_issues.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([
      ['unreadable_file', 'error', missing, null, null],
    ]);
    expect(report.findings.map((f) => [f.file, f.line, f.status])).toEqual([[good, 2, 'breach']]);
    expect(report.summary).toMatchObject({ rows: 1, checked: 1, breaches: 1, data_errors: 1, data_warnings: 0 });
  });

  it('an empty file', () => {
    const report = checkCsv(rs(), '');
    expect(issues(report)).toEqual([['unreadable_file', 'error', 'assignments-1.csv', null, null]]);
    expect(report.summary).toMatchObject({ rows: 0, checked: 0, data_errors: 1 });
  });

  it('a file of only blank records', () => {
    const report = checkCsv(rs(), '\n,,,\n   \n\r\n , ,\n"",""\n');
    expect(issues(report)).toEqual([['unreadable_file', 'error', 'assignments-1.csv', null, null]]);
  });

  it('UTF-16 LE and BE byte-order marks, with a message about CSV UTF-8', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines(HEADER, BREACH('A1')), 'utf16le')]);
    const be = Buffer.from([0xfe, 0xff, 0x00, 0x6c, 0x00, 0x61]);
    const report = checkCsv(rs(), [le, be]);
    expect(issues(report)).toEqual([
      ['unreadable_file', 'error', 'assignments-1.csv', null, null],
      ['unreadable_file', 'error', 'assignments-2.csv', null, null],
    ]);
    expect(report.data_issues[0]!.message).toContain('CSV UTF-8');
    expect(report.findings).toEqual([]);
  });

  it('an xlsx workbook (PK\\x03\\x04)', () => {
    const report = checkCsv(rs(), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('rest of zip')]));
    expect(issues(report)).toEqual([['unreadable_file', 'error', 'assignments-1.csv', null, null]]);
    expect(report.data_issues[0]!.message).toContain('CSV UTF-8');
  });

  it('a NUL byte anywhere: nothing of the file is checked', () => {
    const report = checkCsv(rs(), Buffer.from(lines(HEADER, BREACH('A1'), 'E10000011,A2,SW1\u0000,SW,2025-06-01,50')));
    expect(issues(report)).toEqual([['unreadable_file', 'error', 'assignments-1.csv', null, null]]);
    expect(report.findings).toEqual([]);
    expect(report.summary.rows).toBe(0);
  });

  it('text after a closing quote stays in the field (v1.1): the row is read, not the file broken', () => {
    const report = checkCsv(rs(), lines(HEADER, BREACH('A1'), 'E10000011,"A2"x,SW123,Social Worker,2025-06-01,50', BREACH('A3')));
    expect(report.data_issues).toEqual([]);
    expect(report.findings.map((f) => [f.line, f.assignment_id])).toEqual([[2, 'A1'], [3, '"A2"x'], [4, 'A3']]);
    expect(report.summary).toMatchObject({ rows: 3, checked: 3, breaches: 3 });
  });

  it('a quoted field still open at the end of the file: the line where that record starts', () => {
    const csv = lines(HEADER, 'E10000011,"A\n1",SW123,SW,2025-06-01,50', BREACH('A2'), 'E10000011,"A3,SW123,SW,2025-06-01,50', BREACH('A4'));
    const report = checkCsv(rs(), csv);
    expect(issues(report)).toEqual([['unreadable_file', 'error', 'assignments-1.csv', 5, null]]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach', 'assignments-1.csv:4:PAY:breach']);
  });

  it('a broken record before any header gives that one issue', () => {
    const report = checkCsv(rs(), lines('\n"la_code,assignment_id', BREACH('A1')));
    expect(issues(report)).toEqual([['unreadable_file', 'error', 'assignments-1.csv', 2, null]]);
    expect(report.findings).toEqual([]);
  });

  it('a space after a closing quote stays in the field, and is trimmed with the rest of the cell', () => {
    const report = checkCsv(rs(), lines(HEADER, BREACH('A1'), 'E10000011,"A2" ,SW123,Social Worker,2025-06-01,50'));
    expect(report.data_issues).toEqual([]);
    expect(report.findings.map((f) => [f.line, f.assignment_id])).toEqual([[2, 'A1'], [3, '"A2"']]);
  });

  it('malformed line counts quoted line breaks of earlier records and CRLF as one break', () => {
    const csv = [HEADER + ',team', BREACH('A1', ',"x\r\ny"'), BREACH('A2', ',"t'), BREACH('A3')].join('\r\n') + '\r\n';
    const report = checkCsv(rs(), csv);
    expect(issues(report)).toEqual([['unreadable_file', 'error', 'assignments-1.csv', 4, null]]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach']);
  });

  it('blank records before the header are skipped; the header is the first non-blank record', () => {
    const report = checkCsv(rs(), ' , ,\n"",""\n' + lines(HEADER, BREACH('A1')));
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual(['assignments-1.csv:4:PAY:breach']);
  });

  it('a quote inside an unquoted field is an ordinary character', () => {
    const report = checkCsv(rs(), lines(HEADER + ',team', BREACH('A1', `,5'10"`), BREACH('A"2')));
    expect(report.data_issues).toEqual([]);
    expect(report.findings.map((f) => f.assignment_id)).toEqual(['A1', 'A"2']);
  });

  it('doubled quotes inside a quoted field are one quote', () => {
    const report = checkCsv(rs(), lines(HEADER, 'E10000011,"A""1",SW123,"Social Worker","2025-06-01","50"'));
    expect(report.data_issues).toEqual([]);
    expect(report.findings.map((f) => f.assignment_id)).toEqual(['A"1']);
  });
});

describe('missing_column', () => {
  it('one issue listing every missing column; the file is not checked and its rows not counted', () => {
    const report = checkCsv(rs(), lines('la_code,assignment_id,start_date,hourly_pay_rate', 'E10000011,A1,31/02/2025,50'));
    const issue = only(report);
    expect(issue).toMatchObject({ severity: 'error', code: 'missing_column', file: 'assignments-1.csv', line: null, column: null });
    expect([...(issue.columns ?? [])].sort()).toEqual(['role', 'swe_number']);
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ rows: 0, checked: 0, data_errors: 1, data_warnings: 0 });
  });

  it('gets no other issue (no column_missing_for_rule, no row issues)', () => {
    const report = checkCsv(rs({ rules: [PAY, PQE] }), lines('la_code,assignment_id,swe_number,role,start_date', ',A1,SWx,Wizard,soon'));
    expect(report.data_issues.map((d) => d.code)).toEqual(['missing_column']);
    expect(report.data_issues[0]!.columns).toEqual(['hourly_pay_rate']);
  });

  it('its keys are not seen for duplicates; other files are still checked', () => {
    const report = checkCsv(rs(), [
      lines('la_code,assignment_id,swe_number,role,start_date', 'E10000011,A1,SW123,SW,2025-06-01'),
      lines(HEADER, BREACH('A1')),
    ]);
    expect(issues(report)).toEqual([['missing_column', 'error', 'assignments-1.csv', null, null]]);
    expect(findings(report)).toEqual(['assignments-2.csv:2:PAY:breach']);
    expect(report.summary).toMatchObject({ rows: 1, checked: 1, breaches: 1 });
  });

  it('a header with every required column only after normalising is fine', () => {
    const report = checkCsv(rs(), lines('LA Code,Assignment ID,SWE Number,Role,  Start - Date ,HOURLY_PAY_RATE', BREACH('A1')));
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach']);
  });
});

describe('row-level issues: code, severity, line, column, value', () => {
  it('missing_value for each blank required cell', () => {
    const report = checkCsv(rs(), lines(HEADER,
      ',A1,SW123,SW,2025-06-01,50',
      'E10000011,,SW123,SW,2025-06-01,50',
      'E10000011,A3,  ,SW,2025-06-01,50',
      'E10000011,A4,SW123,,2025-06-01,50',
      'E10000011,A5,SW123,SW,,50',
      'E10000011,A6,SW123,SW,2025-06-01,',
    ));
    expect(issues(report)).toEqual([
      ['missing_value', 'error', 'assignments-1.csv', 2, 'la_code'],
      ['missing_value', 'error', 'assignments-1.csv', 3, 'assignment_id'],
      ['missing_value', 'error', 'assignments-1.csv', 4, 'swe_number'],
      ['missing_value', 'error', 'assignments-1.csv', 5, 'role'],
      ['missing_value', 'error', 'assignments-1.csv', 6, 'start_date'],
      ['missing_value', 'error', 'assignments-1.csv', 7, 'hourly_pay_rate'],
    ]);
    // pay_cap needs neither swe_number nor the other blank cells' rules except its own: only the row with a
    // blank SWE number (line 4) can still breach; blank la_code / assignment_id rows are not checked at all
    expect(report.findings.map((f) => [f.line, f.rule, f.status, f.swe_number])).toEqual([[4, 'PAY', 'breach', '']]);
    expect(report.summary).toMatchObject({ rows: 6, checked: 4, data_errors: 6 });
  });

  it('invalid_date: impossible dates, two-digit years, other times, US order; value is the cell', () => {
    const bad = ['31/02/2025', '2025-02-30', '25/12/25', '2025-06-01 09:00', '12/31/2025', '2025/06/01', '1 June 2025'];
    const report = checkCsv(rs(), lines(HEADER, ...bad.map((d, i) => `E10000011,A${i},SW123,SW,${d},50`)));
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column, d.value])).toEqual(
      bad.map((d, i) => ['invalid_date', 'error', i + 2, 'start_date', d]),
    );
    expect(report.findings).toEqual([]);
  });

  it('invalid_date: ISO without zero padding, T separator, non-midnight seconds', () => {
    const bad = ['2025-6-1', '2025-06-01T00:00', '2025-06-01 00:00:01', '01/06/2025 0:00', '00/06/2025'];
    const report = checkCsv(rs(), lines(HEADER, ...bad.map((d, i) => `E10000011,A${i},SW123,SW,${d},50`)));
    expect(report.data_issues.map((d) => [d.code, d.line, d.value])).toEqual(bad.map((d, i) => ['invalid_date', i + 2, d]));
  });

  it('accepted dates: ISO, DD/MM/YYYY, D/M/YYYY, midnight times', () => {
    const good = ['2025-06-01', '01/06/2025', '1/6/2025', '2025-06-01 00:00', '01/06/2025 00:00:00', '31/12/2025'];
    const report = checkCsv(rs(), lines(HEADER, ...good.map((d, i) => `E10000011,A${i},SW123,SW,${d},50`)));
    expect(report.data_issues).toEqual([]);
    expect(report.findings).toHaveLength(good.length);
  });

  it('invalid_number: 38., .5, 12,34, negative, text', () => {
    const bad = ['38.', '.5', '"12,34"', '-5', 'abc', '£-5', '"1,2345.00"'];
    const report = checkCsv(rs(), lines(HEADER, ...bad.map((v, i) => `E10000011,A${i},SW123,SW,2025-06-01,${v}`)));
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column])).toEqual(
      bad.map((_, i) => ['invalid_number', 'error', i + 2, 'hourly_pay_rate']),
    );
    expect(report.data_issues[2]!.value).toBe('12,34');
    expect(report.findings).toEqual([]);
  });

  it('invalid_number: a lone £, a first group of four digits, other separators', () => {
    const bad = ['£', '"1234,567"', '50 00', '50p', '$50', '"1,234,56"'];
    const report = checkCsv(rs(), lines(HEADER, ...bad.map((v, i) => `E10000011,A${i},SW123,SW,2025-06-01,${v}`)));
    expect(report.data_issues.map((d) => [d.code, d.line, d.column])).toEqual(bad.map((_, i) => ['invalid_number', i + 2, 'hourly_pay_rate']));
  });

  it('accepted money: £ with spaces, thousands separators', () => {
    const good = ['£50', ' £ 50.00 ', '"1,234.50"', '"£1,234"', '50.123', '"1,234,567.00"', '£ 038.50'];
    const report = checkCsv(rs(), lines(HEADER, ...good.map((v, i) => `E10000011,A${i},SW123,SW,2025-06-01,${v}`)));
    expect(report.data_issues).toEqual([]);
    expect(report.findings.map((f) => f.status)).toEqual(good.map(() => 'breach'));
  });

  it('invalid_integer: 36.0 and -3', () => {
    const report = checkCsv(rs({ rules: [PQE] }), lines(HEADER + ',pqe_months', OK('A1', ',36.0'), OK('A2', ',-3')));
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column, d.value])).toEqual([
      ['invalid_integer', 'error', 2, 'pqe_months', '36.0'],
      ['invalid_integer', 'error', 3, 'pqe_months', '-3'],
    ]);
  });

  it('invalid_boolean', () => {
    const report = checkCsv(rs({ rules: [PT] }), lines(HEADER + ',project_team', OK('A1', ',maybe')));
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column, d.value])).toEqual([
      ['invalid_boolean', 'error', 2, 'project_team', 'maybe'],
    ]);
  });

  it('invalid_swe_number: SW0, SW000, 7 digits, wrong prefix, no digits', () => {
    const bad = ['SW0', 'SW 000', 'SW1234567', 'XY123', 'SW', '123', 'SW12a'];
    const report = checkCsv(rs(), lines(HEADER, ...bad.map((v, i) => `E10000011,A${i},${v},SW,2025-06-01,30`)));
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column, d.value])).toEqual(
      bad.map((v, i) => ['invalid_swe_number', 'error', i + 2, 'swe_number', v]),
    );
  });

  it('valid SWE numbers after normalising: spaces, case, leading zeros, six digits', () => {
    const report = checkCsv(rs(), lines(HEADER,
      BREACH('A1').replace('SW123', 'sw 000123'),
      BREACH('A2').replace('SW123', 'SW123456'),
      BREACH('A3').replace('SW123', 'S W 0123456'),
    ));
    expect(report.data_issues).toEqual([]);
    expect(report.findings.map((f) => f.swe_number)).toEqual(['SW123', 'SW123456', 'SW123456']);
  });

  it('a finding on a row with an invalid SWE number reports the raw cell', () => {
    const report = checkCsv(rs(), lines(HEADER, 'E10000011,A1,SW0,SW,2025-06-01,50'));
    expect(report.findings.map((f) => [f.status, f.swe_number])).toEqual([['breach', 'SW0']]);
  });

  it('unknown_role; roles match key, label and alias trimmed, case- and space-insensitively', () => {
    const report = checkCsv(rs(), lines(HEADER,
      'E10000011,A1,SW123,Wizard,2025-06-01,60',
      'E10000011,A2,SW123,  team   MANAGER ,2025-06-01,60',
      'E10000011,A3,SW123,tm,2025-06-01,60',
      'E10000011,A4,SW123,social worker,2025-06-01,60',
      'E10000011,A5,SW123,LEVEL 2 social worker,2025-06-01,60',
    ));
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column, d.value])).toEqual([
      ['unknown_role', 'error', 2, 'role', 'Wizard'],
    ]);
    expect(findings(report)).toEqual([
      'assignments-1.csv:3:PAY:breach', 'assignments-1.csv:4:PAY:breach', 'assignments-1.csv:5:PAY:breach',
      'assignments-1.csv:6:PAY:breach',
    ]);
  });

  it('end_before_start: reported, the row is still checked', () => {
    const report = checkCsv(rs(), lines(HEADER + ',end_date', BREACH('A1', ',2025-05-31'), BREACH('A2', ',2025-06-01')));
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line])).toEqual([['end_before_start', 'error', 2]]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach', 'assignments-1.csv:3:PAY:breach']);
  });

  it('missing_left_substantive_la', () => {
    const report = checkCsv(rs(), lines(HEADER + ',left_substantive_date,left_substantive_la', OK('A1', ',2025-01-01,')));
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line])).toEqual([['missing_left_substantive_la', 'error', 2]]);
  });

  it('a row with a blank key still gets its other row-level issues', () => {
    const report = checkCsv(rs(), lines(HEADER, 'E10000011,,SW0,Wizard,soon,abc'));
    expect(report.data_issues.map((d) => `${d.line}:${d.code}:${d.column}`).sort()).toEqual([
      '2:invalid_date:start_date', '2:invalid_number:hourly_pay_rate', '2:invalid_swe_number:swe_number',
      '2:missing_value:assignment_id', '2:unknown_role:role',
    ]);
    expect(report.summary).toMatchObject({ rows: 1, checked: 0, data_errors: 5 });
  });

  it('optional columns with bad values are reported even when no rule uses them', () => {
    const report = checkCsv(rs(), lines(HEADER + ',hours_per_week,reference_count,reference_template',
      OK('A1', ',lots,2.5,perhaps')));
    expect(report.data_issues.map((d) => [d.code, d.line, d.column])).toEqual([
      ['invalid_number', 2, 'hours_per_week'],
      ['invalid_integer', 2, 'reference_count'],
      ['invalid_boolean', 2, 'reference_template'],
    ]);
  });
});

describe('duplicate_assignment', () => {
  it('across files, code ignoring case, both trimmed: the later row is not checked', () => {
    const report = checkCsv(rs(), [
      lines(HEADER, BREACH('A1')),
      lines(HEADER, ' e10000011 , A1 ,SW123,SW,2025-06-01,50'),
    ]);
    // the spec does not say which column a duplicate_assignment names: not asserted
    expect(report.data_issues.map((d) => [d.code, d.severity, d.file, d.line])).toEqual([
      ['duplicate_assignment', 'error', 'assignments-2.csv', 2],
    ]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach']);
    expect(report.summary).toMatchObject({ rows: 2, checked: 1, breaches: 1, data_errors: 1 });
    expect(report.inputs.map((i) => [i.file, i.kind, i.rows, i.checked])).toEqual([
      ['assignments-1.csv', 'assignments', 1, 1], ['assignments-2.csv', 'assignments', 1, 0],
    ]);
  });

  it('the id is compared exactly (case matters)', () => {
    const report = checkCsv(rs(), lines(HEADER, BREACH('A1'), BREACH('a1')));
    expect(report.data_issues).toEqual([]);
    expect(report.findings).toHaveLength(2);
  });

  it('the same id at another council is not a duplicate', () => {
    const report = checkCsv(rs(), lines(HEADER, BREACH('A1'), BREACH('A1').replace('E10000011', 'E10000016')));
    expect(report.data_issues).toEqual([]);
  });

  it('a third row with the same key is a duplicate too', () => {
    const report = checkCsv(rs(), lines(HEADER, BREACH('A1'), BREACH('A1'), BREACH('A1')));
    expect(report.data_issues.map((d) => [d.code, d.line])).toEqual([['duplicate_assignment', 3], ['duplicate_assignment', 4]]);
    expect(report.summary).toMatchObject({ rows: 3, checked: 1, breaches: 1, data_errors: 2 });
  });

  it('a duplicate row still gets its row-level issues', () => {
    const report = checkCsv(rs(), lines(HEADER, BREACH('A1'), 'E10000011,A1,SWx,SW,2025-06-01,50'));
    expect(report.data_issues.map((d) => `${d.line}:${d.code}`).sort()).toEqual(['3:duplicate_assignment', '3:invalid_swe_number']);
  });

  it('a row with an invalid value elsewhere still records its key', () => {
    const report = checkCsv(rs(), lines(HEADER, 'E10000011,A1,SW123,SW,soon,50', BREACH('A1')));
    expect(report.data_issues.map((d) => `${d.line}:${d.code}`)).toEqual(['2:invalid_date', '3:duplicate_assignment']);
    expect(report.findings).toEqual([]);
  });
});

describe('ragged_row', () => {
  it('gets only ragged_row, is not checked, and its key is not seen', () => {
    const report = checkCsv(rs(), lines(HEADER, 'E10000011,A1,SWx,Wizard,soon,50,extra', BREACH('A1')));
    expect(issues(report)).toEqual([['ragged_row', 'error', 'assignments-1.csv', 2, null]]);
    expect(findings(report)).toEqual(['assignments-1.csv:3:PAY:breach']);
    expect(report.summary).toMatchObject({ rows: 2, checked: 1, data_errors: 1 });
  });

  it('an unquoted comma in a money value makes a ragged row', () => {
    const report = checkCsv(rs(), lines(HEADER, 'E10000011,A1,SW123,SW,2025-06-01,1,234.50'));
    expect(report.data_issues.map((d) => [d.code, d.line])).toEqual([['ragged_row', 2]]);
    expect(report.findings).toEqual([]);
  });

  it('trailing blank cells beyond the header are fine', () => {
    const report = checkCsv(rs(), lines(HEADER, BREACH('A1', ',, ,')));
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach']);
  });

  it('a short row is padded with blanks', () => {
    const report = checkCsv(rs({ rules: [PAY, PQE] }), lines(HEADER + ',pqe_months', BREACH('A1')));
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach', 'assignments-1.csv:2:PQE:unknown']);
  });

  it('a trailing delimiter on the header widens it (a blank header cell)', () => {
    const report = checkCsv(rs(), lines(HEADER + ',', BREACH('A1', ',note')));
    expect(report.data_issues).toEqual([]);
    expect(report.findings).toHaveLength(1);
  });
});

describe('column_missing_for_rule', () => {
  it('one per file and rule, line null, with rule and columns; also for a header-only file', () => {
    const report = checkCsv(rs({ rules: [PAY, PQE, REFS] }), [lines(HEADER, OK('A1')), lines(HEADER)]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.file, d.line, d.rule, d.columns])).toEqual([
      ['column_missing_for_rule', 'warning', 'assignments-1.csv', null, 'PQE', ['pqe_months']],
      ['column_missing_for_rule', 'warning', 'assignments-1.csv', null, 'REFS', ['reference_count']],
      ['column_missing_for_rule', 'warning', 'assignments-2.csv', null, 'PQE', ['pqe_months']],
      ['column_missing_for_rule', 'warning', 'assignments-2.csv', null, 'REFS', ['reference_count']],
    ]);
    expect(report.summary).toMatchObject({ rows: 1, checked: 1, data_errors: 0, data_warnings: 4 });
  });

  it('two rules of the same kind missing the same column: one warning each', () => {
    const report = checkCsv(rs({ rules: [PQE, { ...PQE, id: 'PQE-2' }] }), lines(HEADER, OK('A1')));
    expect(report.data_issues.map((d) => [d.code, d.rule])).toEqual([
      ['column_missing_for_rule', 'PQE'], ['column_missing_for_rule', 'PQE-2'],
    ]);
  });

  it('a header-only file with every column: no issue, zero rows', () => {
    const report = checkCsv(rs(), lines(HEADER));
    expect(report.data_issues).toEqual([]);
    expect(report.inputs[0]).toMatchObject({ file: 'assignments-1.csv', kind: 'assignments', rows: 0, checked: 0 });
  });
});

describe('leavers register', () => {
  const COOL = { id: 'COOL', kind: 'cooling_off', severity: 'error', months: 6, scope: 'region' } as const;
  const rsCool = () => rs({ rules: [COOL] });

  it('row-level issues are warnings and the row is not used', () => {
    const leavers = lines('la_code,swe_number,leaving_date',
      'E10000011,SW0,2025-03-01',
      'E10000011,SW123,',
      'E10000011,SW123,31/02/2025',
      ',SW123,2025-03-01',
      'E10000011,SW123,2025-03-01,extra',
    );
    const report = checkCsv(rsCool(), lines(HEADER, OK('A1')), { leavers });
    expect(issues(report)).toEqual([
      ['invalid_swe_number', 'warning', 'leavers-1.csv', 2, 'swe_number'],
      ['missing_value', 'warning', 'leavers-1.csv', 3, 'leaving_date'],
      ['invalid_date', 'warning', 'leavers-1.csv', 4, 'leaving_date'],
      ['missing_value', 'warning', 'leavers-1.csv', 5, 'la_code'],
      ['ragged_row', 'warning', 'leavers-1.csv', 6, null],
    ]);
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ data_errors: 0, data_warnings: 5 });
  });

  it('an unreadable leavers file is an error', () => {
    const report = checkCsv(rsCool(), lines(HEADER, OK('A1')), { leavers: '' });
    expect(issues(report)).toEqual([['unreadable_file', 'error', 'leavers-1.csv', null, null]]);
  });

  it('a leavers file with a NUL byte or UTF-16 is an error', () => {
    const report = checkCsv(rsCool(), lines(HEADER, OK('A1')), {
      leavers: [Buffer.from('la_code,swe_number,leaving_date\nE1,SW1,2025-01-01\u0000\n'), Buffer.from([0xff, 0xfe, 0x6c, 0x00])],
    });
    expect(issues(report)).toEqual([
      ['unreadable_file', 'error', 'leavers-1.csv', null, null],
      ['unreadable_file', 'error', 'leavers-2.csv', null, null],
    ]);
  });

  it('a leavers file missing a required column is an error listing it', () => {
    const report = checkCsv(rsCool(), lines(HEADER, OK('A1')), { leavers: lines('la_code,swe_number', 'E10000011,SW123') });
    const issue = only(report);
    expect(issue).toMatchObject({ severity: 'error', code: 'missing_column', file: 'leavers-1.csv', line: null, columns: ['leaving_date'] });
  });

  it('the leavers input is listed with its kind and rows; leaver rows are not assignment rows', () => {
    const report = checkCsv(rsCool(), lines(HEADER, OK('A1')), { leavers: lines('la_code,swe_number,leaving_date', 'E10000016,SW9,2025-01-01', 'E10000016,SW8,2025-01-01') });
    // the order of assignments vs leavers entries is not fixed by the spec
    expect(report.inputs.map((i) => [i.file, i.kind, i.rows]).sort()).toEqual([
      ['assignments-1.csv', 'assignments', 1], ['leavers-1.csv', 'leavers', 2],
    ]);
    expect(report.summary.rows).toBe(1);
  });

  it('ruleset column aliases apply to the register too', () => {
    const ruleset = rs({ rules: [COOL], columns: new Map([['leaving_date', ['Last Day']]]) });
    const report = checkCsv(ruleset, lines(HEADER, OK('A1')), { leavers: lines('la_code,swe_number,LAST DAY', 'E10000011,SW123,2025-03-01') });
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:COOL:breach']);
  });
});

describe('header matching', () => {
  it('normalisation: trim, lower-case, runs of space - _ to one _, trimmed _', () => {
    const header = 'la_code,assignment_id,swe_number,role,  Start - Date ,_Hourly__Pay  Rate_';
    const report = checkCsv(rs(), lines(header, BREACH('A1')));
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach']);
  });

  it('when two header cells map to one column the leftmost wins', () => {
    const header = 'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate,Start Date,Hourly Pay Rate';
    const report = checkCsv(rs(), lines(header, BREACH('A1', ',garbage,also garbage'), 'E10000011,A2,SW123,SW,bad,50,2025-06-01,30'));
    expect(report.data_issues.map((d) => [d.code, d.line, d.column, d.value])).toEqual([['invalid_date', 3, 'start_date', 'bad']]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach']);
  });

  it('leftmost wins between a ruleset alias and the canonical name', () => {
    const ruleset = rs({ columns: new Map([['hourly_pay_rate', ['Pay Rate']]]) });
    const header = 'la_code,assignment_id,swe_number,role,start_date,Pay Rate,hourly_pay_rate';
    const report = checkCsv(ruleset, lines(header, BREACH('A1', ',30'), OK('A2', ',50')));
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach']);
  });

  it('unmatched columns are ignored', () => {
    const report = checkCsv(rs(), lines(HEADER + ',Favourite Colour', BREACH('A1', ',blue')));
    expect(report.data_issues).toEqual([]);
  });

  it('ruleset columns aliases, normalised the same way', () => {
    const ruleset = rs({ columns: new Map([['hourly_pay_rate', ['Pay Rate (£/hr)']]]) });
    const header = 'la_code,assignment_id,swe_number,role,start_date,Pay Rate (£/hr)';
    const report = checkCsv(ruleset, [lines(header, BREACH('A1')), lines(header.replace('Pay Rate (£/hr)', ' pay  RATE (£/HR) '), BREACH('A2'))]);
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach', 'assignments-2.csv:2:PAY:breach']);
  });

  it('without the alias, that header is missing hourly_pay_rate', () => {
    const header = 'la_code,assignment_id,swe_number,role,start_date,Pay Rate (£/hr)';
    const report = checkCsv(rs(), lines(header, BREACH('A1')));
    expect(only(report)).toMatchObject({ code: 'missing_column', columns: ['hourly_pay_rate'] });
  });
});

describe('encodings and line breaks', () => {
  it('a UTF-8 byte-order mark is removed', () => {
    const report = checkCsv(rs(), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines(HEADER, BREACH('A1')))]));
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach']);
  });

  it('UTF-8 £ is read', () => {
    const report = checkCsv(rs(), Buffer.from(lines(HEADER, 'E10000011,A1,SW123,SW,2025-06-01,£50.00'), 'utf8'));
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach']);
  });

  it('Windows-1252 £ (byte 0xA3) is read as £', () => {
    const buf = Buffer.concat([
      Buffer.from(lines(HEADER, 'E10000011,A1,SW123,SW,2025-06-01,') .replace(/\n$/, '')),
      Buffer.from([0xa3]), Buffer.from('50.00\nE10000011,A2,SW123,SW,2025-06-01,'), Buffer.from([0xa3]), Buffer.from('30\n'),
    ]);
    const report = checkCsv(rs(), buf);
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach']);
  });

  it('one invalid UTF-8 byte makes the whole file Windows-1252 (a UTF-8 £ elsewhere then reads as Â£)', () => {
    const buf = Buffer.concat([
      Buffer.from(HEADER + '\nE10000011,A1,SW123,SW,2025-06-01,£50\nE10000011,A2,SW123,SW,2025-06-01,', 'utf8'),
      Buffer.from([0xa3]), Buffer.from('60\n'),
    ]);
    const report = checkCsv(rs(), buf);
    expect(report.data_issues.map((d) => [d.code, d.line, d.column, d.value])).toEqual([['invalid_number', 2, 'hourly_pay_rate', 'Â£50']]);
    expect(findings(report)).toEqual(['assignments-1.csv:3:PAY:breach']);
  });

  it('Windows-1252 header alias with £ matches the ruleset alias', () => {
    const ruleset = rs({ columns: new Map([['hourly_pay_rate', ['Pay Rate (£/hr)']]]) });
    const buf = Buffer.concat([
      Buffer.from('la_code,assignment_id,swe_number,role,start_date,Pay Rate ('), Buffer.from([0xa3]),
      Buffer.from('/hr)\n' + BREACH('A1') + '\n'),
    ]);
    const report = checkCsv(ruleset, buf);
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual(['assignments-1.csv:2:PAY:breach']);
  });

  it('CRLF and lone CR line breaks', () => {
    const report = checkCsv(rs(), [
      [HEADER, BREACH('A1'), OK('A2'), BREACH('A3')].join('\r\n') + '\r\n',
      [HEADER, BREACH('B1'), OK('B2'), BREACH('B3')].join('\r'),
    ]);
    expect(report.data_issues).toEqual([]);
    expect(findings(report)).toEqual([
      'assignments-1.csv:2:PAY:breach', 'assignments-1.csv:4:PAY:breach',
      'assignments-2.csv:2:PAY:breach', 'assignments-2.csv:4:PAY:breach',
    ]);
  });

  it('quoted line breaks and blank lines shift line numbers (physical line of the record start)', () => {
    const csv = [
      '', // line 1 blank, before the header
      HEADER + ',team', // line 2
      BREACH('A1', ',"Team\nwith\r\nbreaks"'), // lines 3-5
      '', // line 6 blank
      ',,,,,,', // line 7 blank record
      BREACH('A2', ',"x\ry"'), // lines 8-9
      BREACH('A3'), // line 10
    ].join('\n') + '\n';
    const report = checkCsv(rs(), csv);
    expect(report.data_issues).toEqual([]);
    expect(report.findings.map((f) => [f.assignment_id, f.line])).toEqual([['A1', 3], ['A2', 8], ['A3', 10]]);
    expect(report.summary).toMatchObject({ rows: 3, checked: 3 });
  });

  it('issue lines follow quoted line breaks too', () => {
    const csv = lines(HEADER + ',team', OK('A1', ',"a\nb\nc"'), 'E10000011,A2,SW123,SW,bad,30');
    const report = checkCsv(rs(), csv);
    expect(report.data_issues.map((d) => [d.code, d.line])).toEqual([['invalid_date', 5]]);
  });
});

describe('findings: order, identity fields and id', () => {
  it('file order, then line, then rule order in the ruleset', () => {
    const ruleset = rs({ rules: [PQE, PAY] });
    const report = checkCsv(ruleset, [
      lines(HEADER + ',pqe_months', BREACH('B1', ',1'), BREACH('B2', ',1')),
      lines(HEADER + ',pqe_months', BREACH('A1', ',1')),
    ]);
    expect(findings(report)).toEqual([
      'assignments-1.csv:2:PQE:breach', 'assignments-1.csv:2:PAY:breach',
      'assignments-1.csv:3:PQE:breach', 'assignments-1.csv:3:PAY:breach',
      'assignments-2.csv:2:PQE:breach', 'assignments-2.csv:2:PAY:breach',
    ]);
  });

  it('la_code upper-cased and trimmed, assignment_id trimmed, swe_number normalised', () => {
    const report = checkCsv(rs(), lines(HEADER, ' e10000011 ,  A-0042  , sw 00123 ,SW,2025-06-01,50'));
    expect(report.findings[0]).toMatchObject({ la_code: 'E10000011', assignment_id: 'A-0042', swe_number: 'SW123', file: 'assignments-1.csv', line: 2 });
  });

  it('id = first 12 hex of sha256(ruleset id \\x1f rule \\x1f la_code \\x1f assignment_id)', () => {
    const report = checkCsv(rs({ rules: [PAY, { ...PQE, severity: 'error' }] }), lines(HEADER + ',pqe_months', ' e10000011 , A-0042 ,SW123,SW,2025-06-01,50,1'));
    const expected = (rule: string) =>
      createHash('sha256').update(['test-region', rule, 'E10000011', 'A-0042'].join('\u001f'), 'utf8').digest('hex').slice(0, 12);
    expect(report.findings.map((f) => f.id)).toEqual([expected('PAY'), expected('PQE')]);
    expect(report.findings[0]!.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('the id is stable: the same row in another file/line gives the same id', () => {
    const a = checkCsv(rs(), lines(HEADER, BREACH('A1')));
    const b = checkCsv(rs(), lines(HEADER, OK('X'), OK('Y'), BREACH('A1')));
    expect(b.findings[0]!.line).toBe(4);
    expect(b.findings[0]!.id).toBe(a.findings[0]!.id);
  });
});

describe('summary counts', () => {
  it('rows, checked, breaches, exempted, unknown, data_errors, data_warnings', () => {
    const ruleset = rs({
      rules: [PAY, PQE],
      exemptions: [exemption({ id: 'EX-1', rules: ['PAY'], from: '2025-01-01', to: '2026-12-31' })],
    });
    const head = HEADER + ',pqe_months,exemption_ref';
    const report = checkCsv(ruleset, [
      lines(head,
        BREACH('A1', ',40,'), // PAY breach
        BREACH('A2', ',40,EX-1'), // PAY exempted
        OK('A3', ',,'), // PQE unknown (warning severity: still counted)
        OK('A4', ',10,NOPE'), // PQE breach + unknown_exemption warning
        OK('A4', ',40,'), // duplicate: not checked
        ',A6,SW123,SW,2025-06-01,50,40,', // blank la_code: not checked, missing_value
        OK('A7', ',40,,extra'), // ragged
        ',,,,,,,', // blank record: not a row
        OK('A8', ',36.0,'), // invalid_integer: checked (PAY compliant)
      ),
      lines('la_code,assignment_id', 'E1,Z1'), // missing_column: rows not counted
    ], { asOf: '2025-11-30' });
    expect(report.summary).toEqual({
      rows: 8, checked: 5, breaches: 2, exempted: 1, unknown: 1, data_errors: 5, data_warnings: 1,
    });
    expect(report.inputs.map((i) => [i.file, i.rows, i.checked])).toEqual([
      ['assignments-1.csv', 8, 5], ['assignments-2.csv', 0, 0],
    ]);
  });

  it('report header fields', () => {
    const report = checkCsv(rs(), lines(HEADER, OK('A1')), { asOf: '2025-11-30' });
    expect(report.format).toBe('moc-report/v1');
    expect(report.tool.name).toBe('moc-check');
    expect(report.as_of).toBe('2025-11-30');
    expect(report.ruleset).toEqual({ id: 'test-region', version: '1', status: 'adopted', sha256: '0'.repeat(64) });
  });

  it('inputs carry the sha256 of the file bytes', () => {
    const text = lines(HEADER, OK('A1'));
    const report = checkCsv(rs(), text);
    expect(report.inputs[0]!.sha256).toBe(createHash('sha256').update(Buffer.from(text)).digest('hex'));
  });
});

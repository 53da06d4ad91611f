// `moc-check init` (issue 9 item 4): a draft profile from a vendor export, CSV or
// workbook, that loads only once its TODOs are filled, and then checks the export.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, tempDir, writeInput } from './helpers.js';
import { makeWorkbook } from './workbook.js';

const VENDOR_CSV = [
  'Kent County Council - Agency Placements Report',
  'Run date: 30/11/2025',
  'Placement ID,SWE Reg No,Worker,Job Title,Start Date,End Date,Pay Rate (£/hr),Charge Rate,PQE (Yrs),Project Team,Left Council,Left On,Notes',
  'K-1,SW 1234,Ann,Senior Practitioner,01-Apr-2025,,£45.00,£60.00,4,No,,,',
  'K-2,SW 2345,Bob,Snr Social Worker,1 May 2025,,£38.50,£52,2.5,Project,Medway,15/03/2025,',
  'K-3,SW 3456,Cat,Agency Admin,01/06/2025,,£20,£25,0,BAU,Surrey CC,01/01/2025,x',
  ',,Total,,,,103.5,,,,,,',
  '',
].join('\n');

function json(stdout: string) {
  return JSON.parse(stdout) as { inputs: Array<Record<string, unknown>>; findings: Array<Record<string, unknown>>; data_issues: Array<Record<string, unknown>> };
}

describe('moc-check init on a vendor CSV export', () => {
  const dir = tempDir();
  const file = writeInput(dir, 'kent-2025-11.csv', VENDOR_CSV);
  const run = runCli(['init', file, '--rules', 'south-east']);
  const draft = run.stdout;

  it('writes a draft to stdout: headers matched with reasons, what is missing, values to map', () => {
    expect(run.code).toBe(0);
    expect(draft).toContain('  assignment_id: Placement ID # close match ("assignment", "id"): check it\n');
    expect(draft).toContain('  swe_number: SWE Reg No # read as this already (a name the ruleset gives the column)\n');
    expect(draft).toContain('  start_date: Start Date # read as start_date already (the header normalised)\n');
    expect(draft).toContain('  left_substantive_la: Left Council # close match');
    expect(draft).toContain('  la_code: TODO\n');
    expect(draft).toContain('  pqe_months: years # the header says years');
    expect(draft).toContain('    Snr Social Worker: Senior Social Worker # 1 row(s): closest role; check it\n');
    expect(draft).toMatch(/ {4}Agency Admin: TODO # 1 row\(s\): not a role of the ruleset; one of: Social Worker, /);
    expect(draft).toContain('    Project: yes # 1 row(s): read as yes; check it\n');
    expect(draft).toContain('    BAU: no # 1 row(s): read as no; check it\n');
    expect(draft).toContain('    Surrey CC: E10000030 # 1 row(s): closest council: Surrey; check it\n');
    // Medway is a council name the check reads, and Senior Practitioner a ruleset alias: not listed
    expect(draft).not.toContain('Medway:');
    expect(draft).not.toContain('Senior Practitioner:');
    expect(draft).toContain('#   M: Notes\n');
    expect(draft).toContain('header at line 3, 2 record(s) above it skipped; 3 row(s)');
    expect(parse(draft)).toMatchObject({ format: 'moc-profile/v1', files: 'kent-*.csv' });
    expect(run.stderr).toContain('1 required column(s) missing, 2 TODO(s)');
  });

  it('does not load until its TODOs are filled: each one located', () => {
    const profile = writeInput(dir, 'draft.yaml', draft);
    const check = runCli(['check', '--rules', 'south-east', '--profile', profile, '--as-of', '2025-11-30', file]);
    expect(check.code).toBe(2);
    const line = (text: string) => draft.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(check.stderr).toContain(`${profile}:${line('la_code: TODO')}:`);
    expect(check.stderr).toContain('the fixed value of column "la_code" is still TODO (a draft from moc-check init): fill it in, or delete the line');
    expect(check.stderr).toContain(`${profile}:${line('Agency Admin: TODO')}:`);
  });

  it('once filled, checks the export: findings, the totals row a warning, the council from the profile', () => {
    const filled = draft.replace('la_code: TODO', 'la_code: Kent').replace('Agency Admin: TODO', 'Agency Admin: Social Worker');
    const profile = writeInput(dir, 'filled.yaml', filled);
    const check = runCli(['check', '--rules', 'south-east', '--profile', profile, '--as-of', '2025-11-30', '--format', 'json', file]);
    expect(check.code).toBe(1);
    const report = json(check.stdout);
    expect(report.inputs[0]).toMatchObject({ rows: 3, checked: 3, skipped_above_header: 2, profile });
    expect(report.data_issues.filter((d) => d.code !== 'column_missing_for_rule').map((d) => [d.code, d.line])).toEqual([['summary_row', 7]]);
    expect(new Set(report.findings.map((f) => f.la_code))).toEqual(new Set(['E10000016']));
    expect(report.findings.filter((f) => f.status === 'breach').length).toBeGreaterThan(0);
    // K-2 left Medway on 2025-03-15 and started on 2025-05-01: the region's cooling-off rule sees it
    expect(report.findings.filter((f) => f.assignment_id === 'K-2').map((f) => [f.rule, f.status])).toContainEqual(['SE-COOLING-OFF', 'breach']);
  });
});

describe('moc-check init on a workbook', () => {
  it('names the sheet, finds the header under a title, and the filled draft checks the workbook', () => {
    const dir = tempDir();
    const book = makeWorkbook({
      sheets: [
        { name: 'Old', state: 'hidden', rows: [['x']] },
        { name: 'Placements', rows: [['Agency placements'], ['Booking Ref', 'SWE No', 'Position', 'Commenced', 'Hourly Rate', 'Local Authority'], ['B-1', 'SW 9', 'Social Worker', '2025-06-01', 55, 'Kent County Council'], ['B-2', 'SW 10', 'Social Worker', '2025-06-01', 30, 'Kent CC']] },
      ],
    });
    const file = writeInput(dir, 'export.xlsx', book);
    const out = join(dir, 'profile.yaml');
    const run = runCli(['init', file, '--rules', 'south-east', '--output', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const draft = readFileSync(out, 'utf8');
    expect(parse(draft)).toMatchObject({
      sheet: 'Placements',
      columns: { assignment_id: 'Booking Ref', swe_number: 'SWE No', role: 'Position', start_date: 'Commenced', hourly_pay_rate: 'Hourly Rate', la_code: 'Local Authority' },
      values: { la_code: { 'Kent CC': 'E10000016' } },
    });
    expect(draft).toContain('header at row 2, 1 record(s) above it skipped');
    expect(draft).not.toContain('TODO');
    // what column_missing_for_rule will say on every run, said once here
    expect(draft).toContain('#   DFE-NOTICE needs notice_weeks\n');
    expect(draft).toContain('#   DFE-REFERENCES needs reference_count, reference_template, references_complete_date\n');
    expect(run.stderr).toContain(`next: check the suggestions in ${out}`);
    const check = runCli(['check', '--rules', 'south-east', '--profile', out, '--as-of', '2025-11-30', '--format', 'json', file]);
    const report = json(check.stdout);
    expect(report.inputs[0]).toMatchObject({ rows: 2, checked: 2, sheet: 'Placements' });
    expect(report.findings.filter((f) => f.status === 'breach').map((f) => [f.assignment_id, f.la_code])).toContainEqual(['B-1', 'E10000016']);
    expect(report.data_issues.filter((d) => d.code !== 'column_missing_for_rule')).toEqual([]);
  });
});

describe('moc-check init: where it writes, and bad samples', () => {
  it('refuses to overwrite the sample or an existing file; --force replaces the file', () => {
    const dir = tempDir();
    const file = writeInput(dir, 'a.csv', VENDOR_CSV);
    const same = runCli(['init', file, '--output', file]);
    expect([same.code, same.stderr]).toEqual([2, `moc-check: the output ${file} is one of the input files; refusing to overwrite it\n`]);
    expect(readFileSync(file, 'utf8')).toBe(VENDOR_CSV);
    const existing = writeInput(dir, 'p.yaml', 'mine\n');
    const refused = runCli(['init', file, '--output', existing]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('exists; refusing to overwrite it');
    expect(readFileSync(existing, 'utf8')).toBe('mine\n');
    expect(runCli(['init', file, '--output', existing, '--force']).code).toBe(0);
    expect(readFileSync(existing, 'utf8')).toContain('format: moc-profile/v1');
  });

  it('writes nothing beside the sample when printing to stdout', () => {
    const dir = tempDir();
    const file = writeInput(dir, 'a.csv', VENDOR_CSV);
    runCli(['init', file]);
    expect(existsSync(join(dir, 'a.yaml'))).toBe(false);
  });

  it.each([
    ['empty.csv', '', 'the file is empty or holds only blank lines; no profile was written'],
    ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(60)]), 'this is an old Excel workbook (.xls)'],
  ])('%s: exit 2 with a plain message', (name, content, message) => {
    const file = writeInput(tempDir(), name, content);
    const run = runCli(['init', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('    at ');
  });

  it('a leavers register, by --kind', () => {
    const file = writeInput(tempDir(), 'leavers.csv', 'SWE No,Council,Date Left\nSW1,Kent,2025-03-31\nSW2,Kent Cty,2025-04-30\n');
    const run = runCli(['init', file, '--kind', 'leavers']);
    expect(parse(run.stdout)).toMatchObject({ columns: { swe_number: 'SWE No', la_code: 'Council', leaving_date: 'Date Left' }, values: { la_code: { 'Kent Cty': 'E10000016' } } });
  });

  it('header cells that would break a comment are neutralised there, and written exactly as keys', () => {
    const file = writeInput(tempDir(), 'a.csv', 'assignment_id,swe_number,role,start_date,hourly_pay_rate,la_code,"Remarks\n# x: 1"\nA1,SW1,"Odd\u001b[2J",2025-06-01,30,Kent,\n');
    const run = runCli(['init', file]);
    expect(run.stdout).toContain('#   G: Remarks\\x0A# x: 1\n');
    const parsed = parse(run.stdout) as { values: { role: Record<string, string> }; fixed?: unknown };
    expect(Object.keys(parsed.values.role)).toEqual(['Odd\u001b[2J']);
    expect(parsed.fixed).toBeUndefined();
  });
});

describe('moc-check init --sheet', () => {
  const book = 'fixtures/example/vendor-placements-2025-11.xlsx';

  it('warns when the sheet read has no header, and reads the sheet named', () => {
    const first = runCli(['init', book, '--rules', 'south-east']);
    expect(first.stderr).toContain('warning: no record among the first 20 non-blank ones names two required columns, so the first is taken as the header; is "Summary" the sheet to read (--sheet)?');
    const named = runCli(['init', book, '--rules', 'south-east', '--sheet', 'Placements']);
    expect(named.stderr).not.toContain('warning');
    expect(parse(named.stdout)).toMatchObject({ sheet: 'Placements', files: 'vendor-placements-*.xlsx', units: { pqe_months: 'years' }, values: { la_code: { 'West Sussex CC': 'E10000032' } } });
  });

  it('a sheet the workbook lacks: exit 2 naming the worksheets', () => {
    const run = runCli(['init', book, '--sheet', 'Data']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no worksheet named "Data", the sheet --sheet names (its worksheets: "Summary", "Placements"); correct --sheet; no profile was written');
  });
});

describe('moc-check init: a header the check would not find by itself (header_row)', () => {
  // A small summary block above the table has a header of its own: "Council Name" and
  // "Pay Rate (£/hr)". Read on its own it names one required column (Council Name is
  // closest to la_name), so init takes the table's header at line 5, where la_name has
  // its own cell and "Council Name" is la_code. But the check, reading with the draft's
  // names, would take line 2 (la_code and hourly_pay_rate): the draft says header_row.
  const SUMMARY_ABOVE = [
    'Agency placements report',
    'Council Name,Pay Rate (£/hr)',
    'Kent,45.00',
    '',
    'Council Name,LA Name,Placement ID,SWE Reg No,Job Title,Start Date,Pay Rate (£/hr)',
    'Kent,Kent County Council,K-1,SW 1234,Social Worker,01/04/2025,£45.00',
    'E10000016,Kent,K-2,SW 2345,Team Manager,01/05/2025,£60.00',
    '',
  ].join('\n');
  const check = (profile: string, file: string) => runCli(['check', '--rules', 'south-east', '--profile', profile, '--as-of', '2025-11-30', '--format', 'json', '--fail-on', 'never', file]);

  it('writes header_row with the header\'s line, and the check then reads the table there', () => {
    const dir = tempDir();
    const file = writeInput(dir, 'kent-2025-11.csv', SUMMARY_ABOVE);
    const out = join(dir, 'profile.yaml');
    const run = runCli(['init', file, '--rules', 'south-east', '--output', out]);
    expect(run.code).toBe(0);
    const draft = readFileSync(out, 'utf8');
    expect(draft).toContain('# the check would not find this header by itself: its line or row\nheader_row: 5\n');
    expect(draft).toContain('header at line 5, 3 record(s) above it skipped; 2 row(s)');
    expect(parse(draft)).toMatchObject({ header_row: 5, columns: { la_code: 'Council Name', la_name: 'LA Name', assignment_id: 'Placement ID', hourly_pay_rate: 'Pay Rate (£/hr)' } });
    expect(draft).not.toContain('TODO');

    const report = json(check(out, file).stdout);
    expect(report.inputs[0]).toMatchObject({ rows: 2, checked: 2, skipped_above_header: 3, profile: out });
    expect(report.data_issues.filter((d) => d.code !== 'column_missing_for_rule')).toEqual([]);
    expect(new Set(report.findings.map((f) => `${f.assignment_id}:${f.line}:${f.la_code}`))).toEqual(new Set(['K-1:6:E10000016', 'K-2:7:E10000016']));

    // without header_row the same profile's check takes the summary block's header at line 2
    const withoutRow = writeInput(dir, 'no-header-row.yaml', draft.replace(/^header_row: 5\n/m, ''));
    const wrong = json(check(withoutRow, file).stdout);
    expect(wrong.inputs[0]).toMatchObject({ rows: 0, skipped_above_header: 1 });
    expect(wrong.data_issues).toContainEqual(expect.objectContaining({ code: 'missing_column', columns: ['assignment_id', 'swe_number', 'role', 'start_date'] }));
    expect(wrong.findings).toEqual([]);
  });

  it('in a workbook, header_row is the header\'s row, blank rows counted', () => {
    const dir = tempDir();
    const lines = SUMMARY_ABOVE.split('\n').filter((l) => l !== '').map((l) => l.split(','));
    // rows 1-3 the title and the summary block, rows 4-8 blank, the table's header at row 9
    const book = makeWorkbook({ sheets: [{ name: 'Placements', rows: [[1, lines[0]!], [2, lines[1]!], [3, lines[2]!], [9, lines[3]!], [10, lines[4]!], [11, lines[5]!]] }] });
    const file = writeInput(dir, 'kent-2025-11.xlsx', book);
    const out = join(dir, 'profile.yaml');
    expect(runCli(['init', file, '--rules', 'south-east', '--output', out]).code).toBe(0);
    const draft = readFileSync(out, 'utf8');
    expect(parse(draft)).toMatchObject({ sheet: 'Placements', header_row: 9 });
    expect(draft).toContain('header at row 9, 3 record(s) above it skipped; 2 row(s)');
    const report = json(check(out, file).stdout);
    expect(report.inputs[0]).toMatchObject({ rows: 2, checked: 2, skipped_above_header: 3 });
    expect(new Set(report.findings.map((f) => f.line))).toEqual(new Set([10, 11]));
  });

  it('a header the check finds by itself (under a title) gets no header_row', () => {
    const file = writeInput(tempDir(), 'kent-2025-11.csv', VENDOR_CSV);
    const run = runCli(['init', file, '--rules', 'south-east']);
    expect(run.stdout).toContain('header at line 3, 2 record(s) above it skipped');
    expect(run.stdout).not.toContain('header_row');
    expect((parse(run.stdout) as Record<string, unknown>).header_row).toBeUndefined();
  });
});

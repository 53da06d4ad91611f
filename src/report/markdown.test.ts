import { describe, expect, it } from 'vitest';
import { factoryRuleset, makeFinding, makeReport, payCap } from '../../test/report-factory.js';
import type { Finding } from '../types.js';
import { formatMarkdown } from './markdown.js';
import { mdCell } from './markdown-text.js';
import { buildRegionalTable, estimateMonthlySpend } from './regional.js';

const ruleset = factoryRuleset();
const opts = { ruleset, color: false, verbose: false };

function fixture() {
  const kentA = payCap(58, 52, 37, { assignment_id: 'K-1' });
  const findings: Finding[] = [
    kentA,
    makeFinding({ rule: 'DFE-PQE', kind: 'min_pqe', assignment_id: 'K-1', message: "20 months' post-qualifying experience, 36 required", details: { pqe_months: 20, required: 36 } }),
    payCap(60.5, 52, 22.5, { assignment_id: 'K-2' }),
    payCap(38.005, 38, 37.5, { assignment_id: 'K-3' }),
    payCap(70, 52, null, { assignment_id: 'K-4' }),
    payCap(99, 52, 40, { assignment_id: 'K-5', status: 'exempted', exemption: 'SE-EX-1' }),
    makeFinding({ rule: 'DFE-NOTICE', kind: 'min_notice', severity: 'warning', status: 'unknown', assignment_id: 'K-6', details: { missing: ['notice_weeks'] } }),
    makeFinding({
      rule: 'DFE-NOTICE', kind: 'min_notice', severity: 'warning', la_code: 'E10000011', assignment_id: 'E-1', file: 'exports/es.csv',
      details: { notice_weeks: 1, required: 4 }, context: { la_name: 'East Sussex', agency: 'Bright | Care', team: 'Line one\nline two' },
    }),
    makeFinding({
      rule: 'DFE-PQE', kind: 'min_pqe', status: 'exempted', exemption: 'SE-EX-2', la_code: 'E10000011', assignment_id: 'E-2',
      file: 'exports/es.csv', details: {}, context: { la_name: 'East Sussex' },
    }),
  ];
  return makeReport(findings, {
    councils: [
      { la_code: 'E10000016', la_name: 'Kent', checked: 50 },
      { la_code: 'E10000011', la_name: 'East Sussex', checked: 40 },
      { la_code: 'E10000030', la_name: 'Surrey', checked: 8 },
    ],
  });
}

/** Cells of a markdown table line, split on unescaped pipes. */
function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

function sectionLines(md: string, heading: string): string[] {
  const start = md.indexOf(`## ${heading}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = md.slice(start).split('\n').slice(1);
  const end = rest.findIndex((l) => l.startsWith('## '));
  return end < 0 ? rest : rest.slice(0, end);
}

function regionalRows(md: string): Map<string, Record<string, string>> {
  const lines = sectionLines(md, 'Regional breach table').filter((l) => l.startsWith('|'));
  const head = cells(lines[0]!);
  const out = new Map<string, Record<string, string>>();
  for (const line of lines.slice(2)) {
    const c = cells(line);
    const rec: Record<string, string> = {};
    head.forEach((h, i) => (rec[h.replace(/\\/g, '')] = (c[i] ?? '').replace(/\*\*/g, '')));
    out.set(rec['Code'] === '' ? 'TOTAL' : rec['Code']!, rec);
  }
  return out;
}

describe('formatMarkdown regional table', () => {
  it('has counts per council and rule equal to the report', () => {
    const report = fixture();
    const md = formatMarkdown(report, opts);
    const rows = regionalRows(md);
    expect([...rows.keys()]).toEqual(['E10000016', 'E10000011', 'E10000030', 'TOTAL']);
    for (const [code, rec] of rows) {
      const mine = code === 'TOTAL' ? report.findings : report.findings.filter((f) => f.la_code === code);
      for (const rule of ruleset.rules) {
        const b = mine.filter((f) => f.rule === rule.id && f.status === 'breach').length;
        const e = mine.filter((f) => f.rule === rule.id && f.status === 'exempted').length;
        expect(rec[rule.id], `${code} ${rule.id}`).toBe(`${b} (${e})`);
      }
      expect(rec['Unknown']).toBe(String(mine.filter((f) => f.status === 'unknown').length));
    }
    // the totals row adds up to the summary
    const total = rows.get('TOTAL')!;
    const sumB = ruleset.rules.reduce((n, r) => n + Number(/^(\d+)/.exec(total[r.id]!)![1]), 0);
    const sumE = ruleset.rules.reduce((n, r) => n + Number(/\((\d+)\)/.exec(total[r.id]!)![1]), 0);
    expect(sumB).toBe(report.summary.breaches);
    expect(sumE).toBe(report.summary.exempted);
    expect(Number(total['Unknown'])).toBe(report.summary.unknown);
    expect(rows.get('E10000016')!['Council']).toBe('Kent');
  });

  it('gives the share of checked assignments with no breach per council and overall', () => {
    const report = fixture();
    const rows = regionalRows(formatMarkdown(report, opts));
    // Kent: 50 checked, breached assignments K-1 (two rules), K-2, K-3, K-4 = 4 -> 46/50
    expect(rows.get('E10000016')!['No breach']).toBe('92.0%');
    expect(rows.get('E10000011')!['No breach']).toBe('97.5%'); // 39/40
    expect(rows.get('E10000030')!['No breach']).toBe('100.0%');
    expect(rows.get('TOTAL')!['No breach']).toBe(`${(((98 - 5) / 98) * 100).toFixed(1)}%`);
  });

  it('shows no per-council share when the report lacks per-council counts, but still a total', () => {
    const report = fixture();
    delete report.councils;
    const table = buildRegionalTable(report, ruleset);
    expect(table.rows.map((r) => r.la_code)).toEqual(['E10000016', 'E10000011']);
    expect(table.rows[0]!.noBreachShare).toBeNull();
    expect(table.totals.noBreachShare).toBeCloseTo(93 / 98);
  });

  it('estimates the monthly spend above caps from the findings, counting breaches without hours', () => {
    const report = fixture();
    // (58-52)*37*52/12 + (60.5-52)*22.5*52/12 + (38.01-38.00)*37.5*52/12 = 962 + 828.75 + 1.625
    const hand = [
      [58, 52, 37],
      [60.5, 52, 22.5],
      [38.01, 38, 37.5],
    ].reduce((sum, [r, c, h]) => sum + (Math.round(r! * 100) - Math.round(c! * 100)) * h! * 52 / 12, 0);
    expect(hand).toBeCloseTo(179237.5, 6); // pence
    const spend = estimateMonthlySpend(report.findings);
    expect(spend).toEqual({ pence: 179238, breaches: 4, priced: 3, noHours: 1, noRate: 0, sameAssignment: 0 });
    const md = formatMarkdown(report, opts);
    const rows = regionalRows(md);
    expect(rows.get('TOTAL')!['Est. monthly spend above caps']).toBe('£1,792.38 (1 without hours)');
    expect(rows.get('E10000016')!['Est. monthly spend above caps']).toBe('£1,792.38 (1 without hours)');
    expect(rows.get('E10000011')!['Est. monthly spend above caps']).toBe('£0.00');
    expect(md).toContain('Estimated monthly spend above caps: **£1,792.38**');
    expect(md).toContain('1 had no hours recorded');
  });

  it('does not count exempted pay-cap findings or unknowns in the spend', () => {
    const spend = estimateMonthlySpend([
      payCap(99, 52, 40, { status: 'exempted', exemption: 'SE-EX-1' }),
      payCap(99, 52, 40, { status: 'unknown' }),
    ]);
    expect(spend.pence).toBe(0);
    expect(spend.breaches).toBe(0);
  });
});

describe('formatMarkdown sections', () => {
  it('has a headline with the summary figures, ruleset and as-of date', () => {
    const report = fixture();
    const md = formatMarkdown(report, opts);
    expect(md).toContain('as of **2025-11-30**');
    expect(md).toContain('Ruleset **south-east**');
    expect(md).toContain('| 3 | 98 | 6 | 2 | 1 | 0 |');
  });

  it('summarises exemptions with their approvers', () => {
    const md = formatMarkdown(fixture(), opts);
    const lines = sectionLines(md, 'Exemptions');
    const ex1 = lines.find((l) => l.startsWith('| SE-EX-1 '))!;
    expect(ex1).toContain('DCS Kent, Regional board');
    expect(cells(ex1)[1]).toBe('active');
    const ex2 = lines.find((l) => l.startsWith('| SE-EX-2 '))!;
    expect(ex2).toContain('unused');
    expect(cells(ex2)[1]).toBe('expiring');
  });

  it('lists breaches by agency', () => {
    const md = formatMarkdown(fixture(), opts);
    const lines = sectionLines(md, 'Breaches by agency').filter((l) => l.startsWith('|'));
    expect(cells(lines[2]!).slice(0, 2)).toEqual(['Acme Social Care', '5']);
    expect(cells(lines[3]!).slice(0, 2)).toEqual(['Bright \\| Care', '1']);
  });

  it('escapes pipes, backslashes, markup and line breaks in input text so the table keeps its shape', () => {
    const report = fixture();
    report.findings[0]!.context.team = 'a|b\\c\r\nd';
    report.findings[0]!.message = '[click](http://evil) <img src=x> *bold* `code`';
    const md = formatMarkdown(report, opts);
    const findingLines = sectionLines(md, 'Findings').filter((l) => l.startsWith('|'));
    const width = cells(findingLines[0]!).length;
    for (const l of findingLines) expect(cells(l)).toHaveLength(width);
    expect(md).toContain('a\\|b\\\\c<br>d');
    expect(md).toContain('\\[click\\](http://evil) \\<img src=x\\> \\*bold\\* \\`code\\`');
    expect(md).not.toMatch(/\r/);
    expect(mdCell('x\u001b[2Jy')).toBe('x\\x1B\\[2Jy');
  });

  it('shows worker names only with names', () => {
    const report = fixture();
    report.findings[0]!.context.worker_name = 'Jane Doe';
    expect(formatMarkdown(report, opts)).not.toContain('Jane Doe');
    const withNames = formatMarkdown(report, { ...opts, names: true });
    expect(withNames).toContain('Jane Doe');
    expect(withNames).toContain('| Worker |');
  });
});

describe('baseline marks (issue 15 item 8)', () => {
  it('shows breaches known in the baseline apart from new ones, in markdown and html', async () => {
    const { formatHtml } = await import('./html.js');
    const report = makeReport([payCap(58, 52, 37, { baseline: 'known' }), payCap(60, 52, 37, { baseline: 'new' })]);
    const md = formatMarkdown(report, opts);
    expect(md).toContain('| breach (known in baseline) |');
    expect(md).toContain('| **breach (new)** |');
    const page = formatHtml(report, opts);
    expect(page).toContain('<span class="sub baseline-known">known in baseline</span>');
    expect(page).toContain('<span class="sub baseline-new">new</span>');
    // without --baseline nothing changes
    expect(formatMarkdown(makeReport([payCap(58, 52, 37)]), opts)).not.toContain('baseline)');
  });
});

describe('spend above caps, once per assignment (issue 15 item 7)', () => {
  it('counts an assignment breaching both the pay-rate and the charge-rate cap once, on the first rule', () => {
    const pay = payCap(58, 52, 37, { rule: 'SE-PAY-CAP', line: 40, assignment_id: 'A-X' });
    const charge = payCap(80, 70, 37, { rule: 'SE-CHARGE-CAP', line: 40, assignment_id: 'A-X', details: { basis: 'hourly_charge_rate', rate: 80, cap: 70, role: 'team_manager', window_from: '2025-04-01', window_to: null } });
    const other = payCap(53, 52, 37, { line: 41, assignment_id: 'A-Y' });
    const spend = estimateMonthlySpend([pay, charge, other]);
    // (6 + 1) × 37 × 52 / 12 = £1,122.33; the charge-rate breach of A-X is not added
    expect(spend).toMatchObject({ pence: 112233, breaches: 2, priced: 2, sameAssignment: 1 });
    expect(estimateMonthlySpend([pay, other]).pence).toBe(112233);
  });

  // A check lists a row's findings together and checks an assignment once a run, so a
  // row is told apart from the one before it only (SameRow, docs/decisions.md).
  const at = (over: Parameters<typeof payCap>[3]) => payCap(58, 52, 37, over);
  it.each([
    { what: 'the same row twice in a row', rows: [at({ line: 40, assignment_id: 'A-X' }), at({ line: 40, assignment_id: 'A-X', rule: 'SE-CHARGE-CAP' })], breaches: 1, same: 1 },
    { what: 'the same line, another assignment', rows: [at({ line: 40, assignment_id: 'A-X' }), at({ line: 40, assignment_id: 'A-Z' })], breaches: 2, same: 0 },
    { what: 'the same line and id, another council', rows: [at({ line: 40, assignment_id: 'A-X' }), at({ line: 40, assignment_id: 'A-X', la_code: 'E10000011' })], breaches: 2, same: 0 },
    { what: 'the same line and id, another file', rows: [at({ line: 40, assignment_id: 'A-X' }), at({ line: 40, assignment_id: 'A-X', file: 'other.csv' })], breaches: 2, same: 0 },
    { what: 'another line, the same id', rows: [at({ line: 40, assignment_id: 'A-X' }), at({ line: 41, assignment_id: 'A-X' })], breaches: 2, same: 0 },
    {
      what: 'three rows of two breaches each',
      rows: [
        at({ line: 40, assignment_id: 'A-X' }), at({ line: 40, assignment_id: 'A-X', rule: 'SE-CHARGE-CAP' }),
        at({ line: 41, assignment_id: 'A-Y' }), at({ line: 41, assignment_id: 'A-Y', rule: 'SE-CHARGE-CAP' }),
        at({ line: 40, assignment_id: 'A-X', file: 'other.csv' }), at({ line: 40, assignment_id: 'A-X', file: 'other.csv', rule: 'SE-CHARGE-CAP' }),
      ],
      breaches: 3, same: 3,
    },
  ])('tells rows apart by file, line, council and assignment: $what', ({ rows, breaches, same }) => {
    expect(estimateMonthlySpend(rows)).toMatchObject({ breaches, sameAssignment: same });
  });
});

describe('distinct breached assignments, counted as a check lists findings (a row\'s together)', () => {
  /** `rows` rows, each breaching `perRow` rules; agencies and councils alternate row by row. */
  function rows(count: number, perRow: number): Finding[] {
    const out: Finding[] = [];
    const rules = [['SE-PAY-CAP', 'pay_cap'], ['DFE-PQE', 'min_pqe'], ['DFE-NOTICE', 'min_notice']] as const;
    for (let r = 0; r < count; r++) {
      const la = r % 3 === 0 ? 'E10000011' : 'E10000016';
      for (let k = 0; k < perRow; k++) {
        const [rule, kind] = rules[k]!;
        out.push(makeFinding({ rule, kind, la_code: la, line: r + 2, assignment_id: `A-${r}`, context: { agency: r % 2 === 0 ? 'Even Ltd' : 'Odd Ltd' } }));
      }
    }
    return out;
  }
  it.each([
    { count: 1, perRow: 1 },
    { count: 7, perRow: 3 },
    { count: 40, perRow: 2 },
  ])('$count rows of $perRow breaches', ({ count, perRow }) => {
    const report = makeReport(rows(count, perRow), {
      councils: [{ la_code: 'E10000016', la_name: 'Kent', checked: 100 }, { la_code: 'E10000011', la_name: 'East Sussex', checked: 100 }],
    });
    const md = formatMarkdown(report, opts);
    const agency = new Map(sectionLines(md, 'Breaches by agency').filter((l) => l.startsWith('|')).slice(2).map((l) => [cells(l)[0], cells(l)]));
    const even = Math.ceil(count / 2);
    expect(agency.get('Even Ltd')?.slice(1, 2).concat(agency.get('Even Ltd')![3]!)).toEqual([String(even * perRow), String(even)]);
    if (count > 1) expect(agency.get('Odd Ltd')![3]).toBe(String(count - even));
    const east = Math.ceil(count / 3);
    const table = buildRegionalTable(report, ruleset);
    expect(table.rows.map((r) => [r.la_code, r.breachedAssignments])).toEqual([['E10000016', count - east], ['E10000011', east]]);
    expect(table.rows.map((r) => r.noBreachShare)).toEqual([(100 - (count - east)) / 100, (100 - east) / 100]);
  });
});

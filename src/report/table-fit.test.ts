import { describe, expect, it } from 'vitest';
import { factoryRuleset, makeFinding, makeReport, payCap } from '../../test/report-factory.js';
import type { Finding, Rule } from '../types.js';
import { formatPounds } from '../money.js';
import { cellWidth } from '../width.js';
import { buildRegionalTable } from './regional.js';
import { drawGrid, gridWidth, splitGrid, wrapCell, type Grid } from './table-fit.js';
import { formatTable } from './table.js';

const grid: Grid = {
  head: ['Name', 'Alpha', 'Beta\ntwo lines', 'Gamma', 'Delta'],
  rows: [
    ['first row', '1', '22', '333', '£4,444.44'],
    ['東京', '5 (1)', '6', '7', '8'],
  ],
};

const widest = (text: string): number => Math.max(...text.split('\n').map(cellWidth));

describe('gridWidth and drawGrid', () => {
  it('measures the table exactly as cli-table3 draws it', () => {
    expect(widest(drawGrid(grid))).toBe(gridWidth(grid));
    expect(widest(drawGrid({ head: ['a'], rows: [['東京東京']] }))).toBe(gridWidth({ head: ['a'], rows: [['東京東京']] }));
  });
  it('draws compactly unless a body cell has several lines', () => {
    expect(drawGrid(grid)).not.toContain('├─────────────┼'.slice(0, 3) + '─'.repeat(8) + '┼'.repeat(0) + '\n│ 東京');
    const compact = drawGrid(grid).split('\n').filter((l) => l.startsWith('├'));
    expect(compact).toHaveLength(1); // only under the heading
    const tall = drawGrid({ head: ['a', 'b'], rows: [['x', '1\n2'], ['y', '3']] }).split('\n').filter((l) => l.startsWith('├'));
    expect(tall).toHaveLength(2);
  });
});

describe('splitGrid', () => {
  it('keeps the grid whole when it fits', () => {
    expect(splitGrid(grid, 1, gridWidth(grid))).toEqual([grid]);
  });
  it('splits the other columns into tables that each fit, the label column in each, nothing lost', () => {
    const width = gridWidth(grid) - 1;
    const parts = splitGrid(grid, 1, 30);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(gridWidth(part)).toBeLessThanOrEqual(30);
      expect(part.head[0]).toBe('Name');
      expect(part.rows.map((r) => r[0])).toEqual(['first row', '東京']);
    }
    expect(parts.flatMap((p) => p.head.slice(1))).toEqual(grid.head.slice(1));
    expect(splitGrid(grid, 1, width).length).toBe(2);
  });
  it('gives a column too wide for the room a table of its own rather than cutting it', () => {
    const parts = splitGrid(grid, 1, 10);
    expect(parts).toHaveLength(4);
    expect(parts.flatMap((p) => p.rows.flatMap((r) => r.slice(1)))).toContain('£4,444.44');
  });
});

describe('wrapCell', () => {
  it('breaks at spaces, or after the commas of a list, never inside a word', () => {
    expect(wrapCell('Brighton and Hove', 12)).toBe('Brighton and\nHove');
    expect(wrapCell('E10000011, E10000016, E10000030', 22, ', ')).toBe('E10000011, E10000016,\nE10000030');
    expect(wrapCell('Supercalifragilistic', 5)).toBe('Supercalifragilistic');
  });
});

// ---------------------------------------------------------------- the terminal report

const COUNCILS: Array<[string, string]> = [
  ['E10000011', 'East Sussex'], ['E10000016', 'Kent'], ['E10000030', 'Surrey'], ['E10000032', 'West Sussex'],
  ['E06000043', 'Brighton and Hove'], ['E06000035', 'Medway'], ['E10000014', 'Hampshire'], ['E06000044', 'Portsmouth'],
  ['E06000045', 'Southampton'], ['E06000046', 'Isle of Wight'], ['E10000025', 'Oxfordshire'], ['E06000036', 'Bracknell Forest'],
];

const RULES: Rule[] = [
  { id: 'SE-PAY-CAP', kind: 'pay_cap', severity: 'error', title: 'Agency pay cap', basis: 'hourly_pay_rate', caps: [] },
  { id: 'DFE-PQE', kind: 'min_pqe', severity: 'error', months: 36, title: 'At least 3 years of post-qualifying experience' },
  { id: 'DFE-NOTICE', kind: 'min_notice', severity: 'warning', title: 'Notice period', weeks: 4 },
  { id: 'DFE-REFERENCES', kind: 'references', severity: 'error', min: 2, template: true, before_start: true } as unknown as Rule,
  { id: 'DFE-PROJECT-TEAM', kind: 'project_team', severity: 'error' } as Rule,
  { id: 'SE-COOLING-OFF', kind: 'cooling_off', severity: 'error', months: 6, scope: 'region' } as unknown as Rule,
];

/** A run over `n` councils with breaches, exempted findings and spend of different widths per council. */
function regionalRun(n: number): { findings: Finding[]; ruleset: ReturnType<typeof factoryRuleset> } {
  const councils = COUNCILS.slice(0, n);
  const findings: Finding[] = [];
  councils.forEach(([code, name], i) => {
    for (let k = 0; k <= i; k++) findings.push(payCap(40 + k, 38, 37 + i * 3, { la_code: code, context: { la_name: name } }));
    findings.push(makeFinding({ rule: 'DFE-PQE', kind: 'min_pqe', la_code: code, status: i % 2 === 0 ? 'breach' : 'exempted', exemption: i % 2 === 0 ? null : 'SE-EX-2' }));
    if (i % 3 === 0) findings.push(makeFinding({ rule: 'DFE-NOTICE', kind: 'min_notice', la_code: code, status: 'unknown' }));
    for (let k = 0; k < i * 11; k++) findings.push(makeFinding({ rule: 'SE-COOLING-OFF', kind: 'cooling_off', la_code: code }));
  });
  const ruleset = factoryRuleset({ rules: RULES, region: { name: 'South East', las: new Map(councils) } });
  return { findings, ruleset };
}

/** Every figure of the regional table, as the table writes it. */
function regionalFigures(report: ReturnType<typeof makeReport>, ruleset: ReturnType<typeof factoryRuleset>): string[] {
  const t = buildRegionalTable(report, ruleset);
  const out: string[] = [];
  for (const row of [...t.rows, t.totals]) {
    for (const n of row.rules.values()) out.push(n.exempted > 0 ? `${n.breaches} (${n.exempted})` : String(n.breaches));
    out.push(String(row.unknown), formatPounds(row.spend.pence));
    if (row.noBreachShare !== null) out.push(`${Math.round(row.noBreachShare * 100)}%`);
  }
  return out;
}

/** Whether `figure` stands whole in the text: not joined to other characters on its line. */
function standsWhole(text: string, figure: string): boolean {
  const esc = figure.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s│])${esc}($|[\\s│])`, 'm').test(text);
}

describe('formatTable fitted to the terminal', () => {
  for (const councils of [3, 12]) {
    for (const columns of [80, 120, 200]) {
      for (const color of [false, true]) {
        it(`${councils} councils at ${columns} columns${color ? ', coloured' : ''}: no line wider, every figure whole`, () => {
          const { findings, ruleset } = regionalRun(councils);
          const report = makeReport(findings, {
            councils: COUNCILS.slice(0, councils).map(([la_code, la_name]) => ({ la_code, la_name, rows: 50, checked: 48 })),
          });
          const out = formatTable(report, { ruleset, color, columns, wrap: true });
          for (const line of out.split('\n')) expect(cellWidth(line), line).toBeLessThanOrEqual(columns);
          const plain = out.replace(/\u001b\[[0-9;]*m/g, '');
          for (const figure of regionalFigures(report, ruleset)) expect(standsWhole(plain, figure), figure).toBe(true);
          for (const [code] of COUNCILS.slice(0, councils)) expect(plain).toContain(code);
        });
      }
    }
  }

  it('uses the rule ids as headings when they fit, short headings and a legend when not, and turns the table when that is not enough', () => {
    const { findings, ruleset } = regionalRun(3);
    const report = makeReport(findings);
    const at = (columns: number): string => formatTable(report, { ruleset, color: false, columns });
    expect(at(200)).toMatch(/│ Council +│ SE-PAY-CAP +│ DFE-PQE/);
    expect(at(200)).not.toContain('R1 SE-PAY-CAP');
    expect(at(120)).toMatch(/│ Council +│ R1 +│ R2/);
    expect(at(120)).toContain('  R1 SE-PAY-CAP: Agency pay cap');
    expect(at(120)).toContain('  R5 DFE-PROJECT-TEAM\n');
    expect(at(80)).toMatch(/│ +│ East Sussex +│ Kent +│ Surrey +│ Total +│/);
    expect(at(80)).toMatch(/│ SE-PAY-CAP +│ 1 +│ 2 +│ 3 +│ 6 +│/);
  });

  it('with 12 councils at 80 columns, splits the turned table into parts, each with the rule labels', () => {
    const { findings, ruleset } = regionalRun(12);
    const out = formatTable(makeReport(findings), { ruleset, color: false, columns: 80 });
    const regional = out.slice(out.indexOf('Regional breach table'), out.indexOf('Breaches ('));
    expect(regional.match(/│ SE-PAY-CAP /g)!.length).toBeGreaterThan(1);
    expect(regional.match(/│ Total /g)).toHaveLength(1);
  });

  it('is 80 columns when no width is given, and leaves long lines whole unless asked to wrap', () => {
    const { findings, ruleset } = regionalRun(3);
    const report = makeReport(findings);
    const plain = formatTable(report, { ruleset, color: false });
    expect(plain).toBe(formatTable(report, { ruleset, color: false, columns: 80 }));
    const long = plain.split('\n').filter((l) => cellWidth(l) > 80);
    expect(long.length).toBeGreaterThan(0); // finding lines stay one line each for grep
    expect(long.every((l) => !/[│┌└├]/.test(l))).toBe(true); // never a table line
    const wrapped = formatTable(report, { ruleset, color: false, columns: 80, wrap: true });
    expect(wrapped.split('\n').every((l) => cellWidth(l) <= 80)).toBe(true);
    const finding = plain.split('\n').find((l) => cellWidth(l) > 80 && l.includes(', assignment A-'))!;
    expect(wrapped.replace(/\n +/g, ' ')).toContain(finding.trim());
  });

  it('fits the exemption table: whole when it fits, in parts with the ids when not', () => {
    const { findings, ruleset } = regionalRun(3);
    const report = makeReport(findings);
    const wide = formatTable(report, { ruleset, color: false, columns: 200 });
    expect(wide).toMatch(/│ SE-EX-1 +│ E10000016 +│ SE-PAY-CAP +│ 2025-04-01 – 2026-03-31 +│ active +│/);
    const narrow = formatTable(report, { ruleset, color: false, columns: 80 });
    const section = narrow.slice(narrow.indexOf('Exemptions ('), narrow.indexOf('Estimated monthly spend'));
    for (const line of section.split('\n')) expect(cellWidth(line)).toBeLessThanOrEqual(80);
    expect(section.match(/│ SE-EX-1 /g)!.length).toBeGreaterThan(1);
    expect(section).toMatch(/│ 2025-04-01 – +│/);
    expect(section).toMatch(/│ 2026-03-31 +│/);
    expect(section).toContain('EXPIRING in');
  });
});

// The return's figures, written from return.md and readings 28–37, on hand-built rows.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { capWindow, csvTable, exemption, makeRuleset, tempDir, writeInput } from '../../test/helpers.js';
import { runCheck } from '../check/index.js';
import type { Period } from '../period.js';
import type { Exemption, Rule, Ruleset } from '../types.js';
import { NO_AGENCY, normaliseEngagementType, ReturnCollector, ruleField } from './build.js';
import { decimalUnits, monthlyPounds, roundShare } from './decimal.js';
import { ReturnSchema, type DataReturn } from './schema.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const Q4: Period = { from: '2025-10-01', to: '2025-12-31' };
const CAP: Rule = { id: 'CAP', kind: 'pay_cap', severity: 'error', basis: 'hourly_pay_rate', caps: [capWindow('2025-01-01', null, { social_worker: 40, team_manager: 50 })] };
const PQE: Rule = { id: 'PQE', kind: 'min_pqe', severity: 'error', months: 36 };
const NOTICE: Rule = { id: 'NOTICE', kind: 'min_notice', severity: 'warning', weeks: 4, title: 'Notice period' };
const COLS = ['la_code', 'assignment_id', 'swe_number', 'role', 'start_date', 'hourly_pay_rate', 'end_date', 'la_name', 'agency', 'hourly_charge_rate', 'hours_per_week', 'pqe_months', 'exemption_ref', 'engagement_type', 'project_team'];
const DEFAULTS = { la_code: 'E10000011', swe_number: 'SW123', role: 'Social Worker', start_date: '2025-10-06', hourly_pay_rate: '30.00', pqe_months: '48', hours_per_week: '37' };

function build(rows: Array<Record<string, string>>, opts: { rules?: Rule[]; exemptions?: Exemption[]; cols?: string[]; ruleset?: Partial<Ruleset>; files?: string[] } = {}): DataReturn {
  const dir = tempDir();
  dirs.push(dir);
  const ruleset = makeRuleset({ rules: opts.rules ?? [CAP, PQE], exemptions: opts.exemptions ?? [], ...opts.ruleset });
  const files = opts.files ?? [writeInput(dir, 'a.csv', csvTable(opts.cols ?? COLS, rows, DEFAULTS))];
  const collector = new ReturnCollector(ruleset);
  const report = runCheck({ ruleset, files, leavers: [], asOf: Q4.to, period: Q4, rowSink: collector });
  return ReturnSchema.parse(collector.build(report, Q4)) as DataReturn;
}

describe('return: statuses per row and rule', () => {
  it('compliant, breach, exempted, unknown and not_checked', () => {
    const ex = exemption({ id: 'EX-1', rules: ['CAP'], from: '2025-01-01', to: '2026-12-31', approved_by: ['DCS', 'Chief Executive'], reason: 'Hard to fill' });
    const ret = build(
      [
        { assignment_id: 'A1' }, // compliant on both
        { assignment_id: 'A2', hourly_pay_rate: '45.00' }, // cap breach
        { assignment_id: 'A3', hourly_pay_rate: '45.00', exemption_ref: 'EX-1' }, // cap exempted
        { assignment_id: 'A4', pqe_months: '' }, // pqe unknown (optional blank)
        { assignment_id: 'A5', pqe_months: 'lots' }, // pqe not_checked (invalid)
        { assignment_id: 'A6', role: '' }, // cap not_checked: required role blank (reading 37)
      ],
      { exemptions: [ex] },
    );
    expect(ret.assignments.map((a) => [a.assignment_id, a['CAP'], a['PQE'], a.exemptions, a.signed_off_by])).toEqual([
      ['A1', 'compliant', 'compliant', null, null],
      ['A2', 'breach', 'compliant', null, null],
      ['A3', 'exempted', 'compliant', 'EX-1', 'DCS; Chief Executive'],
      ['A4', 'compliant', 'unknown', null, null],
      ['A5', 'compliant', 'not_checked', null, null],
      ['A6', 'not_checked', 'compliant', null, null],
    ]);
    expect(ret.compliance.map((c) => [c.rule, c.compliant, c.breach, c.exempted, c.unknown, c.not_checked, c.share_compliant])).toEqual([
      ['CAP', 3, 1, 1, 0, 1, 0.8], // (3 + 1) / (6 − 1 − 0)
      ['PQE', 4, 0, 0, 1, 1, 1],
    ]);
    expect(ret.councils[0]).toMatchObject({ assignments: 6, assignments_fully_compliant: 5, cap_breaches: 2, cap_breaches_signed_off: 1, cap_breaches_not_signed_off: 1, reasons: 'Hard to fill' });
    expect(ret.signoffs).toEqual([
      { id: 'EX-1', rules: 'CAP', las: null, roles: null, from: '2025-01-01', to: '2026-12-31', approved_by: 'DCS; Chief Executive', approved_on: null, reason: 'Hard to fill', blanket: false, applied: 1 },
    ]);
  });

  it('a rule whose column is absent from the file is not_checked on every row', () => {
    const ret = build([{ assignment_id: 'A1' }], { rules: [CAP, NOTICE] });
    expect(ret.assignments[0]!['NOTICE']).toBe('not_checked');
    expect(ret.compliance[1]).toMatchObject({ rule: 'NOTICE', title: 'Notice period', not_checked: 1, share_compliant: null });
  });

  it('a rule id equal to a fixed field goes under rule_ + id', () => {
    const agency: Rule = { ...PQE, id: 'agency' };
    const ret = build([{ agency: 'Hays' }], { rules: [agency] });
    expect(ret.assignments[0]).toMatchObject({ agency: 'Hays', rule_agency: 'compliant' });
    expect(ruleField('exemptions')).toBe('rule_exemptions');
    expect(ruleField('SE-PAY-CAP')).toBe('SE-PAY-CAP');
  });
});

describe('return: councils', () => {
  it('sorted by code (reading 28); name from the region, else the first la_name cell (reading 34)', () => {
    const ret = build(
      [
        { la_code: 'E10000016', assignment_id: 'K1' },
        { la_code: 'E99', assignment_id: 'X1', la_name: '' },
        { la_code: 'E99', assignment_id: 'X2', la_name: 'Elsewhere' },
        { la_code: 'E10000011', assignment_id: 'S1', la_name: 'Not this' },
      ],
    );
    expect(ret.councils.map((c) => [c.la_code, c.la_name])).toEqual([['E10000011', 'East Sussex'], ['E10000016', 'Kent'], ['E99', 'Elsewhere']]);
    expect(ret.compliance.map((c) => c.la_code)).toEqual(['E10000011', 'E10000011', 'E10000016', 'E10000016', 'E99', 'E99']);
  });

  it('agencies: rows with a breach or exempted status, by count then name; blank is (agency not recorded) (reading 33)', () => {
    const over = { hourly_pay_rate: '45.00' };
    const ret = build([
      { ...over, agency: 'Hays' }, { ...over, agency: 'HAYS' }, { ...over, agency: 'Hays' },
      { ...over, agency: '' }, { ...over, agency: 'Acme' }, { agency: 'Compliant Ltd' },
    ]);
    expect(ret.councils[0]!.agencies_affecting_compliance).toBe(`Hays (2); ${NO_AGENCY} (1); Acme (1); HAYS (1)`);
  });

  it('ties are broken in code-point order, not UTF-16 order', () => {
    const over = { hourly_pay_rate: '45.00' };
    // U+FF5E (one UTF-16 unit) sorts before U+1F600 by code point, after it by UTF-16 unit
    const ret = build([{ ...over, agency: 'A\u{1F600}' }, { ...over, agency: 'A\uFF5E' }]);
    expect(ret.councils[0]!.agencies_affecting_compliance).toBe('A\uFF5E (1); A\u{1F600} (1)');
  });

  it('an absent agency column counts as (agency not recorded)', () => {
    const cols = COLS.filter((c) => c !== 'agency');
    expect(build([{ hourly_pay_rate: '45.00' }], { cols }).councils[0]!.agencies_affecting_compliance).toBe(`${NO_AGENCY} (1)`);
  });

  it('monthly cost: charge rate when valid, else pay rate; exact, rounded half-up once; basis charge, pay or mixed', () => {
    const ret = build([
      { la_code: 'E1', hourly_pay_rate: '10.01', hours_per_week: '1' }, // pay: 10.01 × 52 / 12 = 43.376…
      { la_code: 'E1', hourly_pay_rate: '10.00', hourly_charge_rate: '12.005', hours_per_week: '1' }, // charge: 52.021666…
      { la_code: 'E1', hours_per_week: '' }, // not priced
      { la_code: 'E1', hours_per_week: 'x' }, // not priced (invalid)
      { la_code: 'E2', hourly_charge_rate: '38.5', hours_per_week: '37.5' }, // 6256.25 exactly
      { la_code: 'E3', hours_per_week: '' },
    ]);
    const [e1, e2, e3] = ret.councils;
    // 43.3766… + 52.0216… = 95.398333… → 95.40 (each row rounded first would give 43.38 + 52.02 = 95.40 too; see decimal tests)
    expect(e1).toMatchObject({ monthly_cost: 95.4, monthly_cost_basis: 'mixed', rows_priced: 2, rows_not_priced: 2 });
    expect(e2).toMatchObject({ monthly_cost: 6256.25, monthly_cost_basis: 'charge', rows_priced: 1 });
    // reading 30: nothing priced: 0 and no basis
    expect(e3).toMatchObject({ monthly_cost: 0, monthly_cost_basis: null, rows_priced: 0, rows_not_priced: 1 });
  });
});

describe('return: assignment fields', () => {
  it('numbers as read, dates ISO, an end before the start null (reading 31), engagement normalised or raw', () => {
    const ret = build([
      { assignment_id: 'A1', hourly_pay_rate: '£38.50', hourly_charge_rate: '', hours_per_week: '37.5', start_date: '06/10/2025', end_date: '2025-10-01', engagement_type: 'P.A.Y.E.', project_team: 'Y' },
      { assignment_id: 'A2', swe_number: 'sw 000123', end_date: '31/02/2026', engagement_type: 'freelance', role: 'Wizard', project_team: '' },
    ]);
    expect(ret.assignments[0]).toMatchObject({ hourly_pay_rate: 38.5, hourly_charge_rate: null, hours_per_week: 37.5, start_date: '2025-10-06', end_date: null, engagement_type: 'paye', project_team: 'yes', role: 'Social Worker' });
    expect(ret.assignments[1]).toMatchObject({ swe_number: 'SW123', end_date: null, engagement_type: 'freelance', role: 'Wizard', dfe_role: null, project_team: null });
  });

  it('dfe_role comes from the row’s role', () => {
    const roles: Ruleset['roles'] = [{ key: 'social_worker', label: 'Social Worker', aliases: [], dfe_role: 'social_worker' }];
    expect(build([{}], { ruleset: { roles } }).assignments[0]!.dfe_role).toBe('social_worker');
  });

  it('out-of-period rows take no part', () => {
    const ret = build([{ assignment_id: 'A1', start_date: '2026-01-02' }, { assignment_id: 'A2', end_date: '2025-09-30', start_date: '2025-01-01' }, { assignment_id: 'A3' }]);
    expect(ret.assignments.map((a) => a.assignment_id)).toEqual(['A3']);
    expect(ret.notes.inputs[0]).toMatchObject({ rows: 3, checked: 1, out_of_period: 2 });
  });
});

describe('decimal arithmetic', () => {
  it.each<[number, number, number | null]>([
    [2, 3, 0.6667],
    [1, 32, 0.0313], // 0.03125: half-up, not half-even (reading 32)
    [3, 32, 0.0938], // 0.09375
    [1, 1, 1],
    [0, 5, 0],
    [1, 0, null],
  ])('share %d / %d = %s', (n, d, share) => {
    expect(roundShare(n, d)).toBe(share);
  });

  it('money is exact: 0.1 + 0.2 style sums do not drift, half a penny rounds up', () => {
    // 0.03 × 1 × 52 / 12 = 0.13 exactly
    expect(monthlyPounds(decimalUnits(0.03) * decimalUnits(1))).toBe(0.13);
    // 0.075 × 1 × 52 / 12 = 0.325 → 0.33 (half-up)
    expect(monthlyPounds(decimalUnits(0.075) * decimalUnits(1))).toBe(0.33);
    expect(monthlyPounds(decimalUnits(12.345678) * decimalUnits(37.25) + decimalUnits(0.1) * decimalUnits(0.2))).toBe(1992.88); // (459.8765055 + 0.02) × 52 / 12 = 1992.8848…
  });

  it('engagement spellings (engagements.md)', () => {
    expect(['PAYE', 'P.A.Y.E.', 'pay as you earn', 'Umbrella Co.', 'umbrella-company', 'Ltd.', 'PSC', 'Personal Service Company'].map(normaliseEngagementType)).toEqual([
      'paye', 'paye', 'paye', 'umbrella', 'umbrella', 'limited_company', 'limited_company', 'limited_company',
    ]);
    expect(normaliseEngagementType('contractor')).toBeNull();
  });
});

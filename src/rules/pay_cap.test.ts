// pay_cap, written from rules.md ("Money", "Rule kinds") and report.md, not from the code.
import { describe, expect, it } from 'vitest';
import { BASE_COLS, capWindow, checkCsv, csvTable, findingStatuses, makeRuleset } from '../../test/helpers.js';
import type { PayCapRule, Report, Rule } from '../types.js';

function payRule(partial: Partial<PayCapRule> = {}): PayCapRule {
  return {
    id: 'PAY-CAP',
    kind: 'pay_cap',
    severity: 'error',
    basis: 'hourly_pay_rate',
    caps: [
      capWindow('2025-04-01', '2026-03-31', { social_worker: 38, team_manager: 52 }),
      capWindow('2026-04-01', null, { social_worker: 40 }),
    ],
    ...partial,
  };
}

function run(rules: Rule[], cols: string[], rows: Array<Record<string, string>>): Report {
  return checkCsv(makeRuleset({ rules }), csvTable(cols, rows));
}

describe('pay_cap: money compared in whole pence, half-up', () => {
  const cases: Array<[string, 'compliant' | 'breach']> = [
    ['38', 'compliant'],
    ['38.00', 'compliant'],
    ['37.99', 'compliant'],
    ['38.004', 'compliant'],
    ['38.0049', 'compliant'],
    ['38.005', 'breach'],
    ['38.01', 'breach'],
    ['£38.01', 'breach'],
    ['£38.00', 'compliant'],
  ];
  for (const [rate, expected] of cases) {
    it(`rate ${rate} against a cap of 38 is ${expected}`, () => {
      const report = run([payRule()], BASE_COLS, [{ hourly_pay_rate: rate }]);
      expect(report.data_issues).toEqual([]);
      if (expected === 'compliant') expect(report.findings).toEqual([]);
      else expect(findingStatuses(report)).toEqual(['2:PAY-CAP:breach']);
    });
  }

  it('a breach finding carries the row identity and the rule severity', () => {
    const report = run([payRule({ severity: 'warning' })], BASE_COLS, [
      { la_code: ' e10000011 ', assignment_id: ' A-0042 ', swe_number: 'sw 00123', hourly_pay_rate: '38.01' },
    ]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      rule: 'PAY-CAP', kind: 'pay_cap', severity: 'warning', status: 'breach',
      file: 'assignments-1.csv', line: 2,
      la_code: 'E10000011', assignment_id: 'A-0042', swe_number: 'SW123', exemption: null,
    });
    expect(report.summary.breaches).toBe(1);
  });

  it('details follow the report.md example (basis, rate, cap as numbers)', () => {
    const report = run([payRule()], BASE_COLS, [{ role: 'TM', hourly_pay_rate: '58.00' }]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.details).toMatchObject({ basis: 'hourly_pay_rate', rate: 58, cap: 52 });
  });

  it('uses the cap of the row role (team manager cap 52)', () => {
    const report = run([payRule()], BASE_COLS, [
      { role: 'Team Manager', hourly_pay_rate: '52.00' },
      { role: 'TM', hourly_pay_rate: '52.01' },
      { role: 'Social Worker', hourly_pay_rate: '52.00' },
    ]);
    expect(findingStatuses(report)).toEqual(['3:PAY-CAP:breach', '4:PAY-CAP:breach']);
  });
});

describe('pay_cap: window selection by start_date', () => {
  it('first day of a window is inside it', () => {
    const report = run([payRule()], BASE_COLS, [{ start_date: '2025-04-01', hourly_pay_rate: '39' }]);
    expect(findingStatuses(report)).toEqual(['2:PAY-CAP:breach']);
  });

  it('last day of a window is inside it', () => {
    const report = run([payRule()], BASE_COLS, [{ start_date: '2026-03-31', hourly_pay_rate: '39' }]);
    expect(findingStatuses(report)).toEqual(['2:PAY-CAP:breach']);
  });

  it('the day after a window uses the next window (open-ended, cap 40)', () => {
    const report = run([payRule()], BASE_COLS, [
      { start_date: '2026-04-01', hourly_pay_rate: '39' },
      { start_date: '2026-04-01', hourly_pay_rate: '40.01' },
      { start_date: '2099-12-31', hourly_pay_rate: '40.01' },
    ]);
    expect(findingStatuses(report)).toEqual(['3:PAY-CAP:breach', '4:PAY-CAP:breach']);
  });

  it('start before every window: no window, compliant', () => {
    const report = run([payRule()], BASE_COLS, [{ start_date: '2025-03-31', hourly_pay_rate: '999' }]);
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });

  it('start in a gap between windows: compliant', () => {
    const rule = payRule({
      caps: [
        capWindow('2025-04-01', '2025-06-30', { social_worker: 38 }),
        capWindow('2025-08-01', '2025-12-31', { social_worker: 38 }),
      ],
    });
    const report = run([rule], BASE_COLS, [
      { start_date: '2025-06-30', hourly_pay_rate: '39' },
      { start_date: '2025-07-01', hourly_pay_rate: '39' },
      { start_date: '2025-07-31', hourly_pay_rate: '39' },
      { start_date: '2025-08-01', hourly_pay_rate: '39' },
    ]);
    expect(findingStatuses(report)).toEqual(['2:PAY-CAP:breach', '5:PAY-CAP:breach']);
  });

  it('no rate for the role in the window: compliant', () => {
    const report = run([payRule()], BASE_COLS, [{ role: 'Team Manager', start_date: '2026-05-01', hourly_pay_rate: '999' }]);
    expect(report.findings).toEqual([]);
  });

  it('a window with empty rates: compliant', () => {
    const report = run([payRule({ caps: [capWindow('2025-01-01', null, {})] })], BASE_COLS, [{ hourly_pay_rate: '999' }]);
    expect(report.findings).toEqual([]);
  });

  it('UK start dates select the window by day-month order', () => {
    const rule = payRule({ caps: [capWindow('2025-06-01', null, { social_worker: 38 })] });
    const report = run([rule], BASE_COLS, [
      { start_date: '1/6/2025', hourly_pay_rate: '39' }, // 1 June: inside
      { start_date: '31/05/2025', hourly_pay_rate: '39' }, // 31 May: before
      { start_date: '01/06/2025 00:00', hourly_pay_rate: '39' },
    ]);
    expect(report.data_issues).toEqual([]);
    expect(findingStatuses(report)).toEqual(['2:PAY-CAP:breach', '4:PAY-CAP:breach']);
  });
});

describe('pay_cap: needs role, start_date and the basis', () => {
  it('invalid start_date: not checked (invalid_date)', () => {
    const report = run([payRule()], BASE_COLS, [{ start_date: '31/02/2025', hourly_pay_rate: '999' }]);
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['invalid_date', 'error', 2, 'start_date'],
    ]);
  });

  it('unknown role: not checked (unknown_role)', () => {
    const report = run([payRule()], BASE_COLS, [{ role: 'Wizard', hourly_pay_rate: '999' }]);
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['unknown_role', 'error', 2, 'role'],
    ]);
  });

  it('blank hourly_pay_rate (required): missing_value, not checked', () => {
    const report = run([payRule()], BASE_COLS, [{ hourly_pay_rate: '' }]);
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['missing_value', 'error', 2, 'hourly_pay_rate'],
    ]);
  });

  it('invalid hourly_pay_rate: invalid_number, not checked', () => {
    const report = run([payRule()], BASE_COLS, [{ hourly_pay_rate: '-50' }]);
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column, d.value])).toEqual([
      ['invalid_number', 'error', 2, 'hourly_pay_rate', '-50'],
    ]);
  });
});

describe('pay_cap: basis hourly_charge_rate (optional column)', () => {
  const COLS = [...BASE_COLS, 'hourly_charge_rate'];
  const rule = payRule({
    id: 'CHARGE-CAP',
    basis: 'hourly_charge_rate',
    caps: [capWindow('2025-04-01', null, { social_worker: 45 })],
  });

  it('charge rate over the cap breaches, whatever the pay rate', () => {
    const report = run([rule], COLS, [
      { hourly_pay_rate: '30', hourly_charge_rate: '45.01' },
      { hourly_pay_rate: '99', hourly_charge_rate: '45.00' },
      { hourly_pay_rate: '30', hourly_charge_rate: '45.005' },
      { hourly_pay_rate: '30', hourly_charge_rate: '45.004' },
    ]);
    expect(findingStatuses(report)).toEqual(['2:CHARGE-CAP:breach', '4:CHARGE-CAP:breach']);
  });

  it('blank charge rate with a cap for the role: unknown', () => {
    const report = run([rule], COLS, [{ hourly_charge_rate: '' }]);
    expect(findingStatuses(report)).toEqual(['2:CHARGE-CAP:unknown']);
    expect(report.findings[0]!.exemption).toBeNull();
    expect(report.data_issues).toEqual([]);
    expect(report.summary.unknown).toBe(1);
    expect(report.summary.breaches).toBe(0);
  });

  it('whitespace-only charge rate is blank: unknown', () => {
    const report = run([rule], COLS, [{ hourly_charge_rate: '   ' }]);
    expect(findingStatuses(report)).toEqual(['2:CHARGE-CAP:unknown']);
  });

  it('blank charge rate with no window: no finding', () => {
    const report = run([rule], COLS, [{ start_date: '2025-03-31', hourly_charge_rate: '' }]);
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });

  it('blank charge rate with no rate for the role: no finding', () => {
    const report = run([rule], COLS, [{ role: 'TM', hourly_charge_rate: '' }]);
    expect(report.findings).toEqual([]);
  });

  it('invalid charge rate: no finding and invalid_number', () => {
    const report = run([rule], COLS, [{ hourly_charge_rate: '12,34' }]);
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.column, d.value])).toEqual([
      ['invalid_number', 'error', 2, 'hourly_charge_rate', '12,34'],
    ]);
  });

  it('charge-rate column absent: column_missing_for_rule, rule not checked; a pay-rate rule still is', () => {
    const report = run([rule, payRule()], BASE_COLS, [{ hourly_pay_rate: '39' }]);
    expect(findingStatuses(report)).toEqual(['2:PAY-CAP:breach']);
    expect(report.data_issues).toHaveLength(1);
    expect(report.data_issues[0]).toMatchObject({
      severity: 'warning', code: 'column_missing_for_rule', file: 'assignments-1.csv', line: null,
      rule: 'CHARGE-CAP', columns: ['hourly_charge_rate'],
    });
  });
});

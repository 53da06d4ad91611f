// pay_cap, written from rules.md ("Money", "Rule kinds") and report.md, not from the code.
import { describe, expect, it } from 'vitest';
import { BASE_COLS, capWindow, checkCsv, csvTable, findingStatuses, makeRuleset } from '../../test/helpers.js';
import { testRule } from '../../test/rule-tester.js';
import type { PayCapRule } from '../types.js';

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

/** The details of a breach of the first window's social worker cap. */
const swDetails = (rate: number, cap = 38, window_from = '2025-04-01', window_to: string | null = '2026-03-31') => ({
  basis: 'hourly_pay_rate', rate, cap, role: 'social_worker', window_from, window_to,
});

testRule('pay_cap: money compared in whole pence, half-up', { rule: payRule() }, {
  valid: [
    { row: { hourly_pay_rate: '38' } },
    { row: { hourly_pay_rate: '38.00' } },
    { row: { hourly_pay_rate: '37.99' } },
    { row: { hourly_pay_rate: '38.004' } },
    { row: { hourly_pay_rate: '38.0049' } },
    { row: { hourly_pay_rate: '£38.00' } },
    { row: { hourly_pay_rate: ' £ 38.00 ' } },
    { row: { role: 'Team Manager', hourly_pay_rate: '52.00' } },
    { row: { role: 'Social Worker', hourly_pay_rate: '30' } },
  ],
  invalid: [
    { row: { hourly_pay_rate: '38.005' }, status: 'breach', details: swDetails(38.005) },
    { row: { hourly_pay_rate: '38.01' }, status: 'breach', details: swDetails(38.01) },
    { row: { hourly_pay_rate: '£38.01' }, status: 'breach', details: swDetails(38.01) },
    { row: { hourly_pay_rate: '1,038.00' }, status: 'breach', details: swDetails(1038) },
    { row: { role: 'TM', hourly_pay_rate: '52.01' }, status: 'breach', details: { ...swDetails(52.01, 52), role: 'team_manager' } },
    {
      name: 'the report.md example: Team Manager paid £58.00/h; cap £52.00/h',
      row: { role: 'TM', hourly_pay_rate: '58.00' },
      status: 'breach',
      message: 'Team Manager paid £58.00/h; cap £52.00/h from 2025-04-01 (over by £6.00)',
      details: { ...swDetails(58, 52), role: 'team_manager' },
    },
    { name: 'the cap of the row role, not another role', row: { role: 'Social Worker', hourly_pay_rate: '52.00' }, status: 'breach' },
  ],
});

testRule('pay_cap: a cap with pence (38.50)', { rule: payRule({ caps: [capWindow('2025-04-01', null, { social_worker: 38.5 })] }) }, {
  valid: [
    { row: { hourly_pay_rate: '38.5' } },
    { row: { hourly_pay_rate: '38.50' } },
    { row: { hourly_pay_rate: '38.504' } },
  ],
  invalid: [
    { row: { hourly_pay_rate: '38.505' }, status: 'breach', message: 'Social Worker paid £38.51/h; cap £38.50/h from 2025-04-01 (over by £0.01)' },
    { row: { hourly_pay_rate: '38.51' }, status: 'breach', details: swDetails(38.51, 38.5, '2025-04-01', null) },
  ],
});

testRule('pay_cap: the window containing start_date', { rule: payRule() }, {
  valid: [
    { name: 'start before every window: no window', row: { start_date: '2025-03-31', hourly_pay_rate: '999' } },
    { name: 'the day after a window uses the next one (cap 40)', row: { start_date: '2026-04-01', hourly_pay_rate: '39' } },
    { name: 'no rate for the role in the window', row: { role: 'Team Manager', start_date: '2026-05-01', hourly_pay_rate: '999' } },
    { name: 'a window with empty rates', rule: payRule({ caps: [capWindow('2025-01-01', null, {})] }), row: { hourly_pay_rate: '999' } },
    { name: 'UK date before the window (31 May)', rule: payRule({ caps: [capWindow('2025-06-01', null, { social_worker: 38 })] }), row: { start_date: '31/05/2025', hourly_pay_rate: '39' } },
  ],
  invalid: [
    { name: 'first day of a window', row: { start_date: '2025-04-01', hourly_pay_rate: '39' }, status: 'breach', details: swDetails(39) },
    { name: 'last day of a window', row: { start_date: '2026-03-31', hourly_pay_rate: '39' }, status: 'breach', details: swDetails(39) },
    {
      name: 'first day of the open-ended window',
      row: { start_date: '2026-04-01', hourly_pay_rate: '40.01' },
      status: 'breach',
      details: swDetails(40.01, 40, '2026-04-01', null),
    },
    { name: 'far into the open-ended window', row: { start_date: '2099-12-31', hourly_pay_rate: '40.01' }, status: 'breach' },
    { name: 'UK date inside the window (1 June)', rule: payRule({ caps: [capWindow('2025-06-01', null, { social_worker: 38 })] }), row: { start_date: '1/6/2025', hourly_pay_rate: '39' }, status: 'breach' },
    { name: 'a date with a midnight time', rule: payRule({ caps: [capWindow('2025-06-01', null, { social_worker: 38 })] }), row: { start_date: '01/06/2025 00:00', hourly_pay_rate: '39' }, status: 'breach' },
  ],
});

const gapRule = payRule({
  caps: [capWindow('2025-04-01', '2025-06-30', { social_worker: 38 }), capWindow('2025-08-01', '2025-12-31', { social_worker: 38 })],
});
testRule('pay_cap: a gap between windows', { rule: gapRule }, {
  valid: [
    { row: { start_date: '2025-07-01', hourly_pay_rate: '39' } },
    { row: { start_date: '2025-07-31', hourly_pay_rate: '39' } },
  ],
  invalid: [
    { row: { start_date: '2025-06-30', hourly_pay_rate: '39' }, status: 'breach' },
    { row: { start_date: '2025-08-01', hourly_pay_rate: '39' }, status: 'breach' },
  ],
});

testRule('pay_cap: needs role, start_date and the basis', { rule: payRule() }, {
  notChecked: [
    { row: { start_date: '31/02/2025', hourly_pay_rate: '999' }, issues: [['invalid_date', 'start_date']] },
    { row: { role: 'Wizard', hourly_pay_rate: '999' }, issues: [['unknown_role', 'role']] },
    { row: { hourly_pay_rate: '' }, issues: [['missing_value', 'hourly_pay_rate']] },
    { row: { hourly_pay_rate: '-50' }, issues: [['invalid_number', 'hourly_pay_rate']] },
    { row: { start_date: '', hourly_pay_rate: '999' }, issues: [['missing_value', 'start_date']] },
  ],
});

const chargeRule = payRule({ id: 'CHARGE-CAP', basis: 'hourly_charge_rate', caps: [capWindow('2025-04-01', null, { social_worker: 45 })] });
const CHARGE_COLS = [...BASE_COLS, 'hourly_charge_rate'];
testRule('pay_cap: basis hourly_charge_rate (optional column)', { rule: chargeRule, columns: CHARGE_COLS }, {
  valid: [
    { row: { hourly_pay_rate: '99', hourly_charge_rate: '45.00' } },
    { row: { hourly_pay_rate: '30', hourly_charge_rate: '45.004' } },
    { name: 'blank charge rate with no window', row: { start_date: '2025-03-31', hourly_charge_rate: '' } },
    { name: 'blank charge rate with no rate for the role', row: { role: 'TM', hourly_charge_rate: '' } },
  ],
  invalid: [
    {
      row: { hourly_pay_rate: '30', hourly_charge_rate: '45.01' },
      status: 'breach',
      message: 'Social Worker charged at £45.01/h; cap £45.00/h from 2025-04-01 (over by £0.01)',
      details: { basis: 'hourly_charge_rate', rate: 45.01, cap: 45, role: 'social_worker', window_from: '2025-04-01', window_to: null },
    },
    { row: { hourly_pay_rate: '30', hourly_charge_rate: '45.005' }, status: 'breach' },
    {
      name: 'blank charge rate with a cap for the role: unknown',
      row: { hourly_charge_rate: '' },
      status: 'unknown',
      message: 'cannot tell whether the cap is met: hourly_charge_rate is not recorded',
      details: { missing: ['hourly_charge_rate'] },
    },
    { name: 'a whitespace-only charge rate is blank', row: { hourly_charge_rate: '   ' }, status: 'unknown' },
  ],
  notChecked: [
    { row: { hourly_charge_rate: '12,34' }, issues: [['invalid_number', 'hourly_charge_rate']] },
  ],
});

describe('pay_cap in a file', () => {
  it('a breach finding carries the row identity and the rule severity', () => {
    const report = checkCsv(makeRuleset({ rules: [payRule({ severity: 'warning' })] }), csvTable(BASE_COLS, [
      { la_code: ' e10000011 ', assignment_id: ' A-0042 ', swe_number: 'sw 00123', hourly_pay_rate: '38.01' },
    ]));
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      rule: 'PAY-CAP', kind: 'pay_cap', severity: 'warning', status: 'breach',
      file: 'assignments-1.csv', line: 2,
      la_code: 'E10000011', assignment_id: 'A-0042', swe_number: 'SW123', exemption: null,
    });
    expect(report.summary.breaches).toBe(1);
  });

  it('an unknown finding counts in summary.unknown, not in breaches', () => {
    const report = checkCsv(makeRuleset({ rules: [chargeRule] }), csvTable(CHARGE_COLS, [{ hourly_charge_rate: '' }]));
    expect(findingStatuses(report)).toEqual(['2:CHARGE-CAP:unknown']);
    expect(report.findings[0]!.exemption).toBeNull();
    expect(report.data_issues).toEqual([]);
    expect(report.summary).toMatchObject({ unknown: 1, breaches: 0 });
  });

  it('charge-rate column absent: column_missing_for_rule, rule not checked; a pay-rate rule still is', () => {
    const report = checkCsv(makeRuleset({ rules: [chargeRule, payRule()] }), csvTable(BASE_COLS, [{ hourly_pay_rate: '39' }]));
    expect(findingStatuses(report)).toEqual(['2:PAY-CAP:breach']);
    expect(report.data_issues).toHaveLength(1);
    expect(report.data_issues[0]).toMatchObject({
      severity: 'warning', code: 'column_missing_for_rule', file: 'assignments-1.csv', line: null,
      rule: 'CHARGE-CAP', columns: ['hourly_charge_rate'],
    });
  });
});

// pay_cap, written from rules.md ("Money", "Rule kinds") and report.md, not from the code.
import { describe, expect, it } from 'vitest';
import { BASE_COLS, capWindow, checkCsv, csvTable, findingStatuses, issueSummaries, makeRuleset, typedCapWindow } from '../../test/helpers.js';
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

// ---------------------------------------------------------------- caps by engagement type (issue 11; readings 19–21)

const typedRule = payRule({
  id: 'TYPED-CAP',
  caps: [
    capWindow('2025-04-01', '2026-03-31', { social_worker: 38 }),
    typedCapWindow('2026-04-01', null, { social_worker: { paye: 33.5, umbrella: 39, limited_company: 39 }, team_manager: 53 }),
  ],
});
const TYPED_COLS = [...BASE_COLS, 'engagement_type'];
const from2026 = (type: string, rate: string, extra: Record<string, string> = {}) => ({ row: { start_date: '2026-04-01', engagement_type: type, hourly_pay_rate: rate, ...extra } });

testRule('pay_cap: caps by engagement type', { rule: typedRule, columns: TYPED_COLS }, {
  valid: [
    from2026('PAYE', '33.50'),
    { name: 'P.A.Y.E. is paye (dots deleted)', ...from2026('P.A.Y.E.', '33.504') },
    from2026('pay as you earn', '33.00'),
    { name: 'Umbrella Co. is umbrella', ...from2026('Umbrella Co.', '39.00') },
    from2026('umbrella company', '38.99'),
    { name: 'Ltd. is limited_company', ...from2026('Ltd.', '39') },
    from2026(' Limited ', '39'), from2026('ltd company', '39'), from2026('Ltd Co', '39'), from2026('PSC', '39'),
    from2026('Personal Service Company', '39'), from2026('limited-company', '39'),
    { name: 'a plain rate is the same for every type', ...from2026('PAYE', '53', { role: 'TM' }) },
    { name: 'a plain rate, engagement_type blank', ...from2026('', '53', { role: 'TM' }) },
    { name: 'a type the rate leaves out: not capped', rule: payRule({ caps: [typedCapWindow('2026-04-01', null, { social_worker: { paye: 33.5 } })] }), ...from2026('umbrella', '99') },
    { name: 'an empty mapping: any valid type is not capped (reading 20)', rule: payRule({ caps: [typedCapWindow('2026-04-01', null, { social_worker: {} })] }), ...from2026('paye', '99') },
    { name: 'the window before: one cap, the type not needed', row: { start_date: '2026-03-31', engagement_type: '', hourly_pay_rate: '38' } },
    {
      name: 'an invalid type where the rate is by type: invalid_engagement_type, pay_cap not checked',
      ...from2026('contractor', '99'),
      issues: [['invalid_engagement_type', 'engagement_type']],
    },
    {
      name: 'an invalid type in a window with a plain rate: still reported (the ruleset has typed caps)',
      row: { start_date: '2025-06-01', engagement_type: 'P A Y E', hourly_pay_rate: '38' },
      issues: [['invalid_engagement_type', 'engagement_type']],
    },
  ],
  invalid: [
    {
      name: 'the issue 11 example: the message names the type',
      ...from2026('PAYE', '34.10'),
      status: 'breach',
      message: 'Social Worker (PAYE) paid £34.10/h; cap £33.50/h from 2026-04-01 (over by £0.60)',
      details: { basis: 'hourly_pay_rate', rate: 34.1, cap: 33.5, role: 'social_worker', window_from: '2026-04-01', window_to: null, engagement_type: 'paye' },
    },
    { ...from2026('PAYE', '33.505'), status: 'breach' },
    { ...from2026('umbrella', '39.01'), status: 'breach', message: /^Social Worker \(umbrella\) paid £39\.01\/h; cap £39\.00\/h/ },
    { ...from2026('Ltd.', '39.005'), status: 'breach', message: /^Social Worker \(limited company\) paid £39\.01\/h/ },
    {
      name: 'a plain rate: the message names no type',
      ...from2026('PAYE', '53.01', { role: 'TM' }),
      status: 'breach',
      message: 'Team Manager paid £53.01/h; cap £53.00/h from 2026-04-01 (over by £0.01)',
      details: { basis: 'hourly_pay_rate', rate: 53.01, cap: 53, role: 'team_manager', window_from: '2026-04-01', window_to: null },
    },
    {
      name: 'an invalid type with a plain rate: the rule still runs (reading 20)',
      ...from2026('agency', '53.01', { role: 'TM' }),
      issues: [['invalid_engagement_type', 'engagement_type']],
      status: 'breach',
    },
    {
      name: 'a blank type where the rate is by type: unknown',
      ...from2026('', '34.10'),
      status: 'unknown',
      message: 'cannot tell whether the cap is met: engagement_type is not recorded',
      details: { missing: ['engagement_type'] },
    },
    { name: 'the engagement_type column absent: unknown, never column_missing_for_rule', columns: BASE_COLS, row: { start_date: '2026-04-01', hourly_pay_rate: '34.10' }, status: 'unknown' },
    { name: 'an empty mapping, a blank type: unknown', rule: payRule({ caps: [typedCapWindow('2026-04-01', null, { social_worker: {} })] }), ...from2026('', '1'), status: 'unknown' },
  ],
});

testRule('pay_cap: a ruleset without typed caps does not read engagement_type', { rule: payRule(), columns: TYPED_COLS }, {
  valid: [{ name: 'no invalid_engagement_type', row: { engagement_type: 'contractor', hourly_pay_rate: '38' } }],
  invalid: [{ name: 'a breach message names no type', row: { engagement_type: 'PAYE', hourly_pay_rate: '38.01' }, status: 'breach', message: /^Social Worker paid/ }],
});

describe('pay_cap in a file', () => {
  it('invalid_engagement_type in a run with typed caps, on every file, the other rules checked', () => {
    const pqe = { id: 'PQE', kind: 'min_pqe' as const, severity: 'error' as const, months: 36 };
    const report = checkCsv(makeRuleset({ rules: [typedRule, pqe] }), csvTable([...TYPED_COLS, 'pqe_months'], [
      { start_date: '2026-04-01', engagement_type: 'freelance', hourly_pay_rate: '99', pqe_months: '12' },
    ]));
    expect(findingStatuses(report)).toEqual(['2:PQE:breach']);
    expect(issueSummaries(report)).toEqual([['invalid_engagement_type', 'error', 2, 'engagement_type']]);
    expect(report.data_issues[0]!.value).toBe('freelance');
  });

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

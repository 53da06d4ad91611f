// Exemptions, written from rules.md ("Exemptions") and report.md ("Findings", "Exemptions and summary").
import { describe, expect, it } from 'vitest';
import { capWindow, checkCsv, csvTable, exemption, makeRuleset, money } from './helpers.js';
import type { Exemption, MinPqeRule, PayCapRule, Report } from '../src/types.js';

const COLS = ['la_code', 'assignment_id', 'swe_number', 'role', 'start_date', 'hourly_pay_rate', 'end_date', 'pqe_months', 'exemption_ref'];
const DEFAULTS: Record<string, string> = {
  la_code: 'E10000011', swe_number: 'SW123', role: 'Social Worker', start_date: '2025-06-01', hourly_pay_rate: '50.00',
  pqe_months: '40',
};

function table(rows: Array<Record<string, string>>, cols = COLS): string {
  return csvTable(cols, rows, DEFAULTS);
}

const PAY: PayCapRule = {
  id: 'PAY', kind: 'pay_cap', severity: 'error', basis: 'hourly_pay_rate',
  caps: [capWindow('2025-01-01', null, { social_worker: 38, team_manager: 52 })],
};
const PQE: MinPqeRule = { id: 'PQE', kind: 'min_pqe', severity: 'error', months: 36 };

/** A cited exemption of PAY, May to October 2025, with nothing else restricted. */
function ex(partial: Partial<Exemption> = {}): Exemption {
  return exemption({ id: 'EX-1', rules: ['PAY'], from: '2025-05-01', to: '2025-10-31', ...partial });
}

function run(exemptions: Exemption[], rows: Array<Record<string, string>>, asOf = '2025-08-01', cols = COLS): Report {
  return checkCsv(makeRuleset({ rules: [PAY, PQE], exemptions }), table(rows, cols), { asOf });
}

function summary(report: Report): string[] {
  return report.findings.map((f) => `${f.line}:${f.rule}:${f.status}:${f.exemption ?? '-'}`);
}

function notApplied(report: Report, index = 0): unknown {
  return report.findings[index]!.details['exemption_not_applied'];
}

function tally(report: Report, id: string) {
  return report.exemptions.find((e) => e.id === id);
}

describe('exemptions: a cited exemption that covers the breach', () => {
  it('turns the breach into exempted, naming the exemption', () => {
    const report = run([ex()], [{ exemption_ref: 'EX-1' }]);
    expect(summary(report)).toEqual(['2:PAY:exempted:EX-1']);
    expect(report.findings[0]).toMatchObject({ severity: 'error', kind: 'pay_cap' });
    expect(report.summary).toMatchObject({ breaches: 0, exempted: 1, unknown: 0 });
    expect(report.exemptions).toEqual([{ id: 'EX-1', status: 'active', applied: 1, cited: 1, cited_not_covering: 0 }]);
    expect(report.data_issues).toEqual([]);
  });

  it('cited id is matched ignoring case and surrounding space, and among several ;-separated ids', () => {
    const report = run([ex({ id: 'SE-EX-2025-007' })], [
      { exemption_ref: 'se-ex-2025-007' },
      { exemption_ref: ' OTHER-1 ;  Se-Ex-2025-007 ' },
    ]);
    expect(summary(report)).toEqual(['2:PAY:exempted:SE-EX-2025-007', '3:PAY:exempted:SE-EX-2025-007']);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line])).toEqual([['unknown_exemption', 'warning', 3]]);
  });

  it('a compliant row is not affected (no finding)', () => {
    const report = run([ex()], [{ hourly_pay_rate: '30', exemption_ref: 'EX-1' }]);
    expect(report.findings).toEqual([]);
    expect(tally(report, 'EX-1')).toEqual({ id: 'EX-1', status: 'active', applied: 0, cited: 1, cited_not_covering: 0 });
  });

  it('an unknown finding is not exempted', () => {
    const cols = COLS.filter((c) => c !== 'pqe_months').concat('pqe_months');
    const report = run([ex({ rules: ['PQE'], blanket: true })], [{ hourly_pay_rate: '30', pqe_months: '' }], '2025-08-01', cols);
    expect(summary(report)).toEqual(['2:PQE:unknown:-']);
    expect(tally(report, 'EX-1')!.applied).toBe(0);
  });
});

describe('exemptions: blanket vs cited', () => {
  it('not cited and not blanket: stays a breach, with no exemption_not_applied entry', () => {
    const report = run([ex()], [{}]);
    expect(summary(report)).toEqual(['2:PAY:breach:-']);
    expect(notApplied(report) ?? []).toEqual([]);
    expect(tally(report, 'EX-1')).toEqual({ id: 'EX-1', status: 'active', applied: 0, cited: 0, cited_not_covering: 0 });
  });

  it('blanket: applies without being cited', () => {
    const report = run([ex({ blanket: true })], [{}]);
    expect(summary(report)).toEqual(['2:PAY:exempted:EX-1']);
    expect(tally(report, 'EX-1')).toEqual({ id: 'EX-1', status: 'active', applied: 1, cited: 0, cited_not_covering: 0 });
  });

  it("a blanket exemption for one council leaves another council's breach alone", () => {
    const report = run([ex({ blanket: true, las: ['E10000016'] })], [
      { la_code: 'E10000011' },
      { la_code: 'E10000016' },
    ]);
    expect(summary(report)).toEqual(['2:PAY:breach:-', '3:PAY:exempted:EX-1']);
    expect(notApplied(report) ?? []).toEqual([]); // not cited, so no reason is given
    expect(report.summary).toMatchObject({ breaches: 1, exempted: 1 });
    expect(tally(report, 'EX-1')).toMatchObject({ applied: 1, cited: 0 });
  });

  it('blanket still needs the other conditions (outside its window: breach)', () => {
    const report = run([ex({ blanket: true })], [{ start_date: '2025-04-30' }]);
    expect(summary(report)).toEqual(['2:PAY:breach:-']);
  });
});

describe('exemptions: each condition and its exemption_not_applied reason', () => {
  it('rule: the exemption does not list the breached rule', () => {
    const report = run([ex({ rules: ['PQE'] })], [{ exemption_ref: 'EX-1' }]);
    expect(summary(report)).toEqual(['2:PAY:breach:-']);
    expect(notApplied(report)).toEqual([{ id: 'EX-1', reason: 'rule' }]);
  });

  it('la: listed councils compared ignoring case', () => {
    const report = run([ex({ las: ['E10000016'] }), ex({ id: 'EX-2', las: ['E10000011'] })], [
      { exemption_ref: 'EX-1' },
      { la_code: 'e10000011', exemption_ref: 'EX-2' },
    ]);
    expect(summary(report)).toEqual(['2:PAY:breach:-', '3:PAY:exempted:EX-2']);
    expect(notApplied(report)).toEqual([{ id: 'EX-1', reason: 'la' }]);
  });

  it('role: listed roles; the row role resolved through aliases', () => {
    const report = run([ex({ roles: ['team_manager'] })], [
      { exemption_ref: 'EX-1' },
      { role: 'TM', hourly_pay_rate: '60', exemption_ref: 'EX-1' },
    ]);
    expect(summary(report)).toEqual(['2:PAY:breach:-', '3:PAY:exempted:EX-1']);
    expect(notApplied(report)).toEqual([{ id: 'EX-1', reason: 'role' }]);
  });

  it('role: a row with an unknown role is in no roles list (min_pqe still runs on it)', () => {
    const report = run([ex({ rules: ['PQE'], roles: ['social_worker'] }), ex({ id: 'EX-2', rules: ['PQE'] })], [
      { role: 'Wizard', pqe_months: '10', exemption_ref: 'EX-1' },
      { role: 'Wizard', pqe_months: '10', exemption_ref: 'EX-2' },
    ]);
    expect(summary(report)).toEqual(['2:PQE:breach:-', '3:PQE:exempted:EX-2']);
    expect(notApplied(report)).toEqual([{ id: 'EX-1', reason: 'role' }]);
  });

  it('worker: listed SWE numbers, compared normalised', () => {
    const report = run([ex({ swe_numbers: ['SW999'] }), ex({ id: 'EX-2', swe_numbers: ['SW123'] })], [
      { exemption_ref: 'EX-1' },
      { swe_number: 'sw 000123', exemption_ref: 'EX-2' },
    ]);
    expect(summary(report)).toEqual(['2:PAY:breach:-', '3:PAY:exempted:EX-2']);
    expect(notApplied(report)).toEqual([{ id: 'EX-1', reason: 'worker' }]);
  });

  it('worker: a row with an invalid SWE number is in no swe_numbers list, but unrestricted exemptions cover it', () => {
    const report = run([ex({ swe_numbers: ['SW123'] }), ex({ id: 'EX-2' })], [
      { swe_number: 'SW0', exemption_ref: 'EX-1' },
      { swe_number: 'SW0', exemption_ref: 'EX-2' },
    ]);
    expect(summary(report)).toEqual(['2:PAY:breach:-', '3:PAY:exempted:EX-2']);
    expect(notApplied(report)).toEqual([{ id: 'EX-1', reason: 'worker' }]);
    expect(report.findings[0]!.swe_number).toBe('SW0');
  });

  it('window: the day before from is outside; from and to are inside', () => {
    const report = run([ex()], [
      { start_date: '2025-04-30', exemption_ref: 'EX-1' },
      { start_date: '2025-05-01', exemption_ref: 'EX-1' },
      { start_date: '2025-10-31', exemption_ref: 'EX-1' },
      { start_date: '2025-11-01', exemption_ref: 'EX-1' },
    ], '2025-10-31');
    expect(summary(report)).toEqual(['2:PAY:breach:-', '3:PAY:exempted:EX-1', '4:PAY:exempted:EX-1', '5:PAY:breach:-']);
    expect(notApplied(report, 0)).toEqual([{ id: 'EX-1', reason: 'window' }]);
    expect(notApplied(report, 3)).toEqual([{ id: 'EX-1', reason: 'window' }]);
  });

  it('window: a row without a valid start_date is covered by no exemption', () => {
    const report = run([ex({ rules: ['PQE'] })], [{ start_date: '31/02/2025', pqe_months: '10', exemption_ref: 'EX-1' }]);
    expect(summary(report)).toEqual(['2:PQE:breach:-']);
    expect(notApplied(report)).toEqual([{ id: 'EX-1', reason: 'window' }]);
  });

  it('lapsed: as_of after to with a blank end_date', () => {
    const report = run([ex()], [{ end_date: '', exemption_ref: 'EX-1' }], '2025-11-01');
    expect(summary(report)).toEqual(['2:PAY:breach:-']);
    expect(notApplied(report)).toEqual([{ id: 'EX-1', reason: 'lapsed' }]);
  });

  it('lapsed: as_of after to with end_date after to', () => {
    const report = run([ex()], [{ end_date: '2025-11-01', exemption_ref: 'EX-1' }], '2025-11-30');
    expect(notApplied(report)).toEqual([{ id: 'EX-1', reason: 'lapsed' }]);
  });

  it('not lapsed: end_date on or before to, even when as_of is after to', () => {
    const report = run([ex()], [
      { end_date: '2025-10-31', exemption_ref: 'EX-1' },
      { end_date: '2025-07-01', exemption_ref: 'EX-1' },
    ], '2025-11-30');
    expect(summary(report)).toEqual(['2:PAY:exempted:EX-1', '3:PAY:exempted:EX-1']);
  });

  it('not lapsed: as_of on the last day with a blank end_date', () => {
    const report = run([ex()], [{ exemption_ref: 'EX-1' }], '2025-10-31');
    expect(summary(report)).toEqual(['2:PAY:exempted:EX-1']);
  });

  it('lapsed: an invalid end_date counts as blank', () => {
    const report = run([ex()], [{ end_date: '2025-10-32', exemption_ref: 'EX-1' }], '2025-11-30');
    expect(summary(report)).toEqual(['2:PAY:breach:-']);
    expect(notApplied(report)).toEqual([{ id: 'EX-1', reason: 'lapsed' }]);
    expect(report.data_issues.map((d) => [d.code, d.line, d.column])).toEqual([['invalid_date', 2, 'end_date']]);
  });

  it('lapsed: an end_date before start_date counts as blank (end_before_start)', () => {
    const report = run([ex()], [{ start_date: '2025-06-01', end_date: '2025-05-15', exemption_ref: 'EX-1' }], '2025-11-30');
    expect(summary(report)).toEqual(['2:PAY:breach:-']);
    expect(notApplied(report)).toEqual([{ id: 'EX-1', reason: 'lapsed' }]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line])).toEqual([['end_before_start', 'error', 2]]);
  });

  it('max_rate: compared in pence (45.004 within 45, 45.005 over)', () => {
    const report = run([ex({ max_rate: money(45) })], [
      { hourly_pay_rate: '45', exemption_ref: 'EX-1' },
      { hourly_pay_rate: '45.004', exemption_ref: 'EX-1' },
      { hourly_pay_rate: '45.005', exemption_ref: 'EX-1' },
      { hourly_pay_rate: '45.01', exemption_ref: 'EX-1' },
    ]);
    expect(summary(report)).toEqual(['2:PAY:exempted:EX-1', '3:PAY:exempted:EX-1', '4:PAY:breach:-', '5:PAY:breach:-']);
    expect(notApplied(report, 2)).toEqual([{ id: 'EX-1', reason: 'max_rate' }]);
  });

  it('max_rate limits only the pay_cap rules: the other rules it lists are waived as if it were absent', () => {
    const report = run([ex({ rules: ['PAY', 'PQE'], max_rate: money(40) })], [
      { hourly_pay_rate: '50', pqe_months: '10', exemption_ref: 'EX-1' },
    ]);
    expect(summary(report)).toEqual(['2:PAY:breach:-', '2:PQE:exempted:EX-1']);
    expect(notApplied(report)).toEqual([{ id: 'EX-1', reason: 'max_rate' }]);
    expect(tally(report, 'EX-1')).toEqual({ id: 'EX-1', status: 'active', applied: 1, cited: 1, cited_not_covering: 1 });
  });
});

describe('exemptions: max_rate with a charge-rate basis', () => {
  it('compares the basis rate (the charge rate), not the pay rate', () => {
    const charge: PayCapRule = { ...PAY, id: 'CHARGE', basis: 'hourly_charge_rate', caps: [capWindow('2025-01-01', null, { social_worker: 45 })] };
    const cols = [...COLS, 'hourly_charge_rate'];
    const report = checkCsv(
      makeRuleset({ rules: [charge], exemptions: [ex({ rules: ['CHARGE'], max_rate: money(55) })] }),
      table([
        { hourly_pay_rate: '100', hourly_charge_rate: '50', exemption_ref: 'EX-1' },
        { hourly_pay_rate: '20', hourly_charge_rate: '56', exemption_ref: 'EX-1' },
      ], cols),
      { asOf: '2025-08-01' },
    );
    expect(summary(report)).toEqual(['2:CHARGE:exempted:EX-1', '3:CHARGE:breach:-']);
    expect(notApplied(report, 1)).toEqual([{ id: 'EX-1', reason: 'max_rate' }]);
  });
});

describe('exemptions: the FIRST failing condition is the reason', () => {
  const bad = {
    rule: { rules: ['PQE'] },
    la: { las: ['E10000016'] },
    role: { roles: ['team_manager'] },
    worker: { swe_numbers: ['SW999'] },
    window: { from: '2025-07-01' },
    lapsed: {},
    max_rate: { max_rate: money(40) },
  } as const;
  const order = ['rule', 'la', 'role', 'worker', 'window', 'lapsed', 'max_rate'] as const;
  // row: starts 2025-06-01, blank end_date, rate 50; 'lapsed' fails by running on as_of 2025-11-30 (> to 2025-10-31).
  for (let i = 0; i < order.length; i++) {
    const first = order[i]!;
    it(`${first} and every later condition failing: reason ${first}`, () => {
      const partial: Partial<Exemption> = {};
      for (const later of order.slice(i)) Object.assign(partial, bad[later]);
      const asOf = order.indexOf('lapsed') >= i ? '2025-11-30' : '2025-08-01';
      const report = run([ex(partial)], [{ exemption_ref: 'EX-1' }], asOf);
      const pay = report.findings.filter((f) => f.rule === 'PAY');
      expect(pay.map((f) => f.status)).toEqual(['breach']);
      expect(pay[0]!.details['exemption_not_applied']).toEqual([{ id: 'EX-1', reason: first }]);
    });
  }
});

describe('exemptions: several exemptions', () => {
  it('the first qualifying one in ruleset order is named', () => {
    const report = run([ex({ id: 'EX-A', blanket: true }), ex({ id: 'EX-B', blanket: true })], [{}]);
    expect(summary(report)).toEqual(['2:PAY:exempted:EX-A']);
    expect(tally(report, 'EX-A')!.applied).toBe(1);
    expect(tally(report, 'EX-B')!.applied).toBe(0);
  });

  it('ruleset order, not citation order', () => {
    const report = run([ex({ id: 'EX-A' }), ex({ id: 'EX-B' })], [{ exemption_ref: 'EX-B;EX-A' }]);
    expect(summary(report)).toEqual(['2:PAY:exempted:EX-A']);
    expect(tally(report, 'EX-A')).toMatchObject({ applied: 1, cited: 1, cited_not_covering: 0 });
    expect(tally(report, 'EX-B')).toMatchObject({ applied: 0, cited: 1, cited_not_covering: 0 });
  });

  it('a non-qualifying earlier exemption is skipped', () => {
    const report = run([ex({ id: 'EX-A', las: ['E10000016'] }), ex({ id: 'EX-B' })], [{ exemption_ref: 'EX-A;EX-B' }]);
    expect(summary(report)).toEqual(['2:PAY:exempted:EX-B']);
  });

  it('a blanket earlier in order wins over a cited later one', () => {
    const report = run([ex({ id: 'EX-A', blanket: true }), ex({ id: 'EX-B' })], [{ exemption_ref: 'EX-B' }]);
    expect(summary(report)).toEqual(['2:PAY:exempted:EX-A']);
    expect(tally(report, 'EX-B')).toMatchObject({ applied: 0, cited: 1, cited_not_covering: 0 });
  });

  it('one reason per cited defined exemption that does not cover the breach', () => {
    const report = run([ex({ id: 'EX-A', rules: ['PQE'] }), ex({ id: 'EX-B', las: ['E10000016'] })], [{ exemption_ref: 'EX-A;EX-B;NOPE' }]);
    expect(summary(report)).toEqual(['2:PAY:breach:-']);
    expect(notApplied(report)).toEqual([{ id: 'EX-A', reason: 'rule' }, { id: 'EX-B', reason: 'la' }]);
  });

  it('uncited exemptions are not listed in exemption_not_applied', () => {
    const report = run([ex({ id: 'EX-A', las: ['E10000016'] }), ex({ id: 'EX-B', las: ['E10000016'], blanket: true })], [{ exemption_ref: 'EX-A' }]);
    expect(notApplied(report)).toEqual([{ id: 'EX-A', reason: 'la' }]);
  });
});

describe('exemptions: status on as_of', () => {
  const statusOn = (asOf: string) => run([ex()], [{ hourly_pay_rate: '30' }], asOf).exemptions[0]!.status;

  it('pending before from', () => expect(statusOn('2025-04-30')).toBe('pending'));
  it('active on from', () => expect(statusOn('2025-05-01')).toBe('active'));
  it('active 31 days before to', () => expect(statusOn('2025-09-30')).toBe('active'));
  it('expiring 30 days before to', () => expect(statusOn('2025-10-01')).toBe('expiring'));
  it('expiring on to', () => expect(statusOn('2025-10-31')).toBe('expiring'));
  it('expired the day after to', () => expect(statusOn('2025-11-01')).toBe('expired'));

  it('lists every exemption in ruleset order, used or not', () => {
    const report = run([ex({ id: 'EX-B', from: '2026-01-01', to: '2026-12-31' }), ex({ id: 'EX-A' })], [{ hourly_pay_rate: '30' }], '2025-11-30');
    expect(report.exemptions).toEqual([
      { id: 'EX-B', status: 'pending', applied: 0, cited: 0, cited_not_covering: 0 },
      { id: 'EX-A', status: 'expired', applied: 0, cited: 0, cited_not_covering: 0 },
    ]);
  });
});

describe('exemptions: tallies', () => {
  it('applied counts findings: one row breaching two listed rules counts 2', () => {
    const report = run([ex({ rules: ['PAY', 'PQE'] })], [{ pqe_months: '10', exemption_ref: 'EX-1' }]);
    expect(summary(report)).toEqual(['2:PAY:exempted:EX-1', '2:PQE:exempted:EX-1']);
    expect(tally(report, 'EX-1')).toEqual({ id: 'EX-1', status: 'active', applied: 2, cited: 1, cited_not_covering: 0 });
    expect(report.summary.exempted).toBe(2);
  });

  it('cited counts each checked row once, even if it cites the id twice', () => {
    const report = run([ex()], [{ exemption_ref: 'EX-1;ex-1; EX-1' }, { exemption_ref: 'EX-1' }]);
    expect(tally(report, 'EX-1')).toMatchObject({ applied: 2, cited: 2 });
    expect(report.data_issues).toEqual([]);
  });

  it('a duplicate row and rows with a blank key do not count as citing', () => {
    const report = run([ex()], [
      { assignment_id: 'A1', exemption_ref: 'EX-1' },
      { assignment_id: 'A1', exemption_ref: 'EX-1' },
      { assignment_id: '', exemption_ref: 'EX-1' },
      { la_code: '', exemption_ref: 'EX-1' },
    ]);
    expect(tally(report, 'EX-1')).toEqual({ id: 'EX-1', status: 'active', applied: 1, cited: 1, cited_not_covering: 0 });
    expect(report.summary.checked).toBe(1);
  });

  it('a ragged row does not count as citing', () => {
    const csv = table([{ exemption_ref: 'EX-1' }]) + 'E10000011,A9,SW123,SW,2025-06-01,50,,40,EX-1,extra\n';
    const report = checkCsv(makeRuleset({ rules: [PAY, PQE], exemptions: [ex()] }), csv, { asOf: '2025-08-01' });
    expect(tally(report, 'EX-1')).toMatchObject({ cited: 1, applied: 1 });
    expect(report.data_issues.map((d) => [d.code, d.line])).toEqual([['ragged_row', 3]]);
  });

  it('cited_not_covering: citing rows that still have a breach of a rule it lists', () => {
    const report = run([ex()], [
      { start_date: '2025-04-01', exemption_ref: 'EX-1' }, // PAY breach, outside window
      { exemption_ref: 'EX-1' }, // covered
      { hourly_pay_rate: '30', pqe_months: '10', exemption_ref: 'EX-1' }, // PQE breach: not a rule EX-1 lists
    ]);
    expect(summary(report)).toEqual(['2:PAY:breach:-', '3:PAY:exempted:EX-1', '4:PQE:breach:-']);
    expect(tally(report, 'EX-1')).toEqual({ id: 'EX-1', status: 'active', applied: 1, cited: 3, cited_not_covering: 1 });
    expect(notApplied(report, 2) ?? []).toEqual([{ id: 'EX-1', reason: 'rule' }]);
  });

  it('cited_not_covering: 0 when another exemption covered the breach', () => {
    const report = run([ex({ id: 'EX-A', blanket: true }), ex({ id: 'EX-B', las: ['E10000016'] })], [{ exemption_ref: 'EX-B' }]);
    expect(summary(report)).toEqual(['2:PAY:exempted:EX-A']);
    expect(tally(report, 'EX-B')).toEqual({ id: 'EX-B', status: 'active', applied: 0, cited: 1, cited_not_covering: 0 });
  });
});

describe('exemptions: unknown_exemption', () => {
  it('one warning per distinct undefined id per row (ignoring case), on the row line', () => {
    const report = run([ex()], [
      { hourly_pay_rate: '30', exemption_ref: 'NOPE;nope; NOPE ;EX-1' },
      { hourly_pay_rate: '30', exemption_ref: 'NOPE;OTHER' },
    ]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([
      ['unknown_exemption', 'warning', 'assignments-1.csv', 2, 'exemption_ref'],
      ['unknown_exemption', 'warning', 'assignments-1.csv', 3, 'exemption_ref'],
      ['unknown_exemption', 'warning', 'assignments-1.csv', 3, 'exemption_ref'],
    ]);
    expect(report.summary).toMatchObject({ data_errors: 0, data_warnings: 3 });
  });

  it('also reported on duplicate rows and rows with a blank key', () => {
    const report = run([], [
      { assignment_id: 'A1', hourly_pay_rate: '30', exemption_ref: 'NOPE' },
      { assignment_id: 'A1', hourly_pay_rate: '30', exemption_ref: 'NOPE' },
      { assignment_id: '', hourly_pay_rate: '30', exemption_ref: 'NOPE' },
    ]);
    // the order of issues within one line is not fixed by the spec: compare sorted
    expect(report.data_issues.map((d) => `${d.line}:${d.code}:${d.severity}`).sort()).toEqual([
      '2:unknown_exemption:warning',
      '3:duplicate_assignment:error',
      '3:unknown_exemption:warning',
      '4:missing_value:error',
      '4:unknown_exemption:warning',
    ]);
  });

  it('an id defined by the ruleset is not unknown even if it lists no rule the row breaches', () => {
    const report = run([ex({ rules: ['PQE'] })], [{ hourly_pay_rate: '30', exemption_ref: 'ex-1' }]);
    expect(report.data_issues).toEqual([]);
  });

  it('empty pieces between separators are not ids', () => {
    const report = run([ex()], [{ hourly_pay_rate: '30', exemption_ref: ';EX-1;;' }]);
    expect(report.data_issues).toEqual([]);
  });
});

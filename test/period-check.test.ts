// --period inside the ordinary check, written from rules.md (**Period**), report.md v1.1
// and readings 11, 22 and 23: out-of-period rows are counted, never checked, and raise
// nothing; leavers are never filtered; as_of defaults to the period's last day.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/check/index.js';
import { parsePeriod, type Period } from '../src/period.js';
import type { Report, Rule, Ruleset } from '../src/types.js';
import { capWindow, csvTable, makeRuleset, runCli, tempDir, writeInput } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const PAY_CAP: Rule = { id: 'CAP', kind: 'pay_cap', severity: 'error', basis: 'hourly_pay_rate', caps: [capWindow('2025-01-01', null, { social_worker: 40 })] };
const COOL: Rule = { id: 'COOL', kind: 'cooling_off', severity: 'error', months: 6, scope: 'same_la' };
const COLS = ['la_code', 'assignment_id', 'swe_number', 'role', 'start_date', 'hourly_pay_rate', 'end_date'];
const DEFAULTS = { la_code: 'E10000011', swe_number: 'SW123', role: 'Social Worker', start_date: '2025-06-01', hourly_pay_rate: '50.00' };

function period(text: string): Period {
  const p = parsePeriod(text);
  if (!p.ok) throw new Error(p.message);
  return p.period;
}

function check(rows: Array<Record<string, string>>, opts: { period?: string; leavers?: string; ruleset?: Ruleset; raw?: string } = {}): Report {
  const dir = tempDir();
  dirs.push(dir);
  const file = writeInput(dir, 'kent.csv', opts.raw ?? csvTable(COLS, rows, DEFAULTS));
  const leavers = opts.leavers === undefined ? [] : [writeInput(dir, 'leavers.csv', opts.leavers)];
  const report = runCheck({
    ruleset: opts.ruleset ?? makeRuleset({ rules: [PAY_CAP] }),
    files: [file],
    leavers,
    asOf: '2025-11-30',
    ...(opts.period ? { period: period(opts.period) } : {}),
  });
  return report;
}

const lines = (r: Report) => r.findings.map((f) => f.line);
const issues = (r: Report) => r.data_issues.map((d) => `${d.line}:${d.code}`);

describe('--period in the check', () => {
  it('edge days: a start on the last day and an end on the first day are in; a day further is out', () => {
    const r = check(
      [
        { start_date: '2025-11-30' }, // in (line 2)
        { start_date: '2025-12-01' }, // out: starts after the last day
        { start_date: '2025-01-01', end_date: '2025-11-01' }, // in: ends on the first day (line 4)
        { start_date: '2025-01-01', end_date: '2025-10-31' }, // out: ends before the first day
        { start_date: '2025-01-01' }, // in: open-ended (line 6)
      ],
      { period: '2025-11' },
    );
    expect(lines(r)).toEqual([2, 4, 6]);
    expect(r.summary).toMatchObject({ rows: 5, checked: 3, out_of_period: 2, breaches: 3 });
    expect(r.inputs[0]).toMatchObject({ rows: 5, checked: 3, out_of_period: 2 });
    expect(r.period).toEqual({ from: '2025-11-01', to: '2025-11-30' });
  });

  it('an out-of-period row raises no row-level issue, even with bad cells', () => {
    const r = check([{ start_date: '2025-12-15', hourly_pay_rate: 'lots', role: 'Wizard', swe_number: '' }], { period: '2025-11' });
    expect(r.data_issues).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.summary).toMatchObject({ checked: 0, out_of_period: 1, data_errors: 0 });
  });

  it('reading 11: an end before its own start still counts, and an invalid or blank start with an end before the period is out', () => {
    const r = check(
      [
        { start_date: '2025-12-05', end_date: '2025-10-01' }, // end_before_start, both outside: out
        { start_date: '31/02/2025', end_date: '2025-09-30' }, // invalid start, end before: out, no invalid_date
        { start_date: '', end_date: '2025-09-30' }, // blank start, end before: out, no missing_value
        { start_date: 'soon' }, // invalid start, no end: in, with its issue
        { start_date: '2025-11-10', end_date: 'never' }, // invalid end: in, with its issue
      ],
      { period: '2025-11' },
    );
    expect(r.summary).toMatchObject({ rows: 5, out_of_period: 3, checked: 2 });
    expect(issues(r)).toEqual(['5:invalid_date', '6:invalid_date']);
  });

  it('an out-of-period row is not seen for duplicates; a later in-period row with its id is checked', () => {
    const r = check([{ assignment_id: 'A-1', start_date: '2026-01-05' }, { assignment_id: 'A-1', start_date: '2025-11-05' }], { period: '2025-11' });
    expect(issues(r)).toEqual([]);
    expect(lines(r)).toEqual([3]);
  });

  it('a ragged row is only ragged_row, never out of period', () => {
    const csv = `${COLS.join(',')}\nE10000011,A1,SW123,Social Worker,2026-01-01,50.00,,extra\n`;
    const r = check([], { period: '2025-11', raw: csv });
    expect(issues(r)).toEqual(['2:ragged_row']);
    expect(r.summary).toMatchObject({ rows: 1, checked: 0, out_of_period: 0 });
  });

  it('leavers are never filtered: a leaving date outside the period still counts for cooling-off', () => {
    const leavers = 'la_code,swe_number,leaving_date\nE10000011,SW123,2025-08-31\n';
    const r = check([{ start_date: '2025-11-03' }], { period: '2025-11', leavers, ruleset: makeRuleset({ rules: [COOL] }) });
    expect(r.findings.map((f) => `${f.rule}:${f.status}`)).toEqual(['COOL:breach']);
    const leaverInput = r.inputs.find((i) => i.kind === 'leavers')!;
    expect(leaverInput).not.toHaveProperty('out_of_period');
  });

  it('a quarter and a range filter the same way', () => {
    const rows: Array<Record<string, string>> = [{ start_date: '2025-06-30', end_date: '2025-06-30' }, { start_date: '2025-07-01' }, { start_date: '2025-10-01' }];
    expect(check(rows, { period: '2025-Q3' }).summary.out_of_period).toBe(2);
    expect(check(rows, { period: '2025-07-01..2025-09-30' }).summary.out_of_period).toBe(2);
    expect(check(rows, { period: '2025-07-01..2025-07-01' }).summary.checked).toBe(1);
  });

  it('without a period: no period field and no out-of-period counts (v1 reports unchanged)', () => {
    const r = check([{ start_date: '2030-01-01' }]);
    expect(r).not.toHaveProperty('period');
    expect(r.summary).not.toHaveProperty('out_of_period');
    expect(r.inputs[0]).not.toHaveProperty('out_of_period');
    expect(r.summary.checked).toBe(1);
  });
});

describe('check --period on the command line', () => {
  const base = ['check', '--rules', 'rules/south-east.yaml', '--leavers', 'fixtures/example/leavers.csv', '--fail-on', 'never', '--format', 'json', 'fixtures/example/kent.csv'];

  it('as_of defaults to the period’s last day; --as-of wins (reading 22)', () => {
    const q = JSON.parse(runCli([...base, '--period', '2025-q3']).stdout);
    expect(q.as_of).toBe('2025-09-30');
    expect(q.period).toEqual({ from: '2025-07-01', to: '2025-09-30' });
    const both = JSON.parse(runCli([...base, '--period', '2025-Q3', '--as-of', '2025-10-15']).stdout);
    expect(both.as_of).toBe('2025-10-15');
    expect(both.period).toEqual({ from: '2025-07-01', to: '2025-09-30' });
  });

  it('the terminal report and stderr show the period and the out-of-period count', () => {
    const r = runCli(['check', '--rules', 'rules/south-east.yaml', '--fail-on', 'never', '--period', '2025-11', 'fixtures/example/kent.csv']);
    const json = JSON.parse(runCli([...base, '--period', '2025-11']).stdout);
    const out = json.summary.out_of_period;
    expect(r.stdout).toContain(`Period: 2025-11, 2025-11-01 to 2025-11-30; ${out} row${out === 1 ? '' : 's'} outside the period`);
    expect(r.stderr).toContain(`(${out} outside the period)`);
    const args = ['check', '--rules', 'rules/south-east.yaml', '--fail-on', 'never', '--period', '2025-11', 'fixtures/example/kent.csv'];
    const md = runCli([...args, '--format', 'markdown']).stdout;
    expect(md).toContain(`Period: 2025-11, 2025-11-01 to 2025-11-30; ${out} row`);
    const html = runCli([...args, '--format', 'html']).stdout;
    expect(html).toContain(`Period: <strong>2025-11, 2025-11-01 to 2025-11-30; ${out} row`);
    expect(html).toContain('Outside the period</th>');
    // without a period, none of it
    const plain = runCli(['check', '--rules', 'rules/south-east.yaml', '--fail-on', 'never', '--format', 'html', 'fixtures/example/kent.csv']).stdout;
    expect(plain).not.toContain('Outside the period');
    expect(plain).not.toContain('id="period"');
  });

  it.each(['2025-13', '2025-Q5', '2025-09-30..2025-07-01', 'last month'])('--period %j is a usage error (exit 2) showing the accepted forms', (value) => {
    const r = runCli(['check', '--rules', 'rules/south-east.yaml', '--period', value, 'fixtures/example/kent.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--period "${value}"`);
    expect(r.stderr).toContain('2025-11 (a month), 2025-Q3 (a quarter');
    expect(r.stdout).toBe('');
  });
});

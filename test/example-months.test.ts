// The example's three months (fixtures/example/README.md, "Three months"): the figures
// the README gives per month, and the trend over them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const COUNCILS = ['east-sussex.csv', 'kent.csv', 'surrey.csv'];
const MONTHS: Array<[string, string, Record<string, number>]> = [
  ['2025-09', 'fixtures/example/2025-09', { rows: 40, checked: 39, out_of_period: 1, breaches: 15, exempted: 5, unknown: 4, data_errors: 0 }],
  ['2025-10', 'fixtures/example/2025-10', { rows: 50, checked: 48, out_of_period: 2, breaches: 21, exempted: 4, unknown: 6, data_errors: 0 }],
  ['2025-11', 'fixtures/example', { rows: 70, checked: 64, out_of_period: 3, breaches: 24, exempted: 4, unknown: 6, data_errors: 14 }],
];

describe('the example months', () => {
  it.each(MONTHS)('%s gives the README figures', (period, folder, expected) => {
    const res = runCli(['check', '--rules', 'rules/south-east.yaml', '--leavers', 'fixtures/example/leavers.csv', '--period', period, '--fail-on', 'never', '--format', 'json', ...COUNCILS.map((f) => join(folder, f))]);
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.summary).toMatchObject(expected);
    expect(report.as_of).toBe(report.period.to);
  });

  it('KCC-24-3302 is exempted in September, then a breach once SE-EX-2025-003 has lapsed', () => {
    const status = (period: string, folder: string) => {
      const res = runCli(['check', '--rules', 'rules/south-east.yaml', '--period', period, '--fail-on', 'never', '--format', 'json', join(folder, 'kent.csv')]);
      return JSON.parse(res.stdout).findings.find((f: { assignment_id: string; rule: string }) => f.assignment_id === 'KCC-24-3302' && f.rule === 'SE-PAY-CAP')?.status;
    };
    expect(status('2025-09', 'fixtures/example/2025-09')).toBe('exempted');
    expect(status('2025-10', 'fixtures/example/2025-10')).toBe('breach');
  });
});

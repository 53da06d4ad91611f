// Issue 15 item 12: a pqe_months column whose values all look like years.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, makeRuleset, tempDir, writeInput } from '../../test/helpers.js';
import { runInProcess } from '../../test/in-process.js';
import { REPO_ROOT } from '../../test/helpers.js';
import type { Report } from '../types.js';
import { PQE_YEARS_BELOW, PQE_YEARS_MIN_VALUES, pqeLooksLikeYears } from './assignments-table.js';

const rules = makeRuleset({ rules: [{ id: 'DFE-PQE', kind: 'min_pqe', severity: 'error', months: 36 }] });
const cols = [...BASE_COLS, 'pqe_months'];
const file = (values: string[]): string => csvTable(cols, values.map((pqe_months) => ({ pqe_months })));
const warnings = (report: Report) => report.data_issues.filter((d) => d.code === 'pqe_looks_like_years');

describe('pqe_looks_like_years', () => {
  it.each([
    ['five values all under 12', ['3', '5', '11', '0', '7'], true],
    ['blank and invalid cells are not values', ['3', '', '5', 'n/a', '11', '2', '', '4'], true],
    ['one value of 12 or more', ['3', '5', '12', '2', '7'], false],
    ['months, as the contract says', ['36', '48', '120', '24', '60'], false],
    ['fewer than five values', ['3', '5', '', '2'], false],
    ['no values at all', ['', '', '', '', '', ''], false],
  ])('%s', (_name, values, warned) => {
    const report = checkCsv(rules, file(values));
    expect(warnings(report)).toHaveLength(warned ? 1 : 0);
  });

  it('is said once per file, as a file-level warning naming the column and the profile conversion', () => {
    const report = checkCsv(rules, [file(['3', '5', '2', '4', '6', '1', '9']), file(['2', '3', '4', '5', '6']), file(['36', '40', '50', '60', '70'])]);
    const found = warnings(report);
    expect(found.map((d) => d.file)).toEqual(['assignments-1.csv', 'assignments-2.csv']);
    const [first] = found;
    expect(first).toMatchObject({ severity: 'warning', line: null, column: 'pqe_months' });
    expect(first!.message).toBe(
      'every pqe_months value in this file is under 12 (7 values, the largest 9): they look like years, not months; ' +
        'if the export gives years, read it with a profile that says units: {pqe_months: years} (docs/profiles.md); the rows were checked as months',
    );
    // the rows are still checked as months
    expect(report.findings.filter((f) => f.file === 'assignments-1.csv' && f.status === 'breach')).toHaveLength(7);
    expect(report.summary.data_warnings).toBe(2);
  });

  it('is not said for a file that was not checked (a required column missing)', () => {
    const report = checkCsv(rules, 'la_code,pqe_months\nE10000011,3\nE10000011,4\nE10000011,5\nE10000011,6\nE10000011,7\n');
    expect(warnings(report)).toHaveLength(0);
  });

  it('has its edges at 5 values and under 12', () => {
    expect(pqeLooksLikeYears('f', PQE_YEARS_MIN_VALUES, PQE_YEARS_BELOW - 1)).not.toBeNull();
    expect(pqeLooksLikeYears('f', PQE_YEARS_MIN_VALUES - 1, 1)).toBeNull();
    expect(pqeLooksLikeYears('f', 100, PQE_YEARS_BELOW)).toBeNull();
  });

  it('is not said when a profile reads the years as months', async () => {
    const dir = tempDir();
    const csv = writeInput(dir, 'kent-pqe.csv', csvTable([...BASE_COLS, 'PQE (Yrs)'], ['3', '5', '2', '4', '6'].map((y) => ({ 'PQE (Yrs)': y }))));
    const profile = writeInput(dir, 'kent.yaml', 'format: moc-profile/v1\ncolumns:\n  pqe_months: PQE (Yrs)\nunits:\n  pqe_months: years\n');
    const noProfile = writeInput(dir, 'plain.yaml', 'format: moc-profile/v1\ncolumns:\n  pqe_months: PQE (Yrs)\n');
    const rulesFile = join(REPO_ROOT, 'rules', 'south-east.yaml');
    const run = (p: string) => runInProcess(['check', '--rules', rulesFile, '--profile', p, '--as-of', '2025-11-30', '--format', 'json', csv], { env: { GITHUB_STEP_SUMMARY: '' } });
    const converted = JSON.parse((await run(profile)).stdout) as Report;
    expect(warnings(converted)).toHaveLength(0);
    const asMonths = JSON.parse((await run(noProfile)).stdout) as Report;
    expect(warnings(asMonths)).toHaveLength(1);
  });
});

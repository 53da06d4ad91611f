// The bundled example month against the outcomes its README promises, row by row.
// If the checker and fixtures/example/README.md disagree, one of them is wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/check/index.js';
import { exitCodeFor } from '../src/exit.js';
import { loadRuleset } from '../src/ruleset/load.js';
import type { Report, Ruleset } from '../src/types.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = (name: string) => join(root, 'fixtures', 'example', name);
// the three CSV files' sections; the vendor workbook's has its own test (example-vendor.test.ts)
const readme = readFileSync(example('README.md'), 'utf8').split('\n## vendor-placements')[0]!;

let ruleset: Ruleset;
let report: Report;

function check(files: string[], leavers: string[] = []): Report {
  return runCheck({ ruleset, files: files.map(example), leavers: leavers.map(example), asOf: '2025-11-30' });
}

beforeAll(() => {
  const loaded = loadRuleset(join(root, 'rules', 'south-east.yaml'));
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  ruleset = loaded.ruleset;
  report = check(['east-sussex.csv', 'kent.csv', 'surrey.csv'], ['leavers.csv']);
});

describe('the example month (fixtures/example)', () => {
  it('has the summary its README states', () => {
    expect(report.summary).toEqual({ rows: 70, checked: 67, breaches: 24, exempted: 5, unknown: 6, data_errors: 15, data_warnings: 7 });
    expect(exitCodeFor(report, 'error')).toBe(1);
    expect(exitCodeFor(report, 'never')).toBe(0);
  });

  it('finds exactly the findings whose ids the README lists, with the README status', () => {
    // Table rows: | line | assignment | what | expected | — the expected cell names statuses and ids.
    const expected = new Map<string, string>();
    for (const line of readme.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      const outcome = cells[4];
      if (!outcome || !/^\d/.test(cells[1] ?? '')) continue;
      for (const m of outcome.matchAll(/`([0-9a-f]{12})`/g)) {
        const before = outcome.slice(0, m.index);
        const status = /unknown/.test(before) ? 'unknown' : /\*\*exempted\*\*/.test(before) ? 'exempted' : 'breach';
        expected.set(m[1]!, status);
      }
    }
    expect(expected.size).toBeGreaterThanOrEqual(30);
    const actual = new Map(report.findings.map((f) => [f.id, f.status]));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });

  it('tallies the exemptions as the README table says', () => {
    expect(report.exemptions).toEqual([
      { id: 'SE-EX-2025-007', status: 'active', applied: 1, cited: 6, cited_not_covering: 3 },
      { id: 'SE-EX-2025-003', status: 'expired', applied: 1, cited: 2, cited_not_covering: 1 },
      { id: 'SE-EX-2025-012', status: 'active', applied: 2, cited: 0, cited_not_covering: 0 },
      { id: 'SE-EX-2025-014', status: 'expiring', applied: 1, cited: 2, cited_not_covering: 1 },
      { id: 'SE-EX-2025-009', status: 'active', applied: 0, cited: 0, cited_not_covering: 0 },
      { id: 'SE-EX-2025-015', status: 'active', applied: 0, cited: 0, cited_not_covering: 0 },
      { id: 'SE-EX-2026-001', status: 'pending', applied: 0, cited: 1, cited_not_covering: 1 },
    ]);
  });

  it('reports the data issues of each file', () => {
    const codes = (file: string, severity: string) =>
      report.data_issues.filter((d) => d.file.endsWith(file) && d.severity === severity).map((d) => d.code).sort();
    expect(codes('east-sussex.csv', 'error')).toEqual(
      ['invalid_integer', 'invalid_swe_number', 'missing_left_substantive_la', 'missing_value', 'unknown_role'],
    );
    expect(codes('kent.csv', 'error')).toEqual(
      ['duplicate_assignment', 'end_before_start', 'invalid_date', 'invalid_date', 'invalid_number', 'missing_value', 'ragged_row'],
    );
    expect(codes('surrey.csv', 'error')).toEqual(['invalid_boolean', 'invalid_date', 'invalid_number']);
    expect(codes('kent.csv', 'warning')).toEqual(['column_missing_for_rule']);
    expect(codes('surrey.csv', 'warning')).toEqual(['unknown_exemption', 'unknown_exemption']);
    expect(codes('leavers.csv', 'warning')).toHaveLength(4);
  });
});

describe('the broken example files', () => {
  it('UTF-16: one unreadable_file error with no line, telling people to save as CSV UTF-8', () => {
    const r = check(['broken/utf16-export.csv']);
    expect(r.data_issues).toMatchObject([{ code: 'unreadable_file', severity: 'error', line: null }]);
    expect(r.data_issues[0]!.message).toContain('CSV UTF-8');
  });

  it('missing columns: one issue listing both, nothing else, no rows', () => {
    const r = check(['broken/missing-column.csv']);
    expect(r.data_issues).toMatchObject([{ code: 'missing_column', line: null }]);
    expect([...r.data_issues[0]!.columns!].sort()).toEqual(['hourly_pay_rate', 'role']);
    expect(r.summary.rows).toBe(0);
  });

  it('malformed from line 4: the rows before are checked', () => {
    const r = check(['broken/malformed-quote.csv']);
    expect(r.findings.map((f) => [f.id, f.line, f.status])).toEqual([['cbf6d25e0050', 3, 'breach']]);
    expect(r.data_issues).toMatchObject([{ code: 'unreadable_file', line: 4 }]);
    expect(r.summary.rows).toBe(2);
  });

  it('header only: four column_missing_for_rule warnings', () => {
    const r = check(['broken/header-only.csv']);
    expect(r.data_issues.map((d) => [d.code, d.rule])).toEqual([
      ['column_missing_for_rule', 'DFE-PQE'],
      ['column_missing_for_rule', 'DFE-REFERENCES'],
      ['column_missing_for_rule', 'DFE-NOTICE'],
      ['column_missing_for_rule', 'DFE-PROJECT-TEAM'],
    ]);
  });

  it('a leavers register without leaving_date is an error', () => {
    const r = check(['east-sussex.csv'], ['broken/leavers-missing-column.csv']);
    expect(r.data_issues.filter((d) => d.code === 'missing_column')).toMatchObject([{ severity: 'error', columns: ['leaving_date'] }]);
  });
});

// The example's vendor workbook (fixtures/example/README.md, "vendor-placements-2025-11.xlsx")
// against the outcomes its README promises, and `npm start` with it; and the script
// that makes the workbook still makes the same one.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, runCli, tempDir } from './helpers.js';

const EXAMPLE = join(REPO_ROOT, 'fixtures', 'example');
const section = readFileSync(join(EXAMPLE, 'README.md'), 'utf8').split('\n## vendor-placements')[1]!.split('\n## ')[0]!;
const PROFILE = 'fixtures/example/vendor-placements.profile.yaml';
const BOOK = 'fixtures/example/vendor-placements-2025-11.xlsx';

interface Report {
  inputs: Array<Record<string, unknown>>;
  summary: Record<string, number>;
  findings: Array<{ id: string; status: string; line: number; severity: string }>;
  data_issues: Array<{ code: string; line: number | null; file: string }>;
}

function check(...files: string[]): Report {
  const run = runCli(['check', '--rules', 'rules/south-east.yaml', '--leavers', 'fixtures/example/leavers.csv', '--profile', PROFILE, '--as-of', '2025-11-30', '--fail-on', 'never', '--format', 'json', ...files]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

/** The table rows of the section: row, placement, what, expected. */
const rows = section.split('\n').map((l) => l.split('|').map((c) => c.trim())).filter((c) => /^\d+$/.test(c[1] ?? ''));

describe('the vendor workbook of the example', () => {
  const report = check(BOOK);

  it('is read from the sheet and row the README says, with its profile', () => {
    expect(report.inputs[0]).toMatchObject({ file: BOOK, sheet: 'Placements', skipped_above_header: 2, rows: 9, checked: 9, profile: PROFILE });
    expect(report.summary).toEqual({ rows: 9, checked: 9, breaches: 6, exempted: 0, unknown: 0, data_errors: 0, data_warnings: 6 });
  });

  it('finds exactly the findings the README lists, on the rows it lists them', () => {
    const expected = rows.flatMap(([, row, , , outcome]) => [...outcome!.matchAll(/`([0-9a-f]{12})`/g)].map((m) => [m[1], Number(row), 'breach']));
    expect(expected).toHaveLength(6);
    expect(report.findings.map((f) => [f.id, f.line, f.status])).toEqual(expected);
    expect(report.findings.find((f) => f.line === 12)!.severity).toBe('warning');
  });

  it('has the warnings the README lists, at their rows', () => {
    const expected = rows.flatMap(([, row, , , outcome]) => [...outcome!.matchAll(/warning `([a-z_]+)`/g)].map((m) => [m[1], Number(row)]));
    expect(expected).toEqual([['council_not_in_region', 11], ['summary_row', 14]]);
    expect(report.data_issues.filter((d) => d.file === BOOK).map((d) => [d.code, d.line])).toEqual(expected);
  });

  it('npm start (the CSV files and the workbook) has the totals the README gives', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
    const args = pkg.scripts.start.replace(/^node bin\/moc-check /, '').split(' ');
    expect(args).toContain(PROFILE);
    expect(args).toContain(BOOK);
    const run = runCli([...args, '--format', 'json']);
    const all = JSON.parse(run.stdout) as Report;
    const totals = /`npm start`[^:]*: rows (\d+), checked (\d+),\s+breaches (\d+), exempted (\d+), unknown (\d+), data_errors (\d+), data_warnings (\d+)/.exec(section.replace(/\n\s*/g, ' '));
    expect(totals).not.toBeNull();
    const [rowsN, checked, breaches, exempted, unknown, errors, warnings] = totals!.slice(1).map(Number);
    expect(all.summary).toMatchObject({ rows: rowsN, checked, breaches, exempted, unknown, data_errors: errors, data_warnings: warnings });
  });

  it('make-vendor-xlsx.mjs makes a workbook that reads the same', () => {
    const out = join(tempDir(), 'vendor-placements-2025-11.xlsx');
    execFileSync(process.execPath, [join(EXAMPLE, 'make-vendor-xlsx.mjs'), out], { cwd: REPO_ROOT, stdio: 'pipe' });
    const made = check(out);
    const strip = (r: Report) => ({ summary: r.summary, findings: r.findings.map((f) => ({ ...f, file: '' })), issues: r.data_issues.map((d) => [d.code, d.line]) });
    expect(strip(made)).toEqual(strip(report));
  });

  it('its profile is valid against the published JSON Schema', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'profile.schema.json'), 'utf8')));
    const profile = parse(readFileSync(join(REPO_ROOT, PROFILE), 'utf8'));
    expect(validate(profile) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...profile, header_row: 0 })).toBe(false);
  });
});

// `moc-check trend` end to end: real JSON reports of the example month, read in any
// order; every bad report named with exit 2; outputs never clobber an input.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const EXAMPLE = ['east-sussex.csv', 'kent.csv', 'surrey.csv'].map((f) => join('fixtures', 'example', f));

/** One example report per as-of date, written as `check --format json` writes it. */
function writeReport(dir: string, name: string, asOf: string, extra: string[] = []): string {
  const path = join(dir, name);
  const res = runCli(['check', '--rules', 'rules/south-east.yaml', '--leavers', 'fixtures/example/leavers.csv', '--as-of', asOf, '--fail-on', 'never', '--format', 'json', '--output', path, ...extra, ...EXAMPLE]);
  if (res.code !== 0) throw new Error(res.stderr);
  return path;
}

describe('moc-check trend', () => {
  let dir: string;
  let sep: string;
  let nov: string;
  let dec: string;
  beforeAll(() => {
    dir = tempDir();
    sep = writeReport(dir, 'sep.json', '2025-09-30');
    nov = writeReport(dir, 'nov.json', '2025-11-30');
    dec = writeReport(dir, 'dec.json', '2025-12-31');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sorts the reports, shows October as a gap and exits 0', () => {
    const res = runCli(['trend', dec, sep, nov]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Trend for ruleset south-east');
    expect(res.stdout).toContain('no report for 2025-10');
    const header = res.stdout.split('\n').find((l) => l.includes('2025-09'))!;
    expect(header.indexOf('2025-09')).toBeLessThan(header.indexOf('2025-10'));
    expect(header.indexOf('2025-11')).toBeLessThan(header.indexOf('2025-12'));
    expect(res.stderr).toContain('trend over 4 months from 3 reports, 1 without a report');
  });

  it('JSON figures equal each report’s own summary', () => {
    const res = runCli(['trend', '--format', 'json', nov, sep]);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    const report = JSON.parse(readFileSync(nov, 'utf8'));
    const point = doc.points.find((p: { key: string }) => p.key === '2025-11');
    expect(point).toMatchObject({ breaches: report.summary.breaches, exempted: report.summary.exempted, unknown: report.summary.unknown, data_errors: report.summary.data_errors, as_of: '2025-11-30' });
    const byRule = Object.values(point.breaches_by_rule as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(byRule).toBe(report.summary.breaches);
    expect(doc.points.find((p: { key: string }) => p.key === '2025-10')).toEqual({ key: '2025-10', gap: true, report: null });
  });

  it('writes markdown and HTML to --output, whole', () => {
    const md = join(dir, 'trend.md');
    const html = join(dir, 'trend.html');
    expect(runCli(['trend', '--format', 'markdown', '--output', md, sep, nov]).code).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain('| Breaches |');
    const res = runCli(['trend', '--format', 'html', '--output', html, sep, nov]);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`wrote the html trend to ${html}`);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it.each<[string, (d: string) => string, RegExp]>([
    ['a truncated report', (d) => writeAndName(d, 'cut.json', readFileSync(join(d, 'nov.json'), 'utf8').slice(0, 500)), /cut\.json is not a moc-check JSON report/],
    ['a JSON file that is not a report', (d) => writeAndName(d, 'other.json', '{"hello": 1}'), /other\.json is not a moc-check JSON report/],
    ['a CSV export given by mistake', () => 'fixtures/example/kent.csv', /fixtures\/example\/kent\.csv is not a moc-check JSON report/],
    ['a file that does not exist', (d) => join(d, 'missing.json'), /cannot read .*missing\.json/],
    ['an empty file', (d) => writeAndName(d, 'empty.json', ''), /empty\.json/],
  ])('%s: exit 2 naming it, nothing on stdout', (_what, make, message) => {
    const bad = make(dir);
    const res = runCli(['trend', sep, bad, nov]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).toContain('no trend was written');
    expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(res.stdout).toBe('');
  });

  it('refuses reports from different rulesets with a plain message', () => {
    const other = join(dir, 'london.json');
    const report = JSON.parse(readFileSync(sep, 'utf8'));
    report.ruleset.id = 'london-2016';
    writeFileSync(other, JSON.stringify(report));
    const res = runCli(['trend', nov, other]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${other} was checked against the ruleset "london-2016" but ${nov} against "south-east"`);
  });

  it('refuses two reports for one month, and an output that is one of the reports', () => {
    expect(runCli(['trend', nov, nov]).stderr).toContain('both cover 2025-11');
    const res = runCli(['trend', '--output', nov, sep, nov]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('is one of the input files');
    expect(JSON.parse(readFileSync(nov, 'utf8')).format).toBe('moc-report/v1');
  });

  it('--rules gives the ruleset order and titles; a different ruleset is refused', () => {
    const res = runCli(['trend', '--format', 'json', '--rules', 'rules/south-east.yaml', sep, nov]);
    expect(res.code, res.stderr).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc.rules).toEqual(['DFE-PQE', 'DFE-REFERENCES', 'DFE-NOTICE', 'DFE-PROJECT-TEAM', 'SE-COOLING-OFF', 'SE-PAY-CAP']);
    expect(doc.rule_titles['SE-PAY-CAP']).toMatch(/pay cap/i);
    const md = runCli(['trend', '--format', 'markdown', '--rules', 'rules/south-east.yaml', sep, nov]).stdout;
    expect(md).toContain(`${doc.rule_titles['DFE-PQE'].replace(/'/g, "'")} (DFE-PQE)`);
    const other = runCli(['trend', '--rules', 'rules/london-2016.yaml', sep, nov]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--rules is the ruleset "london-2016"');
  });

  it('an unknown format is a usage error', () => {
    expect(runCli(['trend', '--format', 'sarif', sep]).code).toBe(2);
  });
});

function writeAndName(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

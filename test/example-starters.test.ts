// The example's starters register and caps by engagement type (issue 11) against the
// outcomes fixtures/example/README.md promises: the tables' `id` column gives each
// finding's id and the `expected` column its status; lines without an id have none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../src/check/index.js';
import { exitCodeFor } from '../src/exit.js';
import { loadRuleset } from '../src/ruleset/load.js';
import type { Report, Ruleset } from '../src/types.js';
import { REPO_ROOT, runCli } from './helpers.js';

const example = (name: string) => join(REPO_ROOT, 'fixtures', 'example', name);
const readme = readFileSync(example('README.md'), 'utf8');

function rulesetAt(path: string): Ruleset {
  const loaded = loadRuleset(path);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return loaded.ruleset;
}

/** line -> [status, id] from the README section's table (| line | … | expected | id |). */
function promised(heading: string): Map<number, [string, string]> {
  const section = readme.slice(readme.indexOf(heading), readme.indexOf('\n## ', readme.indexOf(heading) + 1));
  const out = new Map<number, [string, string]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length !== 7 || !/^\d+$/.test(cells[1]!)) continue;
    const id = /`([0-9a-f]{12})`/.exec(cells[5]!)?.[1];
    if (!id) continue;
    const status = /\*\*unknown\*\*/.test(cells[4]!) ? 'unknown' : /\*\*exempted\*\*/.test(cells[4]!) ? 'exempted' : 'breach';
    out.set(Number(cells[1]), [status, id]);
  }
  return out;
}

const byLine = (report: Report, file: string) =>
  new Map(report.findings.filter((f) => f.file.endsWith(file)).map((f) => [f.line, [f.status, f.id] as [string, string]]));

describe('the example starters register (fixtures/example/starters.csv)', () => {
  const ruleset = rulesetAt(join(REPO_ROOT, 'rules', 'south-east.yaml'));
  const files = ['east-sussex.csv', 'kent.csv', 'surrey.csv'].map(example);
  const report = runCheck({ ruleset, files, leavers: [example('leavers.csv')], starters: [example('starters.csv')], asOf: '2025-11-30' });

  it('gives the findings the README lists, line by line, and nothing else', () => {
    const expected = promised('## starters.csv');
    expect(expected.size).toBe(6);
    expect(Object.fromEntries(byLine(report, 'starters.csv'))).toEqual(Object.fromEntries(expected));
    expect(report.findings.filter((f) => f.file.endsWith('starters.csv')).every((f) => f.kind === 'head_hunting' && f.assignment_id === null)).toBe(true);
  });

  it('has the totals the README gives with the three CSV files', () => {
    expect(report.inputs.map((i) => i.kind)).toEqual(['assignments', 'assignments', 'assignments', 'starters', 'leavers']);
    expect(report.inputs[3]).toMatchObject({ rows: 10, checked: 10 });
    expect(report.summary).toEqual({ rows: 80, checked: 77, breaches: 27, exempted: 6, unknown: 8, data_errors: 16, data_warnings: 7 });
    expect(report.data_issues.filter((d) => d.file.endsWith('starters.csv')).map((d) => [d.line, d.code, d.column])).toEqual([[7, 'unknown_role', 'previous_role']]);
    expect(report.exemptions.find((e) => e.id === 'SE-EX-2025-015')).toEqual({ id: 'SE-EX-2025-015', status: 'active', applied: 1, cited: 2, cited_not_covering: 1 });
  });

  it('npm start reads the register', () => {
    const scripts = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.start).toContain('--starters fixtures/example/starters.csv');
    const run = runCli(scripts.start!.replace(/^node bin\/moc-check /, '').split(' ').concat(['--format', 'json']));
    expect(run.code, run.stderr).toBe(0);
    const section = readme.slice(readme.indexOf('## starters.csv'), readme.indexOf('\n## ', readme.indexOf('## starters.csv') + 1)).replace(/\n\s*/g, ' ');
    const totals = /`npm start` \(the workbook too\): rows (\d+), checked (\d+), breaches (\d+), exempted (\d+), unknown (\d+), data_errors (\d+), data_warnings (\d+)/.exec(section);
    const [rows, checked, breaches, exempted, unknown, errors, warnings] = totals!.slice(1).map(Number);
    const summary = JSON.parse(run.stdout).summary;
    expect(summary).toEqual({ rows, checked, breaches, exempted, unknown, data_errors: errors, data_warnings: warnings });
    // the workbook adds the same to both runs
    expect(summary.rows - report.summary.rows).toBe(9);
  });
});

describe('the example caps by engagement type (fixtures/example/engagement-types.*)', () => {
  const ruleset = rulesetAt(example('engagement-types.yaml'));
  const report = runCheck({ ruleset, files: [example('engagement-types.csv')], leavers: [], asOf: '2025-11-30' });

  it('gives the findings the README lists, line by line, and nothing else', () => {
    const expected = promised('## engagement-types.csv');
    expect(expected.size).toBe(6);
    expect(Object.fromEntries(byLine(report, 'engagement-types.csv'))).toEqual(Object.fromEntries(expected));
    expect(report.findings.find((f) => f.line === 3)!.message).toBe('Social Worker (PAYE) paid £34.10/h; cap £34.00/h from 2025-10-01 (over by £0.10)');
  });

  it('has the totals and data issues the README gives', () => {
    expect(report.summary).toEqual({ rows: 11, checked: 11, breaches: 5, exempted: 0, unknown: 1, data_errors: 2, data_warnings: 0 });
    expect(report.data_issues.map((d) => [d.line, d.code])).toEqual([[9, 'invalid_engagement_type'], [11, 'invalid_engagement_type']]);
    expect(exitCodeFor(report, 'error')).toBe(1);
  });
});

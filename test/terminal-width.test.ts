// The terminal report at 80, 120 and 200 columns, in a real pseudo-terminal (issue 15
// item 1): the built CLI runs under `script` (util-linux), which gives it a TTY whose
// width `stty cols` sets, so process.stdout.isTTY and .columns are the real ones.
// stderr is sent to /dev/null inside the terminal: the assertions are about the report.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPounds } from '../src/money.js';
import { buildRegionalTable } from '../src/report/regional.js';
import { loadRuleset } from '../src/ruleset/load.js';
import type { Report, Ruleset } from '../src/types.js';
import { cellWidth } from '../src/width.js';
import { BIN, REPO_ROOT, runCli } from './helpers.js';

const example = join(REPO_ROOT, 'fixtures', 'example');
const args = [
  'check', '--rules', join(REPO_ROOT, 'rules', 'south-east.yaml'), '--leavers', join(example, 'leavers.csv'),
  '--as-of', '2025-11-30', '--fail-on', 'never',
  ...['east-sussex.csv', 'kent.csv', 'surrey.csv'].map((f) => join(example, f)),
];
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** What the report shows in a terminal `columns` wide, colour codes and carriage returns removed. */
function inTerminal(columns: number, envColumns?: number): string {
  const { NO_COLOR: _noColor, COLUMNS: _columns, ...env } = process.env;
  // $COLUMNS is set after stty: a shell that has it updates it to the terminal's width
  const set = envColumns === undefined ? '' : `COLUMNS=${envColumns} `;
  const command = `stty cols ${columns} rows 60; ${set}exec ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')} 2>/dev/null`;
  const res = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...env, GITHUB_STEP_SUMMARY: '' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  expect(res.status, res.stderr).toBe(0);
  return res.stdout.replace(/\r/g, '').replace(/\u001b\[[0-9;]*m/g, '');
}

function standsWhole(text: string, figure: string): boolean {
  const esc = figure.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s│(])${esc}($|[\\s│),:])`, 'm').test(text);
}

let report: Report;
let ruleset: Ruleset;
beforeAll(() => {
  const json = runCli([...args, '--format', 'json'], { env: { GITHUB_STEP_SUMMARY: '' } });
  report = JSON.parse(json.stdout) as Report;
  const loaded = loadRuleset(join(REPO_ROOT, 'rules', 'south-east.yaml'));
  if (!loaded.ok) throw new Error('ruleset');
  ruleset = loaded.ruleset;
});

/** Every figure the JSON report holds that the terminal report shows. */
function figures(): string[] {
  const out: string[] = [];
  const t = buildRegionalTable(report, ruleset);
  for (const row of [...t.rows, t.totals]) {
    for (const n of row.rules.values()) out.push(n.exempted > 0 ? `${n.breaches} (${n.exempted})` : String(n.breaches));
    out.push(String(row.unknown), formatPounds(row.spend.pence));
  }
  const s = report.summary;
  out.push(`rows ${s.rows}`, `checked ${s.checked}`, `breaches ${s.breaches}`, `exempted ${s.exempted}`, `unknown ${s.unknown}`);
  for (const e of report.exemptions) out.push(e.id, String(e.applied), String(e.cited), String(e.cited_not_covering));
  for (const f of report.findings.filter((x) => x.status === 'breach')) out.push(f.assignment_id ?? 'permanent starter', f.swe_number);
  return out;
}

describe.skipIf(!hasScript)('the terminal report in a pseudo-terminal', () => {
  for (const columns of [80, 120, 200]) {
    it(`at ${columns} columns: no line wider than the terminal, every figure of the JSON report whole`, () => {
      const out = inTerminal(columns);
      expect(out).toContain('Regional breach table');
      expect(out).toContain('Exemptions (7)');
      for (const line of out.split('\n')) expect(cellWidth(line), line).toBeLessThanOrEqual(columns);
      for (const figure of figures()) {
        if (figure.includes(' ')) expect(out.replace(/\n +/g, ' '), figure).toContain(figure);
        else expect(standsWhole(out, figure), figure).toBe(true);
      }
    });
  }

  it('takes $COLUMNS over the terminal width', () => {
    const out = inTerminal(200, 80);
    for (const line of out.split('\n')) expect(cellWidth(line), line).toBeLessThanOrEqual(80);
    expect(out).toMatch(/│ +│ East Sussex +│ Kent +│ Surrey +│ Total +│/);
  });
});

describe('the terminal report written to a pipe', () => {
  it('fits its tables to 80 columns and leaves each finding on one line', () => {
    const r = runCli(args, { env: { GITHUB_STEP_SUMMARY: '', COLUMNS: '' } });
    const lines = r.stdout.split('\n');
    for (const line of lines.filter((l) => /[│┌└├]/.test(l))) expect(cellWidth(line), line).toBeLessThanOrEqual(80);
    expect(lines.some((l) => l.startsWith('      line 15, assignment ESCC-A0111, SWE SW58290: ') && cellWidth(l) > 80)).toBe(true);
  });
});

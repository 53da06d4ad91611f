// A head_hunting finding (a starters register row, issue 11) in every report format:
// with its file and line, named as a permanent starter rather than an assignment, and
// head_hunting as its own rule column in the regional tables.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../src/check/index.js';
import { loadFormatter } from '../src/report/index.js';
import { buildRegionalTable } from '../src/report/regional.js';
import type { FormatName } from '../src/report/types.js';
import type { HeadHuntingRule, Report, Rule, Ruleset } from '../src/types.js';
import { BASE_COLS, csvTable, makeRuleset, tempDir, writeInput } from './helpers.js';

const HUNT: HeadHuntingRule = { id: 'SE-HUNT', kind: 'head_hunting', severity: 'warning', scope: 'region', title: 'No head-hunting' };
const PT = { id: 'PT', kind: 'project_team', severity: 'error' } as Rule;
const MESSAGE = 'joined East Sussex (E10000011) on 2025-11-03 from Kent (E10000016) as Social Worker: not a promotion';

function setup(): { report: Report; ruleset: Ruleset; starters: string } {
  const ruleset = makeRuleset({ rules: [PT], starterRules: [HUNT], definedRuleIds: new Set(['PT', 'SE-HUNT']) });
  const dir = tempDir();
  const assignments = writeInput(dir, 'kent.csv', csvTable([...BASE_COLS, 'project_team'], [{ la_code: 'E10000016', project_team: 'yes' }]));
  // the breach is on line 3: a compliant starter (no previous council) on line 2
  const starters = writeInput(dir, 'starters.csv', 'la_code,swe_number,start_date,role,previous_la,promotion\nE10000011,SW700,2025-11-03,SW,,\nE10000011,SW701,2025-11-03,SW,Kent,no\n');
  const report = runCheck({ ruleset, files: [assignments], leavers: [], starters: [starters], asOf: '2025-11-30', points: true });
  return { report, ruleset, starters };
}

async function render(name: FormatName): Promise<{ text: string; starters: string; report: Report }> {
  const { report, ruleset, starters } = setup();
  expect(report.findings.map((f) => [f.kind, f.line])).toEqual([['project_team', 2], ['head_hunting', 3]]);
  const format = await loadFormatter(name);
  return { text: format(report, { ruleset, color: false, verbose: false }), starters, report };
}

describe('a head_hunting finding shows in every format, with its file and line', () => {
  it('table: the finding under its council, as a permanent starter, and its own regional column', async () => {
    const { text, starters } = await render('table');
    expect(text).toContain(`${starters} (starters register): 2 rows, 2 checked`);
    expect(text).toContain(`line 3, permanent starter, SWE SW701: ${MESSAGE}`);
    expect(text).toContain(`(${starters})`);
    // a column of its own, or a row of its own when the table is turned to fit 80 columns
    // a column of its own (at 80 columns headed R2, with a legend), its breach at East Sussex
    expect(text).toMatch(/PT\s*│\s*SE-HUNT\s*│|R2 SE-HUNT: No head-hunting/);
    expect(text).toMatch(/│ East Sussex \(E10000011\)\s*│ 0\s+│ 1\s+│/);
  });

  it('json: kind head_hunting, assignment_id null, file and line', async () => {
    const { text, starters } = await render('json');
    const f = JSON.parse(text).findings[1];
    expect(f).toMatchObject({ kind: 'head_hunting', rule: 'SE-HUNT', assignment_id: null, file: starters, line: 3, message: MESSAGE });
  });

  it('csv: a row with the starters file and line and a blank assignment_id', async () => {
    const { text, starters } = await render('csv');
    const line = text.split('\r\n').find((l) => l.includes('SE-HUNT'))!;
    expect(line).toContain(`,head_hunting,warning,breach,${starters},3,E10000011,,SW701,`);
    expect(line).toContain(MESSAGE);
  });

  it('markdown: a findings row with file:line, and SE-HUNT in the regional table', async () => {
    const { text, starters } = await render('markdown');
    const row = text.split('\n').find((l) => l.includes(MESSAGE))!;
    expect(row).toContain('| permanent starter | SW701 |');
    expect(row).toContain(`${starters}:3`);
    expect(text).toMatch(/\| Council \| Code \| PT \| SE-HUNT \|/);
    expect(text).toContain('Rows checked');
  });

  it('html: a findings row with file and line, and SE-HUNT in the regional table', async () => {
    const { text, starters } = await render('html');
    const row = text.split('<tr').find((l) => l.includes('from Kent (E10000016) as Social Worker'))!;
    expect(row).toContain('permanent starter');
    expect(row).toContain(`>${starters}:3<`);
    expect(text).toMatch(/<th[^>]*>SE-HUNT<\/th>/);
  });

  it('sarif: a result at the starters file and line, the rule described', async () => {
    const { text } = await render('sarif');
    const run = JSON.parse(text).runs[0];
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'SE-HUNT');
    expect(result.level).toBe('warning');
    expect(result.message.text).toBe(`SE-HUNT: ${MESSAGE} (council E10000011, permanent starter)`);
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/starters\.csv$/);
    expect(result.locations[0].physicalLocation.region.startLine).toBe(3);
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('SE-HUNT');
  });

  it('junit: a failure in the starters file suite, in the rule testcase', async () => {
    const { text, starters } = await render('junit');
    const suite = text.split('<testsuite ').find((s) => s.startsWith(`name="${starters}"`))!;
    expect(suite).toContain('<property name="kind" value="starters"/>');
    expect(suite).toMatch(/<testcase[^>]*name="SE-HUNT"/);
    expect(suite).toContain(`${starters}:3: SE-HUNT E10000011 permanent starter SW701: ${MESSAGE}`);
  });

  it('github: a warning command at the starters file and line', async () => {
    const { text, starters } = await render('github');
    const line = text.split('\n').find((l) => l.includes('SE-HUNT'))!;
    expect(line.startsWith('::warning ')).toBe(true);
    expect(line).toContain(`file=${starters.replace(/^\//, '/')}`);
    expect(line).toContain('line=3');
    expect(line).toContain('(council E10000011, permanent starter)');
  });
});

describe('the regional table with starters rows', () => {
  it('counts head_hunting in its own column; the no-breach share stays a share of checked assignments', () => {
    const { report, ruleset } = setup();
    const table = buildRegionalTable(report, ruleset);
    expect(table.ruleIds).toEqual(['PT', 'SE-HUNT']);
    expect(table.totals.rules.get('SE-HUNT')).toEqual({ breaches: 1, exempted: 0 });
    expect(report.summary.checked).toBe(3); // one assignment, two starters (report.md)
    expect(table.totals).toMatchObject({ checked: 1, breachedAssignments: 1, noBreachShare: 0 });
    const eastSussex = table.rows.find((r) => r.la_code === 'E10000011')!;
    expect(eastSussex).toMatchObject({ breaches: 1, breachedAssignments: 0 });
  });

  it('has no head_hunting column when no starters register was read', () => {
    const { report, ruleset } = setup();
    expect(buildRegionalTable({ ...report, inputs: report.inputs.filter((i) => i.kind !== 'starters'), findings: report.findings.slice(0, 1) }, ruleset).ruleIds).toEqual(['PT']);
  });
});

// String-level tests of `--format html`: escaping, one mark per assignment, no external
// resources, a CSP that matches the page's own style and script. The browser test is
// test/html-browser.test.ts.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../check/index.js';
import { loadRuleset } from '../ruleset/load.js';
import type { Report, Ruleset } from '../types.js';
import { capWindow, exemption, makeRuleset, tempDir, writeInput } from '../../test/helpers.js';
import { formatHtml } from './html.js';
import { isFormatName } from './index.js';

const HOSTILE_TEAM = '<img src=x onerror=alert(1)>';
const HOSTILE_WORKER = '</script><script>alert("w")</script>';
const HOSTILE_AGENCY = '"><svg onload=alert(2)>';

function ruleset(): Ruleset {
  return makeRuleset({
    rules: [
      { id: 'PAY', kind: 'pay_cap', severity: 'error', basis: 'hourly_pay_rate', caps: [capWindow('2024-04-01', '2025-03-31', { social_worker: 37 }), capWindow('2025-04-01', null, { social_worker: 38, team_manager: 52 })] },
      { id: 'COOL', kind: 'cooling_off', severity: 'error', months: 6, scope: 'region' },
    ],
    exemptions: [exemption({ id: 'EX-1', rules: ['PAY'], roles: ['team_manager'], from: '2025-04-01', to: '2026-03-31' })],
  });
}

const CSV = [
  'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate,worker_name,team,agency,hours_per_week,left_substantive_date,left_substantive_la,exemption_ref',
  `E10000011,A1,SW100001,Social Worker,2025-05-01,39.00,"${HOSTILE_WORKER.replace(/"/g, '""')}","${HOSTILE_TEAM}","${HOSTILE_AGENCY.replace(/"/g, '""')}",37,,,`,
  'E10000011,A2,SW100002,Social Worker,2025-05-01,37.50,Ann,Team A,Agency A,37,,,',
  'E10000016,A3,SW100003,TM,2025-05-01,54.00,Bob,Team B,Agency B,37,,,EX-1',
  'E10000016,A4,SW100004,Social Worker,2025-06-01,not-a-rate,Cy,Team C,Agency C,37,,,',
  'E10000016,A5,SW100005,Social Worker,2025-06-01,36.00,Di,Team D,Agency D,37,2025-03-01,E10000011,',
  'E10000016,A6,SW100006,Mystery Role,2025-06-01,36.00,Ed,Team E,Agency E,37,,,',
  'E10000016,A7,SW100007,Social Worker,2023-06-01,36.00,Fi,Team F,Agency F,37,,,',
].join('\n');

function report(options: { points?: boolean; names?: boolean } = {}): { report: Report; rs: Ruleset } {
  const rs = ruleset();
  const dir = tempDir();
  const file = writeInput(dir, 'a.csv', CSV + '\n');
  return { report: runCheck({ ruleset: rs, files: [file], leavers: [], asOf: '2025-11-30', names: options.names ?? true, points: options.points ?? true }), rs };
}

function html(options: { points?: boolean; names?: boolean } = {}): { page: string; report: Report } {
  const { report: r, rs } = report(options);
  return { page: formatHtml(r, { ruleset: rs, color: false, verbose: false, names: options.names ?? true }), report: r };
}

function payChart(page: string): string {
  const start = page.indexOf('<svg id="pay-chart"');
  return page.slice(start, page.indexOf('</svg>', start));
}

describe('--format html', () => {
  it('is a registered format', () => {
    expect(isFormatName('html')).toBe(true);
  });

  it('core: points only when asked, one per checked row, status from the pay_cap finding', () => {
    expect(report({ points: false }).report).not.toHaveProperty('assignments');
    const r = report().report;
    expect(r.assignments!.count).toBe(r.summary.checked);
    expect(r.assignments!.points).toHaveLength(r.summary.checked);
    const byLine = new Map(r.assignments!.points!.map((p) => [p.line, p]));
    expect(byLine.get(2)).toMatchObject({ la_code: 'E10000011', role: 'social_worker', basis: 'hourly_pay_rate', rate: 39, start_date: '2025-05-01', status: 'breach' });
    expect(byLine.get(3)).toMatchObject({ rate: 37.5, status: 'compliant' });
    expect(byLine.get(4)).toMatchObject({ role: 'team_manager', rate: 54, status: 'exempted' });
    expect(byLine.get(5)).toMatchObject({ rate: null, status: 'compliant' });
    expect(byLine.get(7)).toMatchObject({ role: null, rate: 36 });
  });

  it('escapes hostile worker, team and agency names everywhere', () => {
    const { page } = html();
    expect(page).not.toContain(HOSTILE_TEAM);
    expect(page).not.toContain('<img');
    expect(page).not.toContain(HOSTILE_WORKER);
    expect(page).not.toContain('<svg onload');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;w&quot;)&lt;/script&gt;');
    // the page's own script, and nothing else, opens and closes a script element
    expect(page.match(/<script/gi)).toHaveLength(1);
    expect(page.match(/<\/script/gi)).toHaveLength(1);
    expect(page).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i); // no event-handler attribute in any tag
  });

  it('shows worker names only with --names', () => {
    expect(html({ names: true }).page).toContain('<td>Bob</td>');
    expect(html({ names: false }).page).not.toContain('Bob');
  });

  it('draws one mark per checked assignment, shaped by status', () => {
    const { page, report: r } = html();
    const chart = payChart(page);
    const marks = chart.match(/<(circle|rect|polygon)[^>]*class="mark[ "]/g) ?? [];
    expect(marks).toHaveLength(r.summary.checked);
    const count = (re: RegExp) => (chart.match(re) ?? []).length;
    expect(count(/<polygon[^>]*class="mark mark-breach/g)).toBe(r.assignments!.points!.filter((p) => p.status === 'breach').length);
    expect(count(/<rect[^>]*class="mark mark-exempted/g)).toBe(1);
    // an assignment whose role was not recognised, or that started before any cap window, was
    // not checked against a cap: a hollow diamond, not a "compliant" circle
    const notChecked = (p: { rate: number | null; role: string | null; start_date: string | null }) => p.rate === null || p.role === null || p.start_date! < '2024-04-01';
    expect(count(/<circle[^>]*class="mark mark-compliant/g)).toBe(r.assignments!.points!.filter((p) => p.status === 'compliant' && !notChecked(p)).length);
    expect(count(/<polygon[^>]*class="mark mark-unknown/g)).toBe(r.assignments!.points!.filter(notChecked).length);
    expect(r.assignments!.points!.filter(notChecked).length).toBe(3); // no usable rate, an unrecognised role, a start before every cap
    expect(count(/data-status="not-checked"/g)).toBe(3); // reported compliant (no finding), drawn as not checked
    expect(chart).toMatch(/line 8 · Social Worker · £36\.00\/h · started 1 Jun 2023 · not checked: no cap for the role when it started/);
    // cap lines: the current window and the earlier one for social workers
    expect(chart).toContain('cap £38.00 from 1 Apr 2025');
    expect(chart).toContain('£37.00 (1 Apr 2024 – 31 Mar 2025)');
  });

  it('shows a long role label whole, on lines', () => {
    const rs = ruleset();
    rs.roles = rs.roles.map((r) => (r.key === 'social_worker' ? { ...r, label: 'IRO / Child Protection Conference Chair and Senior Practitioner' } : r));
    const dir = tempDir();
    const file = writeInput(dir, 'a.csv', CSV + '\n');
    const r = runCheck({ ruleset: rs, files: [file], leavers: [], asOf: '2025-11-30', names: false, points: true });
    const chart = payChart(formatHtml(r, { ruleset: rs, color: false, verbose: false }));
    const lines = [...chart.matchAll(/<text[^>]*class="label strong"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(lines).toEqual(expect.arrayContaining(['IRO / Child Protection', 'Conference Chair and', 'Senior Practitioner']));
    expect(lines.some((l) => l!.endsWith('…'))).toBe(false);
  });

  it('puts the exemption and the baseline mark under the status, not in columns of their own', () => {
    const { page } = html();
    const table = page.slice(page.indexOf('<table id="findings-table"'), page.indexOf('</table>', page.indexOf('<table id="findings-table"')));
    const head = [...table.slice(0, table.indexOf('</thead>')).matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(head).toEqual(['Status', 'Rule', 'Council', 'Assignment', 'Worker', 'Role', 'Agency', 'Team', 'Detail', 'Source']);
    expect(table).toMatch(/Exempted<\/span><span class="sub code">EX-1<\/span><\/td>/);
  });

  it('falls back to the pay-cap findings when the report has no points', () => {
    const { page, report: r } = html({ points: false });
    const marks = payChart(page).match(/class="mark[ "]/g) ?? [];
    expect(marks).toHaveLength(r.findings.filter((f) => f.kind === 'pay_cap').length);
    expect(page).toContain('This report does not hold the compliant assignments');
  });

  it('references no external resource and allows only its own style and script', () => {
    const { page } = html();
    expect(page).not.toMatch(/https?:\/\//i);
    expect(page).not.toMatch(/<[a-z][^>]*\s(src|srcset|action|formaction|poster|background|href)=(?!"#|"data:,")/i);
    expect(page).not.toMatch(/@import|@font-face/i);
    expect(page.match(/url\(([^)]*)\)/g)?.every((u) => u.startsWith('url(#'))).toBe(true);
    expect(page.match(/<link[^>]*>/g)).toEqual(['<link rel="icon" href="data:,">']);
    expect(page).not.toMatch(/\sstyle="/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
    expect(csp).toBeDefined();
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${sha(style)}`);
    expect(csp).toContain(`script-src ${sha(script)}`);
    expect(page).toMatch(/@media print[\s\S]*@page \{ size: A4 landscape/);
  });

  it('counts in the headline with their nouns right for one and for many', () => {
    const { report: r, rs } = report();
    const one = { ...r, summary: { ...r.summary, rows: 1, data_warnings: 1 } };
    const many = { ...r, summary: { ...r.summary, rows: 2, data_warnings: 2 } };
    const render = (x: Report) => formatHtml(x, { ruleset: rs, color: false, verbose: false, names: false });
    expect(render(one)).toContain('of 1 row<');
    expect(render(one)).toContain('1 warning<');
    expect(render(many)).toContain('of 2 rows<');
    expect(render(many)).toContain('2 warnings<');
  });

  it('headline, council rows, exemptions and cooling-off are in the page', () => {
    const { page, report: r } = html();
    expect(page).toContain(`data-metric="breaches" data-value="${r.summary.breaches}">${r.summary.breaches}<`);
    expect(page).toContain(`data-metric="checked" data-value="${r.summary.checked}">${r.summary.checked} `);
    for (const c of r.councils!) expect(page).toContain(`<tr data-council="${c.la_code}">`);
    expect(page).toContain('<g class="exemption" data-id="EX-1" data-status="active">');
    expect(page.match(/<g class="cooling-off"/g)).toHaveLength(1);
    expect(page).toMatch(/<th scope="col"[^>]*>Council<\/th>/);
  });

  it('renders the shipped example ruleset with no findings without failing', () => {
    const loaded = loadRuleset('rules/south-east.yaml');
    if (!loaded.ok) throw new Error('ruleset did not load');
    const dir = tempDir();
    const file = writeInput(dir, 'empty.csv', 'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate\nE10000016,Z1,SW100009,Social Worker,2025-05-01,30\n');
    const r = runCheck({ ruleset: loaded.ruleset, files: [file], leavers: [], asOf: '2025-11-30', points: true });
    const page = formatHtml(r, { ruleset: loaded.ruleset, color: false, verbose: false });
    expect(page).toContain('No findings.');
    expect(page).toContain('No cooling-off breaches.');
    expect(payChart(page).match(/class="mark[ "]/g)).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { makeFinding, makeReport, payCap } from '../test/report-factory.js';
import { diffExitCode, diffReports, rateRose } from './diff.js';
import { formatDiff } from './report/diff-format.js';
import type { ExemptionTally, Finding, Report } from './types.js';

function f(id: string, over: Partial<Finding> = {}): Finding {
  return makeFinding({ id, ...over });
}

function reports(): { old: Report; now: Report } {
  const old = makeReport([
    f('aaa000000001'), // persists
    f('aaa000000002'), // resolved: gone
    f('aaa000000003', { rule: 'DFE-PQE', kind: 'min_pqe' }), // resolved: now exempted
    f('aaa000000004', { la_code: 'E10000011', context: { la_name: 'East Sussex', role: null, agency: null, team: null, hours_per_week: null } }), // persists
    f('aaa000000005', { status: 'unknown' }), // becomes a breach: new
    f('aaa000000006', { status: 'exempted', exemption: 'SE-EX-1' }), // stays exempted
  ]);
  const now = makeReport(
    [
      f('aaa000000001'),
      f('aaa000000003', { rule: 'DFE-PQE', kind: 'min_pqe', status: 'exempted', exemption: 'SE-EX-2' }),
      f('aaa000000004', { la_code: 'E10000011', context: { la_name: 'East Sussex', role: null, agency: null, team: null, hours_per_week: null } }),
      f('aaa000000005'),
      f('aaa000000006', { status: 'exempted', exemption: 'SE-EX-1' }),
      f('bbb000000001', { la_code: 'E10000011', rule: 'DFE-NOTICE', kind: 'min_notice', context: { la_name: 'East Sussex', role: null, agency: null, team: null, hours_per_week: null } }),
      payCap(70, 52, 37, { id: 'bbb000000002' }),
    ],
    { as_of: '2025-12-31' },
  );
  old.exemptions = [
    ex('SE-EX-1', 'active'),
    ex('SE-EX-2', 'pending'),
    ex('SE-EX-3', 'expiring'),
    ex('SE-EX-4', 'active'),
    ex('SE-EX-OLD', 'expired'),
  ];
  now.exemptions = [
    ex('SE-EX-1', 'expiring'),
    ex('SE-EX-2', 'active'),
    ex('SE-EX-3', 'expired'),
    ex('SE-EX-4', 'active'),
    ex('SE-EX-NEW', 'pending'),
  ];
  return { old, now };
}

function ex(id: string, status: ExemptionTally['status']): ExemptionTally {
  return { id, status, applied: 0, cited: 0, cited_not_covering: 0 };
}

const breachIds = (r: Report): Set<string> => new Set(r.findings.filter((x) => x.status === 'breach').map((x) => x.id));
const minus = (a: Set<string>, b: Set<string>): string[] => [...a].filter((x) => !b.has(x)).sort();
const ids = (list: Array<{ id: string }>): string[] => list.map((x) => x.id).sort();

describe('diffReports', () => {
  it('new, resolved and persisting are the set differences of breach ids', () => {
    const { old, now } = reports();
    const d = diffReports(old, now);
    const a = breachIds(old);
    const b = breachIds(now);
    expect(ids(d.new_breaches)).toEqual(minus(b, a));
    expect(ids(d.resolved_breaches)).toEqual(minus(a, b));
    expect(ids(d.persisting_breaches)).toEqual([...a].filter((x) => b.has(x)).sort());
    expect(ids(d.new_breaches)).toEqual(['aaa000000005', 'bbb000000001', 'bbb000000002']);
    expect(d.totals).toMatchObject({ new: 3, resolved: 2, persisting: 2, rate_rose: 0 });
    expect(d.old.breaches).toBe(a.size);
    expect(d.new.breaches).toBe(b.size);
    expect(Object.fromEntries(d.resolved_breaches.map((r) => [r.id, r.now]))).toEqual({ aaa000000002: 'absent', aaa000000003: 'exempted' });
  });

  it('counts per council and rule add up to the set differences', () => {
    const { old, now } = reports();
    const d = diffReports(old, now);
    const a = breachIds(old);
    const b = breachIds(now);
    const all = [...old.findings, ...now.findings];
    for (const c of d.counts) {
      const inGroup = (id: string) => all.some((x) => x.id === id && x.la_code === c.la_code && x.rule === c.rule);
      expect(c.new).toBe(minus(b, a).filter(inGroup).length);
      expect(c.resolved).toBe(minus(a, b).filter(inGroup).length);
      expect(c.persisting).toBe([...a].filter((x) => b.has(x)).filter(inGroup).length);
    }
    const sum = (k: 'new' | 'resolved' | 'persisting') => d.counts.reduce((n, c) => n + c[k], 0);
    expect({ new: sum('new'), resolved: sum('resolved'), persisting: sum('persisting') }).toEqual({ new: d.totals.new, resolved: d.totals.resolved, persisting: d.totals.persisting });
    expect(d.counts.find((c) => c.la_code === 'E10000016' && c.rule === 'SE-PAY-CAP')).toMatchObject({ new: 2, resolved: 1, persisting: 1 });
    expect(d.counts.find((c) => c.la_code === 'E10000011' && c.rule === 'DFE-NOTICE')).toMatchObject({ la_name: 'East Sussex', new: 1 });
  });

  it('keeps a council\'s rules together, councils in first-seen order', () => {
    const old = makeReport([f('c00000000001', { la_code: 'E1', rule: 'R-A' }), f('c00000000002', { la_code: 'E2', rule: 'R-A' })]);
    const now = makeReport([f('c00000000003', { la_code: 'E2', rule: 'R-B' }), f('c00000000004', { la_code: 'E1', rule: 'R-C' })]);
    // first seen: E2/R-B (new), E1/R-C (new), then OLD's E1/R-A and E2/R-A (resolved)
    expect(diffReports(old, now).counts.map((c) => `${c.la_code} ${c.rule}`)).toEqual(['E2 R-B', 'E2 R-A', 'E1 R-C', 'E1 R-A']);
  });

  it('shows what a persisting pay-cap breach was: a rate that rose, a cap that changed', () => {
    const old = makeReport([payCap(56, 52, 37, { id: 'p00000000001' }), payCap(60, 52, 37, { id: 'p00000000002' }), payCap(58, 52, 37, { id: 'p00000000003' })]);
    const now = makeReport([payCap(60, 52, 37, { id: 'p00000000001' }), payCap(60, 52, 37, { id: 'p00000000002' }), payCap(57, 53, 37, { id: 'p00000000003' })]);
    const d = diffReports(old, now);
    const [rose, same, fell] = d.persisting_breaches;
    expect(rose).toMatchObject({ rate: 60, old_rate: 56, cap: 52, old_cap: 52 });
    expect(rateRose(rose!)).toBe(true);
    expect(rateRose(same!)).toBe(false);
    expect(rateRose(fell!)).toBe(false);
    expect(rose!.old_message).toBe(old.findings[0]!.message);
    expect(d.totals.rate_rose).toBe(1);
    const table = formatDiff(d, 'table');
    expect(table).toContain('persisting 3 (1 at a higher rate)');
    expect(table).toMatch(/p00000000001 .*\[RATE UP: rate £56\.00\/h → £60\.00\/h \(up £4\.00\/h\)\]$/m);
    expect(table).toMatch(/p00000000002 .*[^\]]$/m); // unchanged: nothing added
    expect(table).toMatch(/p00000000003 .*\[rate £58\.00\/h → £57\.00\/h \(down £1\.00\/h\); cap £52\.00\/h → £53\.00\/h\]$/m);
    const md = formatDiff(d, 'markdown');
    expect(md).toContain('rate £56.00/h → £60.00/h (up £4.00/h)');
  });

  it('gives the spend above caps per council, before and now, and in total as the reports do', () => {
    const kent = { la_name: 'Kent', role: null, agency: null, team: null, hours_per_week: 37 };
    const old = makeReport([payCap(56, 52, 37, { id: 's00000000001', context: kent }), payCap(40, 38, 37, { id: 's00000000002', la_code: 'E10000011', context: { ...kent, la_name: 'East Sussex' } })]);
    const now = makeReport([payCap(60, 52, 37, { id: 's00000000001', context: kent })]);
    const d = diffReports(old, now);
    const monthly = (rate: number, cap: number) => Math.round(((rate - cap) * 100 * 37 * 52) / 12);
    expect(d.spend).toEqual([
      { la_code: 'E10000016', la_name: 'Kent', old_pence: monthly(56, 52), new_pence: monthly(60, 52), change_pence: monthly(60, 52) - monthly(56, 52) },
      { la_code: 'E10000011', la_name: 'East Sussex', old_pence: monthly(40, 38), new_pence: 0, change_pence: -monthly(40, 38) },
    ]);
    expect(d.totals.old_spend_pence).toBe(monthly(56, 52) + monthly(40, 38));
    expect(d.totals.new_spend_pence).toBe(monthly(60, 52));
    const table = formatDiff(d, 'table');
    expect(table).toContain('Estimated monthly spend above caps by council:');
    expect(table).toMatch(/Kent \(E10000016\) +£641\.33 +£1,282\.67 +\+£641\.34/);
    expect(table).toMatch(/East Sussex \(E10000011\) +£320\.67 +£0\.00 +−£320\.67/);
    expect(formatDiff(d, 'markdown')).toContain('| Kent (E10000016) | £641.33 | £1,282.67 | +£641.34 |');
  });

  it('reports exemptions that became active, started expiring or expired', () => {
    const { old, now } = reports();
    const d = diffReports(old, now);
    expect(d.exemption_changes).toEqual([
      { id: 'SE-EX-1', change: 'started_expiring', from: 'active', to: 'expiring' },
      { id: 'SE-EX-2', change: 'became_active', from: 'pending', to: 'active' },
      { id: 'SE-EX-3', change: 'expired', from: 'expiring', to: 'expired' },
      { id: 'SE-EX-NEW', change: 'became_pending', from: null, to: 'pending' },
      { id: 'SE-EX-OLD', change: 'removed', from: 'expired', to: null },
    ]);
  });

  it('exits 1 only when there are new breaches', () => {
    const { old, now } = reports();
    expect(diffExitCode(diffReports(old, now))).toBe(1);
    expect(diffExitCode(diffReports(now, old))).toBe(1); // aaa000000002 is new in that direction
    expect(diffExitCode(diffReports(now, { ...now, findings: now.findings.slice(0, 2) }))).toBe(0);
    expect(diffExitCode(diffReports(now, now))).toBe(0);
  });

  it('warns when the rulesets differ or the reports are the wrong way round', () => {
    const { old, now } = reports();
    expect(diffReports(now, old).warnings.join(' ')).toContain('wrong way round');
    const other = { ...now, ruleset: { ...now.ruleset, id: 'north-west' } };
    expect(diffReports(old, other).warnings.join(' ')).toContain('different rulesets');
    expect(diffReports(old, now).warnings).toEqual([]);
  });
});

describe('formatDiff', () => {
  it('json is the diff itself', () => {
    const { old, now } = reports();
    const d = diffReports(old, now);
    expect(JSON.parse(formatDiff(d, 'json'))).toEqual(JSON.parse(JSON.stringify(d)));
  });

  it('table and markdown name every new, resolved and persisting breach and the changes', () => {
    const { old, now } = reports();
    const d = diffReports(old, now);
    for (const format of ['table', 'markdown'] as const) {
      const text = formatDiff(d, format);
      for (const b of [...d.new_breaches, ...d.resolved_breaches, ...d.persisting_breaches]) expect(text, format).toContain(b.id);
      expect(text).toContain('New breaches (3)');
      expect(text).toContain('Resolved breaches (2)');
      expect(text).toContain('Persisting breaches (2)');
      expect(text).toContain('started expiring');
      expect(text).toContain('became active');
    }
  });

  it('keeps input text inert', () => {
    const { old, now } = reports();
    now.findings[5]!.message = 'evil\u001b[2J | [x](y)\nline';
    const d = diffReports(old, now);
    expect(formatDiff(d, 'table')).not.toContain('\u001b');
    const md = formatDiff(d, 'markdown');
    expect(md).toContain('evil\\x1B\\[2J \\| \\[x\\](y)<br>line');
  });
});

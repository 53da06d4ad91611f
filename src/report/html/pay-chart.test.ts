import { describe, expect, it } from 'vitest';
import { capWindow, makeRuleset } from '../../../test/helpers.js';
import { makeReport } from '../../../test/report-factory.js';
import type { AssignmentPoint, AssignmentPoints, PayCapRule } from '../../types.js';
import { capApplies, PAY_MARKS_MAX, PayPointsTally } from '../pay-points.js';
import { payRateChart } from './pay-chart.js';

const rule: PayCapRule = {
  id: 'PAY', kind: 'pay_cap', severity: 'error', basis: 'hourly_pay_rate',
  caps: [capWindow('2024-04-01', '2025-03-31', { social_worker: 37 }), capWindow('2025-04-01', null, { social_worker: 38, team_manager: 52 })],
};
const ruleset = makeRuleset({ rules: [rule] });
const LABELS: Record<string, string> = { social_worker: 'Social Worker', team_manager: 'Team Manager', '': 'Role not recognised' };

/** `n` rows spread over roles (one the ruleset lacks, none), rates (pennies, none, far off), starts and statuses. */
function rows(n: number, seed: number): AssignmentPoint[] {
  const roles = ['social_worker', 'team_manager', null, 'social_worker'];
  const statuses = ['compliant', 'breach', 'compliant', 'exempted', 'unknown', 'compliant'] as const;
  const starts = ['2025-05-01', '2024-06-01', '2023-01-01', null, '2025-09-30'];
  return Array.from({ length: n }, (_, i) => {
    const k = (i * 7919 + seed) % 1009;
    const rate = k % 97 === 0 ? null : k % 211 === 0 ? 400 + (k % 5) : 30 + (k % 300) / 10 + (k % 3) * 0.01;
    return {
      file: 'a.csv', line: i + 2, la_code: 'E10000016', role: roles[(i + seed) % roles.length]!, basis: 'hourly_pay_rate',
      rate, start_date: starts[(i * 3 + seed) % starts.length]!, status: statuses[(i + k) % statuses.length]!,
    };
  });
}

function tallied(points: AssignmentPoint[]): AssignmentPoints {
  const tally = new PayPointsTally('hourly_pay_rate', rule);
  for (const p of points) tally.add(p);
  return tally.result();
}

function chart(assignments: AssignmentPoints): string {
  return payRateChart({ ...makeReport([]), assignments }, ruleset, new Map());
}

/** The "Show as a table" rows: role -> cells. */
function summaryRows(html: string): Map<string, string[]> {
  const body = html.slice(html.lastIndexOf('<tbody>'), html.lastIndexOf('</tbody>'));
  const out = new Map<string, string[]>();
  for (const tr of body.split('<tr>').slice(1)) {
    const cells = [...tr.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((m) => m[1]!);
    out.set(cells[0]!, cells.slice(1));
  }
  return out;
}

/** A count as the page writes it (plain digits, escape.ts `int`). */
const grouped = (n: number): string => String(n);

/** What each role's row must say, worked out from the rows themselves. */
function expectedRows(points: AssignmentPoint[]): Map<string, string[]> {
  const drawn = (p: AssignmentPoint): string => {
    if (p.status !== 'compliant') return p.rate === null ? 'unknown' : p.status;
    const capped = p.rate !== null && p.role !== null && p.start_date !== null && rule.caps.some((w) => w.from <= p.start_date! && (w.to === null || p.start_date! <= w.to) && w.rates.has(p.role!));
    return capped ? 'compliant' : 'unknown';
  };
  const pounds = (v: number) => `£${v.toFixed(2)}`;
  const out = new Map<string, string[]>();
  for (const role of ['social_worker', 'team_manager', '']) {
    const list = points.filter((p) => (p.role ?? '') === role);
    if (list.length === 0) continue;
    const n = (s: string) => grouped(list.filter((p) => drawn(p) === s).length);
    const rates = list.map((p) => p.rate).filter((r): r is number => r !== null).sort((a, b) => a - b);
    const mid = Math.floor(rates.length / 2);
    const median = rates.length % 2 ? rates[mid]! : (rates[mid - 1]! + rates[mid]!) / 2;
    const cap = role === 'social_worker' ? '£38.00' : role === 'team_manager' ? '£52.00' : '–';
    out.set(LABELS[role]!, [grouped(list.length), n('compliant'), n('exempted'), n('breach'), n('unknown'), pounds(rates[0]!), pounds(median), pounds(rates[rates.length - 1]!), cap]);
  }
  return out;
}

describe('the pay chart drawn from counts by role, status and rate', () => {
  it.each([
    { n: 12, seed: 1 },
    { n: PAY_MARKS_MAX, seed: 2 },
    { n: PAY_MARKS_MAX + 1, seed: 3 },
    { n: 12_346, seed: 4 },
  ])('$n rows', ({ n, seed }) => {
    const points = rows(n, seed);
    const data = tallied(points);
    expect(data.count).toBe(n);
    // each point kept while the chart draws each, none beyond
    expect(data.points === null).toBe(n > PAY_MARKS_MAX);
    expect(data.rates.reduce((sum, r) => sum + r.count, 0)).toBe(n);
    const html = chart(data);
    expect(summaryRows(html)).toEqual(expectedRows(points));
    if (n > PAY_MARKS_MAX) {
      // the counts draw the very chart that one entry per row would
      const one = data.rates.length < n ? { ...data, rates: points.map((p) => ({ role: p.role, status: p.status, rate: p.rate, capped: p.status === 'compliant' && capApplies(rule, p), count: 1 })) } : data;
      expect(html).toBe(chart(one));
      // every row is in a mark's count
      const inMarks = [...html.matchAll(/ · ([\d,]+) assignments? at /g)].reduce((sum, m) => sum + Number(m[1]!.replace(/,/g, '')), 0);
      expect(inMarks).toBe(n);
      expect(data.rates.length).toBeLessThan(n);
    }
  });
});

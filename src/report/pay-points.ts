// The HTML pay-rate chart's data, gathered a checked row at a time and bounded by
// distinct rates, not by rows. While a run has at most PAY_MARKS_MAX rows the chart
// draws each as a mark (the points are kept); beyond, it draws a mark per role, status
// and band of rates, and what it needs for that — how many rows of each role, status
// and rate, in first-seen order — is all that is kept (a million rows would be a
// million points, 600 MB). The counts give the same marks, counts, medians and axis as
// the points they stand for.
import { capWindowFor } from '../rules/pay_cap.js';
import type { AssignmentPoint, AssignmentPoints, PayCapRule, RateCount } from '../types.js';

/** Above this many assignments the chart is drawn from aggregates (a page cannot hold a million marks). */
export const PAY_MARKS_MAX = 5_000;

/**
 * Whether the chart's pay-cap rule compared the point's rate with a cap: it has a rate,
 * a known role and a start date, and the cap window it started in caps that role.
 */
export function capApplies(rule: PayCapRule | undefined, p: Pick<AssignmentPoint, 'rate' | 'role' | 'start_date'>): boolean {
  if (p.rate === null || p.role === null || p.start_date === null || rule === undefined) return false;
  const window = capWindowFor(rule, p.start_date);
  return window !== undefined && (window.rates.has(p.role) || window.ratesByType.has(p.role));
}

export class PayPointsTally {
  private count = 0;
  private points: AssignmentPoint[] | null = [];
  private readonly rates = new Map<string, RateCount>();

  /** `rule`: the pay-cap rule the chart draws the caps of (the first with the points' basis) */
  constructor(private readonly basis: AssignmentPoints['basis'], private readonly rule: PayCapRule | undefined, private readonly limit = PAY_MARKS_MAX) {}

  add(p: AssignmentPoint): void {
    this.count++;
    if (this.points !== null) {
      if (this.points.length < this.limit) this.points.push(p);
      else this.points = null; // more than the chart draws one by one: the counts below stand for them
    }
    // whether a cap applied only tells a compliant row from one not checked (other statuses are drawn as they are)
    const capped = p.status === 'compliant' && capApplies(this.rule, p);
    const key = `${p.status}\u0000${capped ? 1 : 0}\u0000${p.role ?? '\u0001'}\u0000${p.rate ?? ''}`;
    const held = this.rates.get(key);
    if (held) held.count++;
    else this.rates.set(key, { role: p.role, status: p.status, rate: p.rate, capped, count: 1 });
  }

  result(): AssignmentPoints {
    return { basis: this.basis, count: this.count, points: this.points, rates: [...this.rates.values()] };
  }
}

// The regional breach table (issue 3): counts per council and rule, the share of
// assignments with no breach, and the estimated monthly spend above the caps. Shared
// by the terminal, markdown and HTML reports so their figures always agree.
import { moneyFromNumber } from '../money.js';
import { payCapDetailsOf } from '../rules/pay_cap.js';
import type { Finding, Report, Ruleset } from '../types.js';

// ---------------------------------------------------------------- spend

export interface SpendEstimate {
  /** estimated monthly spend above the caps, whole pence (rounded half-up once, on the total) */
  pence: number;
  /** pay-cap breaches considered (status breach, kind pay_cap) */
  breaches: number;
  /** of those, how many were priced (rate, cap and hours all known) */
  priced: number;
  /** of those, how many had no hours_per_week recorded (left out of the sum) */
  noHours: number;
  /** of those, how many lacked a usable rate or cap in details (left out of the sum) */
  noRate: number;
  /**
   * pay-cap breaches left out because their assignment was already counted under
   * another pay-cap rule (a ruleset capping both the pay rate and the charge rate):
   * each assignment is counted once, on the basis of the first rule in ruleset order
   */
  sameAssignment: number;
}

const HOURS_SCALE_DIGITS = 6;
const HOURS_SCALE = 10n ** BigInt(HOURS_SCALE_DIGITS);

/** A non-negative finite number as an exact integer count of 10^-digits units, half-up. */
function scaledInteger(n: number, digits: number): bigint | null {
  if (!Number.isFinite(n) || n < 0) return null;
  let text = String(n);
  if (/e/i.test(text)) text = n.toFixed(20);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  const kept = (frac + '0'.repeat(digits)).slice(0, digits);
  const roundUp = frac.length > digits && frac.charCodeAt(digits) >= 53;
  return BigInt(m[1]!) * 10n ** BigInt(digits) + BigInt(kept === '' ? '0' : kept) + (roundUp ? 1n : 0n);
}

function penceOf(value: unknown): number | null {
  if (typeof value !== 'number') return null;
  return moneyFromNumber(value)?.pence ?? null;
}

/** Whether a finding counts toward the spend above caps: a pay-cap finding still in breach. */
export function isPayCapBreach(f: Finding): boolean {
  return f.status === 'breach' && f.kind === 'pay_cap';
}

/**
 * Whether a finding is of the same row as the one before it. A check lists a row's
 * findings together (one row is evaluated at a time) and checks an assignment once in a
 * run (a repeat is a duplicate_assignment, not checked), so a row seen before is always
 * the last one seen: comparing with it counts rows in constant memory, where a set of
 * the rows seen would hold a million keys at a million rows (docs/decisions.md).
 */
export class SameRow {
  private file: string | null = null;
  private line = -1;
  private la = '';
  private id: string | null = null;

  /** True when `f` is of the row last given; either way `f`'s row is then the last. */
  repeats(f: Finding): boolean {
    if (f.line === this.line && f.file === this.file && f.la_code === this.la && f.assignment_id === this.id) return true;
    this.file = f.file;
    this.line = f.line;
    this.la = f.la_code;
    this.id = f.assignment_id;
    return false;
  }
}

/**
 * The spend above caps, one finding at a time (so a list of millions, possibly read from
 * disk, is walked once and never held): `add` each finding, then `estimate()`.
 */
export class SpendTally {
  private numerator = 0n; // pence × 10^-6 hours × 52
  readonly counts = { breaches: 0, priced: 0, noHours: 0, noRate: 0, sameAssignment: 0 };
  // a row's findings come together and in ruleset order, so the first pay-cap breach of a row is the first rule's
  private readonly counted = new SameRow();

  add(f: Finding): void {
    if (!isPayCapBreach(f)) return;
    const out = this.counts;
    if (this.counted.repeats(f)) {
      out.sameAssignment++;
      return;
    }
    out.breaches++;
    const details = payCapDetailsOf(f);
    const rate = penceOf(details?.rate);
    const cap = penceOf(details?.cap);
    if (rate === null || cap === null) {
      out.noRate++;
      return;
    }
    const hours = f.context?.hours_per_week;
    const scaled = typeof hours === 'number' ? scaledInteger(hours, HOURS_SCALE_DIGITS) : null;
    if (scaled === null) {
      out.noHours++;
      return;
    }
    out.priced++;
    const over = BigInt(Math.max(0, rate - cap));
    this.numerator += over * scaled * 52n;
  }

  /**
   * The tallies of several councils as one (their rows are distinct: no row belongs to
   * two councils), so the region's total needs no second walk nor a second set of rows.
   */
  static sum(parts: readonly SpendTally[]): SpendTally {
    const total = new SpendTally();
    for (const p of parts) {
      total.numerator += p.numerator;
      for (const k of Object.keys(total.counts) as (keyof SpendTally['counts'])[]) total.counts[k] += p.counts[k];
    }
    return total;
  }

  estimate(): SpendEstimate {
    const denominator = 12n * HOURS_SCALE;
    return { pence: Number((this.numerator * 2n + denominator) / (2n * denominator)), ...this.counts };
  }
}

/**
 * Estimated monthly spend above the caps: the sum over pay-cap breaches of
 * (rate − cap) × hours_per_week × 52 / 12. Rate and cap come from the finding's
 * details (whole pence, half-up, as the check compares them); hours from its context.
 * Computed exactly (integers) and rounded half-up to the penny once, on the total.
 * Exempted pay-cap findings are not breaches and are not counted. An assignment
 * breaching two pay-cap rules (pay rate and charge rate) is counted once (issue 15 item 7).
 */
export function estimateMonthlySpend(findings: Iterable<Finding>): SpendEstimate {
  const tally = new SpendTally();
  for (const f of findings) tally.add(f);
  return tally.estimate();
}

// ---------------------------------------------------------------- regional table

export interface RuleCount {
  breaches: number;
  exempted: number;
}

export interface RegionalRow {
  la_code: string;
  la_name: string;
  /** checked assignments, when the report carries per-council counts */
  checked: number | null;
  /** rule id -> counts */
  rules: Map<string, RuleCount>;
  breaches: number;
  exempted: number;
  unknown: number;
  /** distinct assignments with at least one breach */
  breachedAssignments: number;
  /** share (0..1) of checked assignments with no breach; null when not known */
  noBreachShare: number | null;
  spend: SpendEstimate;
}

export interface RegionalTable {
  ruleIds: string[];
  rows: RegionalRow[];
  totals: RegionalRow;
}

/**
 * Rule ids in ruleset order, then the starters rules (head_hunting) when the run read
 * a starters register, then any rule a finding names that the ruleset does not.
 */
export function ruleColumns(report: Pick<Report, 'findings'> & Partial<Pick<Report, 'inputs'>>, ruleset: Ruleset): string[] {
  const ids = ruleset.rules.map((r) => r.id);
  if (report.inputs?.some((i) => i.kind === 'starters')) for (const r of ruleset.starterRules) ids.push(r.id);
  const seen = new Set(ids);
  for (const f of report.findings) {
    if (!seen.has(f.rule)) {
      seen.add(f.rule);
      ids.push(f.rule);
    }
  }
  return ids;
}

/** An assignment finding's row (council and assignment id); a starters row's finding by its file and line. */
export function assignmentKey(f: Finding): string {
  return f.assignment_id === null ? `${f.file}\u001f${f.line}` : `${f.la_code}\u001f${f.assignment_id}`;
}

function share(checked: number | null, breached: number): number | null {
  if (checked === null || checked <= 0) return null;
  return Math.max(0, checked - breached) / checked;
}

/** One council's counts, a finding at a time. */
class CouncilTally {
  readonly rules = new Map<string, RuleCount>();
  breaches = 0;
  exempted = 0;
  unknown = 0;
  /** assignments (of this council) with at least one breach, counted as in SameRow */
  breached = 0;
  private lastBreached: string | null = null;
  readonly spend = new SpendTally();

  add(f: Finding): void {
    let count = this.rules.get(f.rule);
    if (!count) this.rules.set(f.rule, (count = { breaches: 0, exempted: 0 }));
    if (f.status === 'breach') {
      count.breaches++;
      this.breaches++;
      // the share of assignments with no breach is about assignments: a starters row is none
      if (f.assignment_id !== null && f.assignment_id !== this.lastBreached) {
        this.breached++;
        this.lastBreached = f.assignment_id;
      }
    } else if (f.status === 'exempted') {
      count.exempted++;
      this.exempted++;
    } else {
      this.unknown++;
    }
    this.spend.add(f);
  }
}

function rowOf(la_code: string, la_name: string, checked: number | null, tallies: readonly CouncilTally[], ruleIds: string[]): RegionalRow {
  const rules = new Map<string, RuleCount>(ruleIds.map((id) => [id, { breaches: 0, exempted: 0 }]));
  let breaches = 0;
  let exempted = 0;
  let unknown = 0;
  let breachedAssignments = 0;
  for (const t of tallies) {
    for (const [id, c] of t.rules) {
      const count = rules.get(id)!;
      count.breaches += c.breaches;
      count.exempted += c.exempted;
    }
    breaches += t.breaches;
    exempted += t.exempted;
    unknown += t.unknown;
    breachedAssignments += t.breached;
  }
  const spend = tallies.length === 1 ? tallies[0]!.spend : SpendTally.sum(tallies.map((t) => t.spend));
  return {
    la_code,
    la_name,
    checked,
    rules,
    breaches,
    exempted,
    unknown,
    breachedAssignments,
    noBreachShare: share(checked, breachedAssignments),
    spend: spend.estimate(),
  };
}

/**
 * The regional table built a finding at a time (`add`), then `table()`: the formats that
 * also walk the findings for other sections feed it from the same walk.
 */
export class RegionalTally {
  private readonly ruleIds: string[];
  private readonly seenRules: Set<string>;
  private readonly byCouncil = new Map<string, CouncilTally>();
  private readonly names = new Map<string, string>();
  private readonly checked = new Map<string, number>();

  constructor(private readonly report: Report, private readonly ruleset: Ruleset) {
    this.ruleIds = ruleColumns({ findings: [], inputs: report.inputs }, ruleset);
    this.seenRules = new Set(this.ruleIds);
    for (const c of report.councils ?? []) {
      if (!this.byCouncil.has(c.la_code)) this.byCouncil.set(c.la_code, new CouncilTally());
      this.checked.set(c.la_code, (this.checked.get(c.la_code) ?? 0) + c.checked);
      if (c.la_name && !this.names.has(c.la_code)) this.names.set(c.la_code, c.la_name);
    }
  }

  add(f: Finding): void {
    if (!this.seenRules.has(f.rule)) {
      this.seenRules.add(f.rule);
      this.ruleIds.push(f.rule);
    }
    let tally = this.byCouncil.get(f.la_code);
    if (!tally) this.byCouncil.set(f.la_code, (tally = new CouncilTally()));
    tally.add(f);
    const name = f.context?.la_name;
    if (name && !this.names.has(f.la_code)) this.names.set(f.la_code, name);
  }

  table(): RegionalTable {
    const { ruleIds, ruleset } = this;
    const hasCouncils = Array.isArray(this.report.councils);
    const rows = [...this.byCouncil].map(([code, tally]) =>
      rowOf(code, ruleset.region.las.get(code.toUpperCase()) ?? this.names.get(code) ?? code, hasCouncils ? (this.checked.get(code) ?? 0) : null, [tally], ruleIds),
    );
    // summary.checked counts starters rows too (report.md); the share is of checked assignments
    let startersChecked = 0;
    for (const i of this.report.inputs) if (i.kind === 'starters') startersChecked += i.checked ?? 0;
    const totals = rowOf('', 'Total', this.report.summary.checked - startersChecked, [...this.byCouncil.values()], ruleIds);
    return { ruleIds: [...ruleIds], rows, totals };
  }
}

/**
 * The regional table from the report alone: one row per council (the report's
 * `councils` in their order, then any council only findings name), counts by rule and
 * status. The council's name is the region's (ruleset), else the report's, else the code.
 * One walk over the findings; what is kept grows with councils and rules, not with
 * findings or assignments.
 */
export function buildRegionalTable(report: Report, ruleset: Ruleset): RegionalTable {
  const tally = new RegionalTally(report, ruleset);
  for (const f of report.findings) tally.add(f);
  return tally.table();
}

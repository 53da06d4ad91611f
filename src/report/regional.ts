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
 * Estimated monthly spend above the caps: the sum over pay-cap breaches of
 * (rate − cap) × hours_per_week × 52 / 12. Rate and cap come from the finding's
 * details (whole pence, half-up, as the check compares them); hours from its context.
 * Computed exactly (integers) and rounded half-up to the penny once, on the total.
 * Exempted pay-cap findings are not breaches and are not counted. An assignment
 * breaching two pay-cap rules (pay rate and charge rate) is counted once (issue 15 item 7).
 */
export function estimateMonthlySpend(findings: readonly Finding[]): SpendEstimate {
  let numerator = 0n; // pence × 10^-6 hours × 52
  const out: SpendEstimate = { pence: 0, breaches: 0, priced: 0, noHours: 0, noRate: 0, sameAssignment: 0 };
  // a row's findings come in ruleset order, so the first pay-cap breach of a row is the first rule's
  const counted = new Set<string>();
  for (const f of findings) {
    if (!isPayCapBreach(f)) continue;
    const row = `${f.file}\u001f${f.line}\u001f${f.la_code}\u001f${f.assignment_id}`;
    if (counted.has(row)) {
      out.sameAssignment++;
      continue;
    }
    counted.add(row);
    out.breaches++;
    const rate = penceOf(payCapDetailsOf(f)?.rate);
    const cap = penceOf(payCapDetailsOf(f)?.cap);
    if (rate === null || cap === null) {
      out.noRate++;
      continue;
    }
    const hours = f.context?.hours_per_week;
    const scaled = typeof hours === 'number' ? scaledInteger(hours, HOURS_SCALE_DIGITS) : null;
    if (scaled === null) {
      out.noHours++;
      continue;
    }
    out.priced++;
    const over = BigInt(Math.max(0, rate - cap));
    numerator += over * scaled * 52n;
  }
  const denominator = 12n * HOURS_SCALE;
  out.pence = Number((numerator * 2n + denominator) / (2n * denominator));
  return out;
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

function tallyRow(la_code: string, la_name: string, checked: number | null, findings: Finding[], ruleIds: string[]): RegionalRow {
  const rules = new Map<string, RuleCount>(ruleIds.map((id) => [id, { breaches: 0, exempted: 0 }]));
  let breaches = 0;
  let exempted = 0;
  let unknown = 0;
  const breached = new Set<string>();
  for (const f of findings) {
    let count = rules.get(f.rule);
    if (!count) rules.set(f.rule, (count = { breaches: 0, exempted: 0 }));
    if (f.status === 'breach') {
      count.breaches++;
      breaches++;
      // the share of assignments with no breach is about assignments: a starters row is none
      if (f.assignment_id !== null) breached.add(assignmentKey(f));
    } else if (f.status === 'exempted') {
      count.exempted++;
      exempted++;
    } else {
      unknown++;
    }
  }
  return {
    la_code,
    la_name,
    checked,
    rules,
    breaches,
    exempted,
    unknown,
    breachedAssignments: breached.size,
    noBreachShare: share(checked, breached.size),
    spend: estimateMonthlySpend(findings),
  };
}

/**
 * The regional table from the report alone: one row per council (the report's
 * `councils` in their order, then any council only findings name), counts by rule and
 * status. The council's name is the region's (ruleset), else the report's, else the code.
 */
export function buildRegionalTable(report: Report, ruleset: Ruleset): RegionalTable {
  const ruleIds = ruleColumns(report, ruleset);
  const byCouncil = new Map<string, Finding[]>();
  const names = new Map<string, string>();
  const checked = new Map<string, number>();
  for (const c of report.councils ?? []) {
    if (!byCouncil.has(c.la_code)) byCouncil.set(c.la_code, []);
    checked.set(c.la_code, (checked.get(c.la_code) ?? 0) + c.checked);
    if (c.la_name && !names.has(c.la_code)) names.set(c.la_code, c.la_name);
  }
  for (const f of report.findings) {
    let list = byCouncil.get(f.la_code);
    if (!list) byCouncil.set(f.la_code, (list = []));
    list.push(f);
    const name = f.context?.la_name;
    if (name && !names.has(f.la_code)) names.set(f.la_code, name);
  }
  const hasCouncils = Array.isArray(report.councils);
  const rows = [...byCouncil].map(([code, list]) =>
    tallyRow(
      code,
      ruleset.region.las.get(code.toUpperCase()) ?? names.get(code) ?? code,
      hasCouncils ? (checked.get(code) ?? 0) : null,
      list,
      ruleIds,
    ),
  );
  // summary.checked counts starters rows too (report.md); the share is of checked assignments
  let startersChecked = 0;
  for (const i of report.inputs) if (i.kind === 'starters') startersChecked += i.checked ?? 0;
  const totals = tallyRow('', 'Total', report.summary.checked - startersChecked, report.findings, ruleIds);
  return { ruleIds, rows, totals };
}


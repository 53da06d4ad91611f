// Month on month (issue 3): `moc-check diff OLD.json NEW.json`.
//
// Breaches are findings with status "breach", matched by finding id (report.md: the id
// is a stable fingerprint of ruleset, rule, council and assignment):
//   new        — a breach id in NEW that is not a breach in OLD;
//   resolved   — a breach id in OLD that is not a breach in NEW (it may have become
//                exempted or unknown, or gone: `now` says which);
//   persisting — a breach id in both.
// So the three lists are exactly the set differences and intersection of the two
// reports' breach ids. Counts are given per council and rule, a council's rules
// together (councils in first-seen order, NEW then OLD; rules likewise within each).
// A persisting breach carries what it was in OLD too (its message and, for a pay cap,
// rate and cap), so a rate that rose while the breach went on is seen, not hidden in
// "persisting". The estimated monthly spend above caps (the same sum as the reports',
// src/report/regional.ts) is given per council, OLD and NEW.
// Exemptions are matched by id (ignoring case) and a change of status is reported:
// became active, started expiring, expired (and, for completeness, became pending,
// added or removed).
import { estimateMonthlySpend } from './report/regional.js';
import { payCapDetailsOf } from './rules/pay_cap.js';
import type { ExemptionStatus, Finding, FindingStatus, IsoDate, Report } from './types.js';

export interface DiffBreach {
  id: string;
  rule: string;
  la_code: string;
  la_name: string | null;
  /** null for a starters row's finding (head_hunting) */
  assignment_id: string | null;
  swe_number: string;
  severity: Finding['severity'];
  message: string;
  file: string;
  line: number;
  /** a pay-cap breach's rate and cap (pounds), else null */
  rate: number | null;
  cap: number | null;
}

export interface PersistingBreach extends DiffBreach {
  /** what the breach was in OLD */
  old_message: string;
  old_rate: number | null;
  old_cap: number | null;
}

/** The estimated monthly spend above caps of one council, in OLD and NEW (whole pence). */
export interface SpendChange {
  la_code: string;
  la_name: string | null;
  old_pence: number;
  new_pence: number;
  change_pence: number;
}

export interface ResolvedBreach extends DiffBreach {
  /** what the id is in NEW: exempted, unknown, or absent (no finding: compliant or not checked) */
  now: FindingStatus | 'absent';
}

export interface DiffCount {
  la_code: string;
  la_name: string | null;
  rule: string;
  new: number;
  resolved: number;
  persisting: number;
}

export type ExemptionChangeKind =
  | 'became_active'
  | 'started_expiring'
  | 'expired'
  | 'became_pending'
  | 'removed';

export interface ExemptionChange {
  id: string;
  change: ExemptionChangeKind;
  /** status in OLD, null when OLD's ruleset did not define it */
  from: ExemptionStatus | null;
  /** status in NEW, null when NEW's ruleset does not define it */
  to: ExemptionStatus | null;
}

export interface ReportDiff {
  format: 'moc-diff/v1';
  old: { as_of: IsoDate; ruleset: Report['ruleset']; breaches: number };
  new: { as_of: IsoDate; ruleset: Report['ruleset']; breaches: number };
  /** things a reader should know before trusting the comparison */
  warnings: string[];
  new_breaches: DiffBreach[];
  resolved_breaches: ResolvedBreach[];
  persisting_breaches: PersistingBreach[];
  counts: DiffCount[];
  totals: { new: number; resolved: number; persisting: number; rate_rose: number; old_spend_pence: number; new_spend_pence: number };
  /** per council with a pay-cap breach in either report, councils in the order of `counts` */
  spend: SpendChange[];
  exemption_changes: ExemptionChange[];
}

function brief(f: Finding): DiffBreach {
  return {
    id: f.id,
    rule: f.rule,
    la_code: f.la_code,
    la_name: f.context?.la_name ?? null,
    assignment_id: f.assignment_id,
    swe_number: f.swe_number,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    rate: f.kind === 'pay_cap' ? (payCapDetailsOf(f)?.rate ?? null) : null,
    cap: f.kind === 'pay_cap' ? (payCapDetailsOf(f)?.cap ?? null) : null,
  };
}

/** Whether a persisting breach's rate is higher now than it was. */
export function rateRose(b: PersistingBreach): boolean {
  return b.rate !== null && b.old_rate !== null && b.rate > b.old_rate;
}

/** Findings grouped by council (one pass), for the spend per council. */
function byCouncil(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = out.get(f.la_code);
    if (!list) out.set(f.la_code, (list = []));
    list.push(f);
  }
  return out;
}

/** First finding per id (ids are unique within a report; the first wins if not). */
function byId(findings: readonly Finding[], keep: (f: Finding) => boolean): Map<string, Finding> {
  const map = new Map<string, Finding>();
  for (const f of findings) if (keep(f) && !map.has(f.id)) map.set(f.id, f);
  return map;
}

const isBreach = (f: Finding): boolean => f.status === 'breach';

function changeKind(from: ExemptionStatus | null, to: ExemptionStatus | null): ExemptionChangeKind | null {
  if (from === to) return null;
  switch (to) {
    case 'active':
      return 'became_active';
    case 'expiring':
      return 'started_expiring';
    case 'expired':
      return 'expired';
    case 'pending':
      return 'became_pending';
    case null:
      return 'removed';
    default:
      return null;
  }
}

export function diffReports(oldReport: Report, newReport: Report): ReportDiff {
  const oldBreaches = byId(oldReport.findings, isBreach);
  const newBreaches = byId(newReport.findings, isBreach);
  const newAll = byId(newReport.findings, () => true);

  const added: DiffBreach[] = [];
  const persisting: PersistingBreach[] = [];
  for (const [id, f] of newBreaches) {
    const before = oldBreaches.get(id);
    if (!before) {
      added.push(brief(f));
      continue;
    }
    const was = brief(before);
    persisting.push({ ...brief(f), old_message: was.message, old_rate: was.rate, old_cap: was.cap });
  }
  const resolved: ResolvedBreach[] = [];
  for (const [id, f] of oldBreaches) {
    if (newBreaches.has(id)) continue;
    resolved.push({ ...brief(f), now: newAll.get(id)?.status ?? 'absent' });
  }

  // counts per council and rule: councils in first-seen order (NEW, then OLD), each
  // council's rules together in first-seen order
  const councils = new Map<string, Map<string, DiffCount>>();
  const bump = (b: DiffBreach, key: 'new' | 'resolved' | 'persisting'): void => {
    let rules = councils.get(b.la_code);
    if (!rules) councils.set(b.la_code, (rules = new Map()));
    let c = rules.get(b.rule);
    if (!c) rules.set(b.rule, (c = { la_code: b.la_code, la_name: b.la_name, rule: b.rule, new: 0, resolved: 0, persisting: 0 }));
    if (c.la_name === null) c.la_name = b.la_name;
    c[key]++;
  };
  for (const b of added) bump(b, 'new');
  for (const b of persisting) bump(b, 'persisting');
  for (const b of resolved) bump(b, 'resolved');
  const counts: DiffCount[] = [];
  for (const rules of councils.values()) for (const c of rules.values()) counts.push(c);

  // spend above caps per council, in the order of the counts (a council with a pay-cap breach has a row there)
  const oldByCouncil = byCouncil(oldReport.findings);
  const newByCouncil = byCouncil(newReport.findings);
  const spend: SpendChange[] = [];
  for (const [la, rules] of councils) {
    const o = estimateMonthlySpend(oldByCouncil.get(la) ?? []);
    const n = estimateMonthlySpend(newByCouncil.get(la) ?? []);
    if (o.breaches === 0 && n.breaches === 0) continue;
    const first = rules.values().next().value!;
    spend.push({ la_code: la, la_name: first.la_name, old_pence: o.pence, new_pence: n.pence, change_pence: n.pence - o.pence });
  }

  const oldEx = new Map(oldReport.exemptions.map((e) => [e.id.toLowerCase(), e]));
  const newEx = new Map(newReport.exemptions.map((e) => [e.id.toLowerCase(), e]));
  const exemption_changes: ExemptionChange[] = [];
  for (const [k, e] of newEx) {
    const from = oldEx.get(k)?.status ?? null;
    const change = changeKind(from, e.status);
    if (change) exemption_changes.push({ id: e.id, change, from, to: e.status });
  }
  for (const [k, e] of oldEx) {
    if (newEx.has(k)) continue;
    exemption_changes.push({ id: e.id, change: 'removed', from: e.status, to: null });
  }

  const warnings: string[] = [];
  if (oldReport.ruleset.id !== newReport.ruleset.id) {
    warnings.push(
      `the reports use different rulesets (${oldReport.ruleset.id}, ${newReport.ruleset.id}); finding ids include the ruleset id, so no breach can match`,
    );
  } else if (oldReport.ruleset.version !== newReport.ruleset.version || oldReport.ruleset.sha256 !== newReport.ruleset.sha256) {
    warnings.push(`the ruleset changed between the reports (version ${oldReport.ruleset.version} → ${newReport.ruleset.version})`);
  }
  if (newReport.as_of < oldReport.as_of) {
    warnings.push(`the NEW report (as of ${newReport.as_of}) is dated before the OLD one (as of ${oldReport.as_of}); are they the wrong way round?`);
  }

  return {
    format: 'moc-diff/v1',
    old: { as_of: oldReport.as_of, ruleset: oldReport.ruleset, breaches: oldBreaches.size },
    new: { as_of: newReport.as_of, ruleset: newReport.ruleset, breaches: newBreaches.size },
    warnings,
    new_breaches: added,
    resolved_breaches: resolved,
    persisting_breaches: persisting,
    counts,
    totals: {
      new: added.length,
      resolved: resolved.length,
      persisting: persisting.length,
      rate_rose: persisting.filter(rateRose).length,
      // the region's totals as the reports give them (rounded once, on the total)
      old_spend_pence: estimateMonthlySpend(oldReport.findings).pence,
      new_spend_pence: estimateMonthlySpend(newReport.findings).pence,
    },
    spend,
    exemption_changes,
  };
}

/** The diff's exit code: 1 when there is a new breach, else 0. */
export function diffExitCode(diff: ReportDiff): 0 | 1 {
  return diff.new_breaches.length > 0 ? 1 : 0;
}

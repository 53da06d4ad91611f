// Builds the return (return.md) from one check run: a row sink collects every checked
// assignment row with its status per rule, then the sheets are tallied from those rows.
// Sums are exact (integers) and rounded half-up once, at the end (return.md "Money").
import { fieldsUsable, type ActiveRule } from '../check/evaluate.js';
import type { CheckedRowSink } from '../check/index.js';
import type { Assignment } from '../input/assignments.js';
import type { Period } from '../period.js';
import { pseudonymFor } from '../redact.js';
import type { Finding, Report, Rule, Ruleset } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import {
  ASSIGNMENT_FIELDS, ASSIGNMENT_TAIL_FIELDS,
  type DataReturn, type ReturnAssignment, type ReturnCompliance, type ReturnCouncil, type ReturnNotes, type ReturnSignoff, type RowStatus,
} from './schema.js';
import { decimalUnits, monthlyPounds, roundShare } from './decimal.js';

export const NO_AGENCY = '(agency not recorded)';

/** Code-point order (readings 28 and 33): not UTF-16 units, which put U+FF5E after U+1F600. */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
const JOIN = '; ';

/** One checked row as the return keeps it. */
interface RowRecord {
  out: ReturnAssignment;
  laName: string | null;
  agency: string;
  statuses: RowStatus[];
  /** exemption ids applied on the row, distinct, in finding order */
  applied: string[];
  /** the exemption of each exempted finding of the row (one per rule) */
  exemptedBy: string[];
  /** rate × hours in 10^-12 units, and which rate; null when not priced */
  priced: { units: bigint; basis: 'charge' | 'pay' } | null;
}

/** The rules of the return: every rule but head_hunting (return.md), in ruleset order. */
export function returnRules(ruleset: Ruleset): Rule[] {
  return ruleset.rules.filter((r) => (r.kind as string) !== 'head_hunting');
}

/** The field a rule's status goes in: its id, or rule_ + id where the id is a fixed field's name. */
export function ruleField(id: string): string {
  return (ASSIGNMENT_FIELDS as readonly string[]).includes(id) || (ASSIGNMENT_TAIL_FIELDS as readonly string[]).includes(id) ? `rule_${id}` : id;
}

const ENGAGEMENT_WORDS: Record<string, string> = {
  paye: 'paye', 'pay as you earn': 'paye',
  umbrella: 'umbrella', 'umbrella company': 'umbrella', 'umbrella co': 'umbrella',
  'limited company': 'limited_company', limited: 'limited_company', ltd: 'limited_company', 'ltd company': 'limited_company',
  'ltd co': 'limited_company', psc: 'limited_company', 'personal service company': 'limited_company',
};

/** engagements.md **engagement type**: the normalised type, or null when not one of them. */
export function normaliseEngagementType(text: string): string | null {
  const key = text.toLowerCase().replace(/\./g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  return ENGAGEMENT_WORDS[key] ?? null;
}

function optionalText(field: Assignment['agency']): string | null {
  return field.state === 'ok' ? field.value : null;
}

export class ReturnCollector implements CheckedRowSink {
  readonly rows: RowRecord[] = [];
  private readonly rules: Rule[];
  private readonly roles: Map<string, { label: string; dfe_role: string | null }>;

  constructor(
    private readonly ruleset: Ruleset,
    /** the pseudonym key with --redact */
    private readonly redactKey?: string,
  ) {
    this.rules = returnRules(ruleset);
    this.roles = new Map(ruleset.roles.map((r) => [r.key, { label: r.label, dfe_role: r.dfe_role ?? null }]));
  }

  row(row: Assignment, activeRules: readonly ActiveRule[], findings: readonly Finding[]): void {
    const byRule = new Map<string, Finding>();
    for (const f of findings) byRule.set(f.rule, f);
    const statuses: RowStatus[] = this.rules.map((rule) => {
      const f = byRule.get(rule.id);
      if (f) return f.status;
      const active = activeRules.find((a) => a.rule.id === rule.id);
      return active && fieldsUsable(row, active.needs) ? 'compliant' : 'not_checked';
    });
    const applied: string[] = [];
    const exemptedBy: string[] = [];
    for (const f of findings) {
      if (f.status !== 'exempted' || !f.exemption) continue;
      exemptedBy.push(f.exemption);
      if (!applied.includes(f.exemption)) applied.push(f.exemption);
    }
    const approvers: string[] = [];
    for (const id of applied) {
      for (const who of this.ruleset.exemptions.find((e) => e.id === id)?.approved_by ?? []) if (!approvers.includes(who)) approvers.push(who);
    }
    const role = row.role.state === 'ok' ? this.roles.get(row.role.value) : undefined;
    const rawOf = (f: { state: string; raw?: string }) => (f.state === 'invalid' || f.state === 'ok' ? (f.raw ?? '').trim() || null : null);
    const engagement = row.engagement_type;
    const money = (f: Assignment['hourly_pay_rate']) => (f.state === 'ok' ? f.value.amount : null);
    const swe = row.sweForReport === '' ? null : this.redactKey === undefined ? row.sweForReport : pseudonymFor(row.sweForReport, this.redactKey);
    const fixed = {
      la_code: row.laCode,
      assignment_id: row.assignmentId,
      swe_number: swe,
      dfe_role: role?.dfe_role ?? null,
      role: role ? role.label : rawOf(row.role),
      // read as an engagement type: the normalised type, or the cell as written when it is none (reading 35)
      engagement_type: engagement.state === 'ok' ? engagement.value : engagement.state === 'invalid' ? engagement.raw.trim() : null,
      agency: optionalText(row.agency),
      hourly_pay_rate: money(row.hourly_pay_rate),
      hourly_charge_rate: money(row.hourly_charge_rate),
      hours_per_week: row.hours_per_week.state === 'ok' ? row.hours_per_week.value : null,
      start_date: row.start_date.state === 'ok' ? row.start_date.value : null,
      // reading 31: an end before the start is checked as no end date
      end_date: row.effectiveEnd ?? null,
      project_team: row.project_team.state === 'ok' ? (row.project_team.value ? 'yes' : 'no') : null,
    };
    // field order as return.md lists them: fixed fields, one per rule, then the exemptions
    const out: Record<string, unknown> = { ...fixed };
    this.rules.forEach((rule, i) => {
      out[ruleField(rule.id)] = statuses[i]!;
    });
    out['exemptions'] = applied.length > 0 ? applied.join(JOIN) : null;
    out['signed_off_by'] = approvers.length > 0 ? approvers.join(JOIN) : null;

    const hours = fixed.hours_per_week;
    const rate = fixed.hourly_charge_rate ?? fixed.hourly_pay_rate;
    const basis = fixed.hourly_charge_rate !== null ? 'charge' : 'pay';
    const priced = hours !== null && rate !== null ? { units: decimalUnits(rate) * decimalUnits(hours), basis: basis as 'charge' | 'pay' } : null;
    this.rows.push({ out: out as ReturnAssignment, laName: optionalText(row.la_name), agency: optionalText(row.agency) ?? NO_AGENCY, statuses, applied, exemptedBy, priced });
  }

  /** The whole return, once the run is over. */
  build(report: Report, period: Period): DataReturn {
    const { ruleset, rules } = this;
    const byCouncil = new Map<string, RowRecord[]>();
    for (const r of this.rows) {
      let list = byCouncil.get(r.out.la_code);
      if (!list) byCouncil.set(r.out.la_code, (list = []));
      list.push(r);
    }
    // reading 28: councils sorted by code (code-point order)
    const codes = [...byCouncil.keys()].sort(compareCodePoints);
    const payCaps = rules.map((r) => r.kind === 'pay_cap');
    const councils: ReturnCouncil[] = [];
    const compliance: ReturnCompliance[] = [];
    for (const code of codes) {
      const rows = byCouncil.get(code)!;
      const laName = ruleset.region.las.get(code) ?? rows.find((r) => r.laName !== null)?.laName ?? null;
      let fully = 0;
      let cap = 0;
      let capSigned = 0;
      const agencies = new Map<string, number>();
      const appliedIds = new Set<string>();
      let units = 0n;
      const bases = new Set<string>();
      let priced = 0;
      for (const r of rows) {
        if (!r.statuses.includes('breach')) fully++;
        const capStatuses = r.statuses.filter((s, i) => payCaps[i] && (s === 'breach' || s === 'exempted'));
        if (capStatuses.length > 0) {
          cap++;
          if (capStatuses.every((s) => s === 'exempted')) capSigned++;
        }
        if (r.statuses.some((s) => s === 'breach' || s === 'exempted')) agencies.set(r.agency, (agencies.get(r.agency) ?? 0) + 1);
        for (const id of r.applied) appliedIds.add(id);
        if (r.priced) {
          priced++;
          units += r.priced.units;
          bases.add(r.priced.basis);
        }
      }
      const agencyList = [...agencies].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0])).map(([name, n]) => `${name} (${n})`);
      const reasons: string[] = [];
      for (const ex of ruleset.exemptions) {
        if (appliedIds.has(ex.id) && ex.reason && !reasons.includes(ex.reason)) reasons.push(ex.reason);
      }
      councils.push({
        la_code: code,
        la_name: laName,
        assignments: rows.length,
        assignments_fully_compliant: fully,
        cap_breaches: cap,
        cap_breaches_signed_off: capSigned,
        cap_breaches_not_signed_off: cap - capSigned,
        agencies_affecting_compliance: agencyList.length > 0 ? agencyList.join(JOIN) : null,
        monthly_cost: monthlyPounds(units),
        // reading 30: no priced row, no basis
        monthly_cost_basis: bases.size === 0 ? null : bases.size === 2 ? 'mixed' : (bases.values().next().value as 'charge' | 'pay'),
        rows_priced: priced,
        rows_not_priced: rows.length - priced,
        reasons: reasons.length > 0 ? reasons.join(JOIN) : null,
      });
      rules.forEach((rule, i) => {
        const n: Record<RowStatus, number> = { compliant: 0, breach: 0, exempted: 0, unknown: 0, not_checked: 0 };
        for (const r of rows) n[r.statuses[i]!]++;
        compliance.push({
          la_code: code,
          la_name: laName,
          rule: rule.id,
          kind: rule.kind,
          title: rule.title ?? null,
          ...n,
          share_compliant: roundShare(n.compliant + n.exempted, rows.length - n.not_checked - n.unknown),
        });
      });
    }
    return {
      format: 'moc-return/v1',
      period: { from: period.from, to: period.to },
      as_of: report.as_of,
      ruleset: { ...report.ruleset },
      councils,
      compliance,
      assignments: this.rows.map((r) => r.out),
      signoffs: this.signoffs(),
      notes: notesOf(report, period),
    };
  }

  private signoffs(): ReturnSignoff[] {
    // reading 36: findings turned into exempted on the return's own rows
    const applied = new Map<string, number>();
    for (const r of this.rows) for (const id of r.exemptedBy) applied.set(id, (applied.get(id) ?? 0) + 1);
    return this.ruleset.exemptions
      .filter((ex) => (applied.get(ex.id) ?? 0) > 0)
      .map((ex) => ({
        id: ex.id,
        rules: ex.rules.length > 0 ? ex.rules.join(JOIN) : null,
        las: ex.las && ex.las.length > 0 ? ex.las.join(JOIN) : null,
        roles: ex.roles && ex.roles.length > 0 ? ex.roles.join(JOIN) : null,
        from: ex.from,
        to: ex.to,
        approved_by: ex.approved_by.length > 0 ? ex.approved_by.join(JOIN) : null,
        approved_on: ex.approved_on ?? null,
        reason: ex.reason ?? null,
        blanket: ex.blanket,
        applied: applied.get(ex.id) ?? 0,
      }));
  }
}

function notesOf(report: Report, period: Period): ReturnNotes {
  const errors = new Map<string, number>();
  const warnings = new Map<string, number>();
  for (const d of report.data_issues) {
    const map = d.severity === 'error' ? errors : warnings;
    map.set(d.file, (map.get(d.file) ?? 0) + 1);
  }
  return {
    ruleset: { id: report.ruleset.id, version: report.ruleset.version, status: report.ruleset.status },
    period: { from: period.from, to: period.to },
    as_of: report.as_of,
    tool: { name: 'moc-check', version: TOOL_VERSION },
    inputs: report.inputs.map((i) => ({
      file: i.file,
      kind: i.kind,
      sha256: i.sha256,
      rows: i.rows,
      checked: i.kind === 'leavers' ? null : (i.checked ?? 0),
      out_of_period: i.kind === 'leavers' ? null : (i.out_of_period ?? 0),
      data_errors: errors.get(i.file) ?? 0,
      data_warnings: warnings.get(i.file) ?? 0,
    })),
  };
}

// Helpers the formats share, so each wording and each count is made in one place.
import { formatPounds } from '../money.js';
import type { AnyRule, DataIssue, Exemption, Finding, FindingStatus, Ruleset, Severity } from '../types.js';
import type { SpendEstimate } from './regional.js';

export { plural } from '../plural.js';

/** A share 0..1 as "87.5%", or "–" when not known. */
export function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** The spend above caps with what was left out: "£1,234.00 (2 without hours)". */
export function spendText(spend: SpendEstimate): string {
  const notes: string[] = [];
  if (spend.noHours > 0) notes.push(`${spend.noHours} without hours`);
  if (spend.noRate > 0) notes.push(`${spend.noRate} without rate`);
  if (spend.sameAssignment > 0) notes.push(`${spend.sameAssignment} counted once under the first pay-cap rule`);
  return notes.length > 0 ? `${formatPounds(spend.pence)} (${notes.join(', ')})` : formatPounds(spend.pence);
}

/** Every rule of the ruleset in its order: the assignment rules, then the starters rules (head_hunting). */
export function allRulesOf(ruleset: Pick<Ruleset, 'rules' | 'starterRules'>): AnyRule[] {
  return [...ruleset.rules, ...ruleset.starterRules];
}

/** What the Assignment column shows for a starters row's finding (head_hunting), which has no assignment id. */
export const STARTER_ROW = 'permanent starter';

/** A finding's row in words: "assignment A-0042", or "permanent starter" for a starters row (head_hunting). */
export function rowName(f: Pick<Finding, 'assignment_id'>): string {
  return f.assignment_id === null ? STARTER_ROW : `assignment ${f.assignment_id}`;
}

/** The order findings are listed in for people: breaches, then exempted, then unknown. */
export const STATUS_ORDER: Readonly<Record<FindingStatus, number>> = { breach: 0, exempted: 1, unknown: 2 };

/** Findings in STATUS_ORDER, report order kept within a status (a stable bucket pass, no sort). */
export function byStatus(findings: readonly Finding[]): Finding[] {
  const buckets: Finding[][] = [[], [], []];
  for (const f of findings) buckets[STATUS_ORDER[f.status]]!.push(f);
  const out = buckets[0]!;
  for (const f of buckets[1]!) out.push(f);
  for (const f of buckets[2]!) out.push(f);
  return out;
}

/**
 * The first `limit` findings in STATUS_ORDER (what byStatus(findings).slice(0, limit)
 * gives), a finding at a time, holding at most `limit` a status, so a list of millions
 * (possibly a spooled view) is never copied whole.
 */
export class FirstByStatus {
  private readonly buckets: Finding[][] = [[], [], []];
  constructor(private readonly limit: number) {}

  add(f: Finding): void {
    const bucket = this.buckets[STATUS_ORDER[f.status]]!;
    if (bucket.length < this.limit) bucket.push(f);
  }

  list(): Finding[] {
    const out: Finding[] = [];
    for (const bucket of this.buckets) for (const f of bucket) if (out.length < this.limit) out.push(f);
    return out;
  }
}

/** FirstByStatus over a whole list, in one pass. */
export function firstByStatus(findings: Iterable<Finding>, limit: number): Finding[] {
  const first = new FirstByStatus(limit);
  for (const f of findings) first.add(f);
  return first.list();
}

/** The ruleset's exemptions by id, ignoring case (report tallies and findings cite them so). */
export function exemptionIndex(ruleset: Ruleset): (id: string) => Exemption | undefined {
  const defs = new Map<string, Exemption>();
  for (const ex of ruleset.exemptions) if (!defs.has(ex.id.toLowerCase())) defs.set(ex.id.toLowerCase(), ex);
  return (id) => defs.get(id.toLowerCase());
}

export interface DataIssueGroup {
  severity: Severity;
  code: string;
  count: number;
  /** files in first-seen order */
  files: string[];
}

/** Data issues counted by (severity, code), in first-seen order. */
export function groupDataIssues(issues: readonly DataIssue[]): DataIssueGroup[] {
  const groups = new Map<string, { group: DataIssueGroup; files: Set<string> }>();
  for (const d of issues) {
    const key = `${d.severity}\u001f${d.code}`;
    let e = groups.get(key);
    if (!e) groups.set(key, (e = { group: { severity: d.severity, code: d.code, count: 0, files: [] }, files: new Set() }));
    e.group.count++;
    if (!e.files.has(d.file)) {
      e.files.add(d.file);
      e.group.files.push(d.file);
    }
  }
  return [...groups.values()].map((e) => e.group);
}

/** Where a data issue is: `file:line` (no line for a whole-file issue). */
export function issuePlace(d: DataIssue): string {
  return d.line === null ? d.file : `${d.file}:${d.line}`;
}

// Data-sized arrays are never spread into a call (`push(...xs)`, `Math.max(...xs)`):
// V8 passes each element as an argument, and above about 125,000 the stack overflows.

/** Appends items to out one by one. */
export function append<T>(out: T[], items: Iterable<T>): T[] {
  for (const item of items) out.push(item);
  return out;
}

/** The largest value, or `empty` when there is none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max = -Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v > max) max = v;
  }
  return any ? max : empty;
}

/** The smallest value, or `empty` when there is none. */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let min = Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v < min) min = v;
  }
  return any ? min : empty;
}

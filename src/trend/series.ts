// `moc-check trend`: several JSON reports become one time series. Each report is placed
// on its month (its period when that is a calendar month, else its as_of month), or on
// its quarter when every report covers a calendar quarter. Months between the first and
// the last report that no report covers are gaps: every figure there is null, never 0.
// Figures come from each report alone (no ruleset needed), as the diff does.
import { estimateMonthlySpend } from '../report/regional.js';
import { periodLabel, type Period } from '../period.js';
import type { ExemptionStatus, Finding, Report } from '../types.js';

export type Granularity = 'month' | 'quarter';

/** At most this many steps (months or quarters) from the first report to the last. */
export const MAX_STEPS = 240;

export interface TrendSource {
  file: string;
  report: Report;
}

export interface ExemptionPoint {
  status: ExemptionStatus;
  applied: number;
}

/** The figures of one month (or quarter) that a report covers. */
export interface TrendFigures {
  file: string;
  as_of: string;
  period: Period | null;
  ruleset_version: string;
  ruleset_sha256: string;
  /** checked assignment rows */
  checked: number;
  breaches: number;
  exempted: number;
  unknown: number;
  /** checked assignment rows with at least one breach */
  assignments_with_breach: number;
  /** (checked − assignments_with_breach) / checked; null when nothing was checked */
  no_breach_share: number | null;
  /** estimated monthly spend above the caps, whole pence (report/regional.ts) */
  spend_above_caps_pence: number;
  /** pay-cap breaches left out of the spend for want of hours or a rate */
  spend_unpriced: number;
  data_errors: number;
  /** rule id -> breaches (every rule of the series; 0 when none) */
  breaches_by_rule: Record<string, number>;
  /** council code -> breaches; null when the report had no checked row for the council */
  breaches_by_council: Record<string, number | null>;
  /** exemption id -> status and use on the report's as_of; null when the report does not list it */
  exemptions: Record<string, ExemptionPoint | null>;
}

export interface TrendPoint {
  /** `2025-11` or `2025-Q3` */
  key: string;
  /** null: no report covers this month (a gap) */
  figures: TrendFigures | null;
}

export interface TrendCouncil {
  la_code: string;
  la_name: string | null;
}

export interface Trend {
  ruleset: { id: string; versions: string[]; status: Report['ruleset']['status'] };
  granularity: Granularity;
  rules: string[];
  /** rule id -> title, when a ruleset was given (--rules) */
  ruleTitles?: Record<string, string>;
  councils: TrendCouncil[];
  exemptions: string[];
  points: TrendPoint[];
}

/** A refusal with a plain sentence for people (the command exits 2). */
export class TrendError extends Error {}

interface Placed {
  source: TrendSource;
  ordinal: number;
  key: string;
}

function monthOrdinal(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function keyOf(ordinal: number, granularity: Granularity): string {
  if (granularity === 'quarter') return `${Math.floor(ordinal / 4)}-Q${(ordinal % 4) + 1}`;
  return `${String(Math.floor(ordinal / 12)).padStart(4, '0')}-${String((ordinal % 12) + 1).padStart(2, '0')}`;
}

/** Where a report sits: the calendar month or quarter of its period, else the month of its as_of. */
function placeOf(source: TrendSource): { granularity: Granularity; ordinal: number } {
  const period = source.report.period ?? null;
  if (period === null) return { granularity: 'month', ordinal: monthOrdinal(source.report.as_of) };
  const label = periodLabel(period);
  if (/^\d{4}-\d{2}$/.test(label)) return { granularity: 'month', ordinal: monthOrdinal(period.from) };
  const q = /^(\d{4})-Q(\d)$/.exec(label);
  if (q) return { granularity: 'quarter', ordinal: Number(q[1]) * 4 + Number(q[2]) - 1 };
  throw new TrendError(`${source.file} covers ${label}, which is not a calendar month or quarter; trend compares monthly (or quarterly) reports`);
}

function placeAll(sources: readonly TrendSource[]): { granularity: Granularity; placed: Placed[] } {
  const first = sources[0];
  if (!first) throw new TrendError('no report named: give two or more JSON reports (moc-check check --format json)');
  const placed: Placed[] = [];
  let granularity: Granularity | null = null;
  let granularityFile = '';
  for (const source of sources) {
    if (source.report.ruleset.id !== first.report.ruleset.id) {
      throw new TrendError(
        `${source.file} was checked against the ruleset "${source.report.ruleset.id}" but ${first.file} against "${first.report.ruleset.id}"; ` +
          'a trend compares reports of one ruleset',
      );
    }
    const place = placeOf(source);
    if (granularity !== null && place.granularity !== granularity) {
      throw new TrendError(`${source.file} covers a ${place.granularity} but ${granularityFile} a ${granularity}; give monthly reports only, or quarterly ones only`);
    }
    granularity = place.granularity;
    granularityFile = source.file;
    placed.push({ source, ordinal: place.ordinal, key: keyOf(place.ordinal, place.granularity) });
  }
  placed.sort((a, b) => a.ordinal - b.ordinal);
  for (let i = 1; i < placed.length; i++) {
    if (placed[i]!.ordinal === placed[i - 1]!.ordinal) {
      throw new TrendError(`${placed[i - 1]!.source.file} and ${placed[i]!.source.file} both cover ${placed[i]!.key}; give one report per ${granularity}`);
    }
  }
  const span = placed[placed.length - 1]!.ordinal - placed[0]!.ordinal + 1;
  if (span > MAX_STEPS) {
    throw new TrendError(`the reports span ${span} ${granularity}s (${placed[0]!.key} to ${placed[placed.length - 1]!.key}); a trend shows at most ${MAX_STEPS}`);
  }
  return { granularity: granularity!, placed };
}

/** Rule ids, council codes and exemption ids in order of first appearance across the months. */
function dimensions(placed: readonly Placed[]): Pick<Trend, 'rules' | 'councils' | 'exemptions'> {
  const rules = new Set<string>();
  const councils = new Map<string, string | null>();
  const exemptions = new Set<string>();
  const council = (code: string, name: string | null | undefined) => {
    const known = councils.get(code);
    if (known === undefined) councils.set(code, name ?? null);
    else if (known === null && name) councils.set(code, name);
  };
  for (const { source } of placed) {
    const r = source.report;
    for (const c of r.councils ?? []) council(c.la_code, c.la_name);
    for (const f of r.findings) {
      rules.add(f.rule);
      council(f.la_code, f.context?.la_name);
    }
    for (const e of r.exemptions) exemptions.add(e.id);
  }
  return {
    // code-point order: reports do not carry the ruleset's own order (--rules gives it)
    rules: [...rules].sort(),
    councils: [...councils].map(([la_code, la_name]) => ({ la_code, la_name })).sort((a, b) => (a.la_code < b.la_code ? -1 : a.la_code > b.la_code ? 1 : 0)),
    exemptions: [...exemptions],
  };
}

/** Assignment rows checked: the assignment inputs' `checked` (v1.1 starters rows aside), else summary.checked. */
function assignmentsChecked(report: Report): number {
  let sum = 0;
  let any = false;
  for (const input of report.inputs) {
    if (input.kind === 'assignments' && typeof input.checked === 'number') {
      sum += input.checked;
      any = true;
    }
  }
  return any ? sum : report.summary.checked;
}

function isAssignmentFinding(f: Finding): boolean {
  return f.assignment_id !== null && (f.kind as string) !== 'head_hunting';
}

function figuresOf(file: string, report: Report, dims: Pick<Trend, 'rules' | 'councils' | 'exemptions'>): TrendFigures {
  const byRule: Record<string, number> = Object.fromEntries(dims.rules.map((id) => [id, 0]));
  const present = new Set<string>();
  for (const c of report.councils ?? []) if (c.checked > 0) present.add(c.la_code);
  const byCouncil: Record<string, number | null> = {};
  for (const c of dims.councils) byCouncil[c.la_code] = report.councils === undefined || present.has(c.la_code) ? 0 : null;
  let breaches = 0;
  let exempted = 0;
  let unknown = 0;
  const breached = new Set<string>();
  for (const f of report.findings) {
    if (f.status === 'exempted') exempted++;
    else if (f.status === 'unknown') unknown++;
    if (f.status !== 'breach') continue;
    breaches++;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    byCouncil[f.la_code] = (byCouncil[f.la_code] ?? 0) + 1;
    if (isAssignmentFinding(f)) breached.add(`${f.la_code}\u001f${f.assignment_id}`);
  }
  const checked = assignmentsChecked(report);
  const spend = estimateMonthlySpend(report.findings);
  const exemptions: Record<string, ExemptionPoint | null> = Object.fromEntries(dims.exemptions.map((id) => [id, null]));
  for (const e of report.exemptions) exemptions[e.id] = { status: e.status, applied: e.applied };
  return {
    file,
    as_of: report.as_of,
    period: report.period ?? null,
    ruleset_version: report.ruleset.version,
    ruleset_sha256: report.ruleset.sha256,
    checked,
    breaches,
    exempted,
    unknown,
    assignments_with_breach: breached.size,
    no_breach_share: checked > 0 ? Math.max(0, checked - breached.size) / checked : null,
    spend_above_caps_pence: spend.pence,
    spend_unpriced: spend.noHours + spend.noRate,
    data_errors: report.summary.data_errors,
    breaches_by_rule: byRule,
    breaches_by_council: byCouncil,
    exemptions,
  };
}

/** The series: one point per month (or quarter) from the first report to the last, gaps included. */
/** What a ruleset adds to a trend (--rules): the rules' order and titles, the region's council names. */
export interface TrendRuleset {
  id: string;
  rules: ReadonlyArray<{ id: string; title?: string }>;
  councilNames: ReadonlyMap<string, string>;
}

export function buildTrend(sources: readonly TrendSource[], ruleset?: TrendRuleset): Trend {
  const { granularity, placed } = placeAll(sources);
  const dims = dimensions(placed);
  let ruleTitles: Record<string, string> | undefined;
  if (ruleset) {
    const first = placed[0]!.source;
    if (ruleset.id !== first.report.ruleset.id) {
      throw new TrendError(`--rules is the ruleset "${ruleset.id}" but ${first.file} was checked against "${first.report.ruleset.id}"`);
    }
    // every rule of the ruleset, in its order (0 where none broke it), then any other rule the reports name
    dims.rules = [...ruleset.rules.map((r) => r.id), ...dims.rules.filter((id) => !ruleset.rules.some((r) => r.id === id))];
    ruleTitles = Object.fromEntries(ruleset.rules.filter((r) => r.title).map((r) => [r.id, r.title!]));
    for (const c of dims.councils) c.la_name = ruleset.councilNames.get(c.la_code) ?? c.la_name;
  }
  const byOrdinal = new Map(placed.map((p) => [p.ordinal, p]));
  const points: TrendPoint[] = [];
  const first = placed[0]!.ordinal;
  const last = placed[placed.length - 1]!.ordinal;
  for (let ordinal = first; ordinal <= last; ordinal++) {
    const p = byOrdinal.get(ordinal);
    points.push({ key: keyOf(ordinal, granularity), figures: p ? figuresOf(p.source.file, p.source.report, dims) : null });
  }
  const versions: string[] = [];
  for (const p of placed) if (!versions.includes(p.source.report.ruleset.version)) versions.push(p.source.report.ruleset.version);
  const latest = placed[placed.length - 1]!.source.report.ruleset;
  return { ruleset: { id: latest.id, versions, status: latest.status }, granularity, ...dims, ...(ruleTitles ? { ruleTitles } : {}), points };
}

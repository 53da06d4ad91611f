// The terminal report's breach, exempted and unknown sections, from one walk over the
// findings (they may be millions, read back from disk: src/check/spool.ts). Each
// section gives its counts per council and rule in full and lists the first
// TABLE_FINDINGS_SHOWN findings of its status, in the order read, under their council
// and rule; what it keeps is those findings and a tally per council and rule, never
// the list. A run within the limit reads exactly as when every finding was listed.
import type { ChalkInstance } from 'chalk';
import type { AnyRule, Finding, FindingStatus, Ruleset, Severity } from '../types.js';
import { sanitizeText as s } from '../text.js';
import { plural, rowName } from './shared.js';

/** Findings listed a section (breaches, exempted, unknown with --verbose); the rest are counted. */
export const TABLE_FINDINGS_SHOWN = 1_000;

/** Why a cited exemption did not cover a breach (rules.md "Exemptions"), in words. */
export const NOT_COVERED_WORDS: Readonly<Record<string, string>> = {
  rule: 'does not cover this rule',
  la: 'not for this council',
  role: 'not for this role',
  worker: 'not for this worker',
  window: 'the assignment did not start within its dates',
  lapsed: 'it has lapsed on this still-running assignment',
  max_rate: 'the rate is above its max_rate',
};

/** What the sections need from the terminal report's context. */
export interface SectionContext {
  ruleset: Ruleset;
  c: ChalkInstance;
  verbose: boolean;
  names: boolean;
  ruleOrder: Map<string, number>;
  rulesById: Map<string, AnyRule>;
}

interface RuleGroup {
  count: number;
  /** the first finding's severity (for a rule the ruleset does not name) */
  severity: Severity;
  /** the first finding's council name from the export, if any has one */
  laName: string | null;
  listed: Finding[];
}

interface CouncilGroup {
  count: number;
  files: Set<string>;
  rules: Map<string, RuleGroup>;
}

/** One status's findings: counts by council (first seen first) and rule, and the first `limit` findings. */
class StatusGroups {
  count = 0;
  listed = 0;
  readonly councils = new Map<string, CouncilGroup>();

  constructor(private readonly limit: number) {}

  add(f: Finding): void {
    this.count++;
    let council = this.councils.get(f.la_code);
    if (!council) this.councils.set(f.la_code, (council = { count: 0, files: new Set(), rules: new Map() }));
    council.count++;
    council.files.add(f.file);
    let group = council.rules.get(f.rule);
    if (!group) council.rules.set(f.rule, (group = { count: 0, severity: f.severity, laName: null, listed: [] }));
    group.count++;
    if (group.laName === null && f.context?.la_name) group.laName = f.context.la_name;
    if (this.listed < this.limit) {
      group.listed.push(f);
      this.listed++;
    }
  }
}

/** The unknown findings' counts by rule and by column left blank (first seen first). */
class UnknownCounts {
  readonly byRule = new Map<string, number>();
  readonly byColumn = new Map<string, number>();

  add(f: Finding): void {
    this.byRule.set(f.rule, (this.byRule.get(f.rule) ?? 0) + 1);
    const missing = (f.details as Record<string, unknown>)['missing'];
    if (!Array.isArray(missing)) return;
    const seen = new Set<string>();
    for (const m of missing as unknown[]) {
      const col = String(m);
      if (seen.has(col)) continue;
      seen.add(col);
      this.byColumn.set(col, (this.byColumn.get(col) ?? 0) + 1);
    }
  }
}

/** The three sections' tallies, fed a finding at a time. */
export class FindingSections {
  readonly breach: StatusGroups;
  readonly exempted: StatusGroups;
  readonly unknown: StatusGroups;
  readonly unknownCounts = new UnknownCounts();
  private readonly byStatus: Record<FindingStatus, StatusGroups>;

  constructor(verbose: boolean, limit = TABLE_FINDINGS_SHOWN) {
    this.breach = new StatusGroups(limit);
    this.exempted = new StatusGroups(limit);
    // unknowns are listed only with --verbose: without it none is kept
    this.unknown = new StatusGroups(verbose ? limit : 0);
    this.byStatus = { breach: this.breach, exempted: this.exempted, unknown: this.unknown };
  }

  add(f: Finding): void {
    this.byStatus[f.status].add(f);
    if (f.status === 'unknown') this.unknownCounts.add(f);
  }
}

export function heading(ctx: Pick<SectionContext, 'c'>, text: string): string {
  return ctx.c.bold.underline(text);
}

function ruleLabel(ctx: SectionContext, ruleId: string): string {
  const rule = ctx.rulesById.get(ruleId);
  return rule?.title ? `${s(ruleId)} ${s(rule.title)}` : s(ruleId);
}

function byRuleOrder(ctx: SectionContext): (a: string, b: string) => number {
  const order = (id: string): number => ctx.ruleOrder.get(id) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The note under a section's heading when some of its findings are not listed. */
function notListedNote(ctx: SectionContext, groups: StatusGroups, what: string): string[] {
  const rest = groups.count - groups.listed;
  if (rest <= 0) return [];
  return [ctx.c.dim(`  The first ${groups.listed} ${what} in the order read are listed; the other ${rest} are counted under their council and rule. Every one is in the CSV report of the same run (--write csv=findings.csv).`)];
}

/**
 * Council heading, rule headings and one line per listed finding, then how many of the
 * rule's are not listed. Lines show `line N` when all of a council's findings come from
 * one file (named in the council heading), else `file:N`.
 */
function renderGroups(ctx: SectionContext, groups: StatusGroups, extra: (f: Finding) => string[]): string[] {
  const { c } = ctx;
  const lines: string[] = [];
  const order = byRuleOrder(ctx);
  for (const [la, council] of groups.councils) {
    const rules = [...council.rules.keys()].sort(order);
    const oneFile = council.files.size === 1 ? [...council.files][0]! : null;
    const from = oneFile !== null ? `  (${s(oneFile)})` : '';
    let exportName: string | null = null;
    for (const rule of rules) exportName ??= council.rules.get(rule)!.laName;
    const name = ctx.ruleset.region.las.get(la.toUpperCase()) ?? exportName;
    const label = name ? `${s(la)} ${s(name)}` : s(la);
    lines.push(`  ${c.bold(label)} — ${plural(council.count, 'finding')}${c.dim(from)}`);
    for (const rule of rules) {
      const group = council.rules.get(rule)!;
      const severity = ctx.rulesById.get(rule)?.severity ?? group.severity;
      const sev = severity === 'warning' ? c.yellow('[warning]') : c.red('[error]');
      lines.push(`    ${c.bold(ruleLabel(ctx, rule))} ${sev} — ${group.count}`);
      for (const f of group.listed) {
        const where = oneFile !== null ? `line ${f.line}` : `${s(f.file)}:${f.line}`;
        const swe = f.swe_number === '' ? 'no SWE number' : `SWE ${s(f.swe_number)}`;
        const worker = ctx.names && f.context?.worker_name ? `, ${s(f.context.worker_name)}` : '';
        const isNew = f.baseline === 'new' ? `${c.magenta('NEW')} ` : '';
        lines.push(`      ${isNew}${where}, ${s(rowName(f))}, ${swe}${worker}: ${s(f.message)}`);
        for (const note of extra(f)) lines.push(`        ${note}`);
      }
      const rest = group.count - group.listed.length;
      if (rest > 0) lines.push(c.dim(`      … and ${rest} more, not listed`));
    }
  }
  return lines;
}

function notApplied(details: Record<string, unknown>): Array<{ id: string; reason: string }> {
  const list = details['exemption_not_applied'];
  if (!Array.isArray(list)) return [];
  const out: Array<{ id: string; reason: string }> = [];
  for (const item of list as unknown[]) {
    if (item && typeof item === 'object') {
      const { id, reason } = item as { id?: unknown; reason?: unknown };
      out.push({ id: String(id ?? '?'), reason: String(reason ?? '') });
    }
  }
  return out;
}

/** The breach section; `none` is what to say when there is no breach. */
export function breachSection(ctx: SectionContext, sections: FindingSections, none: () => string): string[] {
  const { c } = ctx;
  const groups = sections.breach;
  if (groups.count === 0) return [heading(ctx, 'Breaches'), `  ${none()}`];
  const lines = [heading(ctx, `Breaches (${groups.count})`), ...notListedNote(ctx, groups, 'breaches')];
  for (const line of renderGroups(ctx, groups, (f) =>
    notApplied(f.details).map(({ id, reason }) => {
      const why = NOT_COVERED_WORDS[reason] ?? s(reason);
      return c.yellow(`cited exemption ${s(id)} did not cover it: ${why}`);
    }),
  )) lines.push(line);
  return lines;
}

export function exemptedSection(ctx: SectionContext, sections: FindingSections): string[] {
  const { c } = ctx;
  const groups = sections.exempted;
  if (groups.count === 0) return [heading(ctx, 'Exempted'), '  None.'];
  return [
    heading(ctx, `Exempted (${groups.count}) — breaches covered by an exemption`),
    ...notListedNote(ctx, groups, 'exempted findings'),
    ...renderGroups(ctx, groups, (f) => [c.cyan(`covered by exemption ${s(f.exemption ?? '?')}`)]),
  ];
}

export function unknownSection(ctx: SectionContext, sections: FindingSections): string[] {
  const { c } = ctx;
  const groups = sections.unknown;
  if (groups.count === 0) return [heading(ctx, 'Unknown'), '  None.'];
  const lines = [heading(ctx, `Unknown (${groups.count}) — could not be checked because a value is not recorded`)];
  const { byRule, byColumn } = sections.unknownCounts;
  const ruleIndex = (id: string): number => ctx.ruleOrder.get(id) ?? Number.MAX_SAFE_INTEGER;
  lines.push('  By rule:');
  for (const [rule, n] of [...byRule].sort((a, b) => ruleIndex(a[0]) - ruleIndex(b[0]))) {
    lines.push(`    ${ruleLabel(ctx, rule)}: ${n}`);
  }
  if (byColumn.size > 0) {
    lines.push('  By column left blank:');
    for (const [col, n] of [...byColumn].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
      lines.push(`    ${s(col)}: ${n}`);
    }
  }
  if (ctx.verbose) {
    for (const line of notListedNote(ctx, groups, 'unknown findings')) lines.push(line);
    for (const line of renderGroups(ctx, groups, () => [])) lines.push(line);
  } else {
    lines.push(c.dim('  (run with --verbose to list each one)'));
  }
  return lines;
}

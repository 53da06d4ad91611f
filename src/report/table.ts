// The default human report (`--format table`): what an HR lead reads in a terminal.
// Plain English, grouped by council and rule; no worker names (the report has none).
//
// Every piece of text that comes from an input file or the ruleset (file names, ids,
// council names, messages quoting raw cells, …) goes through sanitizeText before it is
// coloured, so a crafted cell cannot move the cursor or rewrite the screen. Colour
// comes from a private Chalk instance, never the global one: output depends on
// options.color only, not on the terminal it happens to run in.
import { Chalk, type ChalkInstance } from 'chalk';
import { periodSentence } from '../period.js';
import type { DataIssue, Finding, Report, AnyRule, Ruleset } from '../types.js';
import { sanitizeText as s } from '../text.js';
import { cellWidth, DEFAULT_COLUMNS, wrapCells } from '../width.js';
import { estimateMonthlySpend } from './regional.js';
import { allRulesOf, append, plural, rowName, spendText } from './shared.js';
import { exemptionSection } from './table-exemptions.js';
import { regionalSection } from './table-regional.js';

export interface TableOptions {
  ruleset: Ruleset;
  color: boolean;
  /** list every unknown finding, not just the counts */
  verbose?: boolean;
  /**
   * Show worker names (--names). Only then, and only where a finding's
   * context.worker_name is filled in, does a name appear; by default none does.
   */
  names?: boolean;
  /** the terminal's width in cells: the tables are fitted to it (80 when not given) */
  columns?: number;
  /**
   * break every longer line at spaces to fit `columns` (a terminal, which would
   * otherwise break it anywhere); off for a file or a pipe, where one finding stays one
   * line for grep
   */
  wrap?: boolean;
}

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

const ILLUSTRATIVE_WARNING = 'this ruleset is illustrative: its figures are examples, not adopted caps';

interface Ctx {
  report: Report;
  ruleset: Ruleset;
  c: ChalkInstance;
  verbose: boolean;
  names: boolean;
  ruleOrder: Map<string, number>;
  rulesById: Map<string, AnyRule>;
}

export function formatTable(report: Report, options: TableOptions): string {
  const { ruleset } = options;
  const ctx: Ctx = {
    report,
    ruleset,
    c: new Chalk({ level: options.color ? 1 : 0 }),
    verbose: options.verbose === true,
    names: options.names === true,
    ruleOrder: new Map(allRulesOf(ruleset).map((r, i) => [r.id, i])),
    rulesById: new Map(allRulesOf(ruleset).map((r) => [r.id, r])),
  };
  const columns = options.columns !== undefined && options.columns > 0 ? options.columns : DEFAULT_COLUMNS;
  const sections = [
    header(ctx),
    regionalSection(ctx.report, ctx.ruleset, ctx.c, columns),
    breachSection(ctx),
    exemptedSection(ctx),
    unknownSection(ctx),
    dataIssueSection(ctx),
    exemptionSection(ctx.report, ctx.ruleset, ctx.c, columns),
    totalsLine(ctx),
  ];
  // a section with nothing to say (the regional table of a one-council run) leaves no blank lines
  const text = sections.filter((lines) => lines.length > 0).map((lines) => lines.join('\n')).join('\n\n');
  return (options.wrap === true ? wrapLines(text, columns) : text) + '\n';
}

/** Table borders: a table line is never broken (the tables are fitted already). */
const BOX_RE = /[│┌└├]/;

/** Each line wider than `columns` broken at spaces, its continuation indented two more. */
function wrapLines(text: string, columns: number): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (cellWidth(line) <= columns || BOX_RE.test(line)) out.push(line);
    else append(out, wrapCells(line, columns, `${/^ */.exec(line)![0]}  `));
  }
  return out.join('\n');
}

/** Files that were named but not checked at all (unreadable, or required columns missing), with why. */
export function filesNotChecked(report: Report): Array<{ file: string; why: string }> {
  const out: Array<{ file: string; why: string }> = [];
  for (const d of report.data_issues) {
    if (d.line !== null || (d.code !== 'missing_column' && d.code !== 'unreadable_file')) continue;
    if (!out.some((x) => x.file === d.file)) out.push({ file: d.file, why: d.message });
  }
  return out;
}

// ---------------------------------------------------------------- helpers

/** The council code and its name: the ruleset's region name first, else the export's la_name. */
function councilLabel(ctx: Ctx, laCode: string, findings: Finding[] = []): string {
  const name = ctx.ruleset.region.las.get(laCode.toUpperCase()) ?? findings.find((f) => f.context?.la_name)?.context.la_name;
  return name ? `${s(laCode)} ${s(name)}` : s(laCode);
}

function ruleLabel(ctx: Ctx, ruleId: string): string {
  const rule = ctx.rulesById.get(ruleId);
  return rule?.title ? `${s(ruleId)} ${s(rule.title)}` : s(ruleId);
}

function heading(ctx: Ctx, text: string): string {
  return ctx.c.bold.underline(text);
}

/** Findings grouped by council (first appearance) and then by rule (ruleset order). */
function groupFindings(ctx: Ctx, findings: Finding[]): Array<{ la: string; rules: Array<{ rule: string; findings: Finding[] }> }> {
  const byLa = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    let rules = byLa.get(f.la_code);
    if (!rules) byLa.set(f.la_code, (rules = new Map()));
    let list = rules.get(f.rule);
    if (!list) rules.set(f.rule, (list = []));
    list.push(f);
  }
  const order = (id: string): number => ctx.ruleOrder.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...byLa].map(([la, rules]) => ({
    la,
    rules: [...rules]
      .map(([rule, list]) => ({ rule, findings: list }))
      .sort((a, b) => order(a.rule) - order(b.rule) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)),
  }));
}

/**
 * Council heading, rule headings and one line per finding. Lines show `line N` when all
 * of a council's findings come from one file (named in the council heading), else `file:N`.
 */
function renderGroups(ctx: Ctx, findings: Finding[], extra: (f: Finding) => string[]): string[] {
  const { c } = ctx;
  const lines: string[] = [];
  for (const group of groupFindings(ctx, findings)) {
    const all = group.rules.flatMap((r) => r.findings);
    const files = [...new Set(all.map((f) => f.file))];
    const from = files.length === 1 ? `  (${s(files[0])})` : '';
    lines.push(`  ${c.bold(councilLabel(ctx, group.la, all))} — ${plural(all.length, 'finding')}${c.dim(from)}`);
    for (const { rule, findings: list } of group.rules) {
      const severity = ctx.rulesById.get(rule)?.severity ?? list[0]?.severity ?? 'error';
      const sev = severity === 'warning' ? c.yellow('[warning]') : c.red('[error]');
      lines.push(`    ${c.bold(ruleLabel(ctx, rule))} ${sev} — ${list.length}`);
      for (const f of list) {
        const where = files.length === 1 ? `line ${f.line}` : `${s(f.file)}:${f.line}`;
        const swe = f.swe_number === '' ? 'no SWE number' : `SWE ${s(f.swe_number)}`;
        const worker = ctx.names && f.context?.worker_name ? `, ${s(f.context.worker_name)}` : '';
        const isNew = f.baseline === 'new' ? `${c.magenta('NEW')} ` : '';
        lines.push(`      ${isNew}${where}, ${s(rowName(f))}, ${swe}${worker}: ${s(f.message)}`);
        for (const note of extra(f)) lines.push(`        ${note}`);
      }
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

function missingColumns(details: Record<string, unknown>): string[] {
  const missing = details['missing'];
  return Array.isArray(missing) ? (missing as unknown[]).map((m) => String(m)) : [];
}

// ---------------------------------------------------------------- sections

function header(ctx: Ctx): string[] {
  const { c, report, ruleset } = ctx;
  const rs = report.ruleset;
  const lines = [
    c.bold(`moc-check ${s(report.tool.version)} — Memorandum of Cooperation check`),
    `Ruleset: ${s(rs.id)} — ${s(ruleset.name)}, version ${s(rs.version)} (${s(rs.status)})`,
  ];
  if (rs.status === 'illustrative') {
    lines.push(c.yellow.bold(`WARNING: ${ILLUSTRATIVE_WARNING}. Do not treat breaches as final.`));
  }
  // a file not checked at all is said first: "No breaches" below does not cover it
  for (const { file, why } of filesNotChecked(report)) {
    lines.push(c.red.bold(`NOTHING WAS CHECKED in ${s(file)}: ${s(why)}`));
  }
  lines.push(`As of: ${s(report.as_of)}`);
  const period = periodSentence(report);
  if (period) lines.push(`Period: ${s(period)}`);
  if (report.inputs.length === 0) {
    lines.push('Files read: none');
  } else {
    lines.push('Files read:');
    for (const input of report.inputs) {
      const counts = input.kind !== 'leavers'
        ? `${plural(input.rows, 'row')}, ${input.checked ?? 0} checked${input.out_of_period === undefined ? '' : `, ${input.out_of_period} outside the period`}`
        : plural(input.rows, 'row');
      const kind = input.kind === 'assignments' ? 'assignments' : `${input.kind} register`;
      const sheet = typeof input.sheet === 'string' ? `, sheet "${s(input.sheet)}"` : '';
      lines.push(`  ${s(input.file)} (${kind}${sheet}): ${counts}`);
      if (input.sheets_hidden_before) lines.push(`    the sheet${input.sheets_hidden_before.length === 1 ? '' : 's'} before it ${input.sheets_hidden_before.length === 1 ? 'is' : 'are'} hidden: ${input.sheets_hidden_before.map((n) => `"${s(n)}"`).join(', ')}`);
      for (const read of input.councils_read ?? []) lines.push(`    \`${s(read.value)}\` read as ${s(read.name)} (${s(read.la_code)})`);
    }
  }
  return lines;
}

function breachSection(ctx: Ctx): string[] {
  const { c } = ctx;
  const breaches = ctx.report.findings.filter((f) => f.status === 'breach');
  if (breaches.length === 0) {
    const skipped = filesNotChecked(ctx.report).length;
    const none = ctx.report.summary.checked === 0
      ? c.yellow('No breaches, but no assignment was checked.')
      : skipped > 0
        ? c.yellow(`No breaches in the files checked; ${plural(skipped, 'file was', 'files were')} not checked at all (see the top).`)
        : c.green('No breaches.');
    return [heading(ctx, 'Breaches'), `  ${none}`];
  }
  const lines = [heading(ctx, `Breaches (${breaches.length})`)];
  append(
    lines,
    renderGroups(ctx, breaches, (f) =>
      notApplied(f.details).map(({ id, reason }) => {
        const why = NOT_COVERED_WORDS[reason] ?? s(reason);
        return c.yellow(`cited exemption ${s(id)} did not cover it: ${why}`);
      }),
    ),
  );
  return lines;
}

function exemptedSection(ctx: Ctx): string[] {
  const { c } = ctx;
  const exempted = ctx.report.findings.filter((f) => f.status === 'exempted');
  if (exempted.length === 0) return [heading(ctx, 'Exempted'), '  None.'];
  return [
    heading(ctx, `Exempted (${exempted.length}) — breaches covered by an exemption`),
    ...renderGroups(ctx, exempted, (f) => [c.cyan(`covered by exemption ${s(f.exemption ?? '?')}`)]),
  ];
}

function unknownSection(ctx: Ctx): string[] {
  const { c } = ctx;
  const unknown = ctx.report.findings.filter((f) => f.status === 'unknown');
  if (unknown.length === 0) return [heading(ctx, 'Unknown'), '  None.'];
  const lines = [heading(ctx, `Unknown (${unknown.length}) — could not be checked because a value is not recorded`)];

  const byRule = new Map<string, number>();
  const byColumn = new Map<string, number>();
  for (const f of unknown) {
    byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    for (const col of new Set(missingColumns(f.details))) byColumn.set(col, (byColumn.get(col) ?? 0) + 1);
  }
  const order = (id: string): number => ctx.ruleOrder.get(id) ?? Number.MAX_SAFE_INTEGER;
  lines.push('  By rule:');
  for (const [rule, n] of [...byRule].sort((a, b) => order(a[0]) - order(b[0]))) {
    lines.push(`    ${ruleLabel(ctx, rule)}: ${n}`);
  }
  if (byColumn.size > 0) {
    lines.push('  By column left blank:');
    for (const [col, n] of [...byColumn].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
      lines.push(`    ${s(col)}: ${n}`);
    }
  }
  if (ctx.verbose) {
    append(lines, renderGroups(ctx, unknown, () => []));
  } else {
    lines.push(c.dim('  (run with --verbose to list each one)'));
  }
  return lines;
}

function issueLocation(issue: DataIssue): string {
  let where = s(issue.file);
  if (issue.line !== null) where += `:${issue.line}`;
  if (issue.column !== null) where += `:${s(issue.column)}`;
  return where;
}

/** Data issues listed without --verbose; the rest are counted by code. */
const DATA_ISSUES_SHOWN = 100;

function dataIssueSection(ctx: Ctx): string[] {
  const { c } = ctx;
  const issues = ctx.report.data_issues;
  if (issues.length === 0) return [heading(ctx, 'Data issues'), '  None.'];
  const errors = issues.filter((i) => i.severity === 'error').length;
  const lines = [heading(ctx, `Data issues (${plural(errors, 'error')}, ${plural(issues.length - errors, 'warning')})`)];
  // A badly exported file can hold thousands: list the first ones, count the rest by code.
  const shown = ctx.verbose ? issues : issues.slice(0, DATA_ISSUES_SHOWN);
  for (const issue of shown) {
    const label = issue.severity === 'error' ? c.red.bold('ERROR  ') : c.yellow('WARNING');
    lines.push(`  ${label} ${issueLocation(issue)} ${c.dim(`[${s(issue.code)}]`)} ${s(issue.message)}`);
  }
  if (shown.length < issues.length) {
    const rest = new Map<string, number>();
    for (const issue of issues.slice(shown.length)) rest.set(issue.code, (rest.get(issue.code) ?? 0) + 1);
    const counts = [...rest].map(([code, n]) => `${n} ${code}`).join(', ');
    lines.push(`  … and ${plural(issues.length - shown.length, 'more issue')} (${counts}); run with --verbose to list them all, or keep them with --write json=report.json`);
  }
  return lines;
}

function totalsLine(ctx: Ctx): string[] {
  const t = ctx.report.summary;
  const { c } = ctx;
  const breaches = t.breaches > 0 ? c.red.bold(`breaches ${t.breaches}`) : `breaches ${t.breaches}`;
  const errors = t.data_errors > 0 ? c.red(`data errors ${t.data_errors}`) : `data errors ${t.data_errors}`;
  const warnings = t.data_warnings > 0 ? c.yellow(`data warnings ${t.data_warnings}`) : `data warnings ${t.data_warnings}`;
  const lines: string[] = [];
  // shown for every run, one council or many (the regional table has it per council)
  const spend = estimateMonthlySpend(ctx.report.findings);
  if (spend.breaches > 0) {
    lines.push(`${c.bold('Estimated monthly spend above the caps:')} ${spendText(spend)}, (rate − cap) × hours × 52 / 12 over ${plural(spend.priced, 'priced pay-cap breach', 'priced pay-cap breaches')}`);
  }
  lines.push(`${c.bold('Totals:')} rows ${t.rows}, checked ${t.checked}, ${breaches}, exempted ${t.exempted}, unknown ${t.unknown}, ${errors}, ${warnings}`);
  return lines;
}

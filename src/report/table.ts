// The default human report (`--format table`): what an HR lead reads in a terminal.
// Plain English, grouped by council and rule; no worker names (the report has none).
//
// Every piece of text that comes from an input file or the ruleset (file names, ids,
// council names, messages quoting raw cells, …) goes through sanitizeText before it is
// coloured, so a crafted cell cannot move the cursor or rewrite the screen. Colour
// comes from a private Chalk instance, never the global one: output depends on
// options.color only, not on the terminal it happens to run in.
import { Chalk } from 'chalk';
import { periodSentence } from '../period.js';
import type { DataIssue, Report, Ruleset } from '../types.js';
import { sanitizeText as s } from '../text.js';
import { cellWidth, DEFAULT_COLUMNS, wrapCells } from '../width.js';
import { inChunks, joinChunks } from './chunks.js';
import { RegionalTally, type RegionalTable, type SpendEstimate } from './regional.js';
import { allRulesOf, append, plural, spendText } from './shared.js';
import { exemptionSection } from './table-exemptions.js';
import { breachSection, exemptedSection, FindingSections, heading, unknownSection, type SectionContext } from './table-findings.js';
import { regionalSection } from './table-regional.js';
import type { FormatOptions } from './types.js';

export { TABLE_FINDINGS_SHOWN } from './table-findings.js';

export interface TableOptions {
  ruleset: Ruleset;
  color: boolean;
  /** list the unknown findings (the first TABLE_FINDINGS_SHOWN), not just the counts, and every data issue */
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

const ILLUSTRATIVE_WARNING = 'this ruleset is illustrative: its figures are examples, not adopted caps';

interface Ctx extends SectionContext {
  report: Report;
  /** files named but not checked at all, found once (the header and "No breaches" both say it) */
  notChecked: Array<{ file: string; why: string }>;
}

/** What the sections need from the findings, gathered in one walk (they may be millions, read from disk). */
interface Walk {
  regional: RegionalTable;
  sections: FindingSections;
}

function walkFindings(ctx: Ctx): Walk {
  const regional = new RegionalTally(ctx.report, ctx.ruleset);
  const sections = new FindingSections(ctx.verbose);
  for (const f of ctx.report.findings) {
    regional.add(f);
    sections.add(f);
  }
  return { regional: regional.table(), sections };
}

/**
 * The report as pieces, a line at a time: the findings are walked once for every
 * count, and only the first findings of each section are listed (table-findings.ts),
 * so its memory is bounded whatever the run.
 */
function* tablePieces(report: Report, options: TableOptions | FormatOptions): Generator<string> {
  const { ruleset } = options;
  const ctx: Ctx = {
    report,
    ruleset,
    c: new Chalk({ level: options.color ? 1 : 0 }),
    verbose: options.verbose === true,
    names: options.names === true,
    ruleOrder: new Map(allRulesOf(ruleset).map((r, i) => [r.id, i])),
    rulesById: new Map(allRulesOf(ruleset).map((r) => [r.id, r])),
    notChecked: filesNotChecked(report),
  };
  const columns = options.columns !== undefined && options.columns > 0 ? options.columns : DEFAULT_COLUMNS;
  const wrap = options.wrap === true;
  const walk = walkFindings(ctx);
  const sections: Array<() => Iterable<string>> = [
    () => header(ctx),
    () => regionalSection(walk.regional, ctx.ruleset, ctx.c, columns),
    () => breachSection(ctx, walk.sections, () => noBreaches(ctx)),
    () => exemptedSection(ctx, walk.sections),
    () => unknownSection(ctx, walk.sections),
    () => dataIssueSection(ctx),
    () => exemptionSection(ctx.report, ctx.ruleset, ctx.c, columns),
    () => totalsLine(ctx, walk.regional.totals.spend),
  ];
  // a section with nothing to say (the regional table of a one-council run) leaves no blank lines
  let first = true;
  for (const section of sections) {
    let started = false;
    for (const line of section()) {
      yield (started ? '\n' : first ? '' : '\n\n') + (wrap ? wrapLines(line, columns) : line);
      started = true;
    }
    if (started) first = false;
  }
  yield '\n';
}

export function tableChunks(report: Report, options: TableOptions | FormatOptions): Iterable<string> {
  return inChunks(tablePieces(report, options));
}

export function formatTable(report: Report, options: TableOptions | FormatOptions): string {
  return joinChunks(tableChunks(report, options));
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
function filesNotChecked(report: Report): Array<{ file: string; why: string }> {
  const byFile = new Map<string, string>();
  for (const d of report.data_issues) {
    if (d.line !== null || (d.code !== 'missing_column' && d.code !== 'unreadable_file')) continue;
    if (!byFile.has(d.file)) byFile.set(d.file, d.message);
  }
  return [...byFile].map(([file, why]) => ({ file, why }));
}

// ---------------------------------------------------------------- helpers

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
  for (const { file, why } of ctx.notChecked) {
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

/** What the breach section says when there is none. */
function noBreaches(ctx: Ctx): string {
  const { c } = ctx;
  const skipped = ctx.notChecked.length;
  return ctx.report.summary.checked === 0
    ? c.yellow('No breaches, but no assignment was checked.')
    : skipped > 0
      ? c.yellow(`No breaches in the files checked; ${plural(skipped, 'file was', 'files were')} not checked at all (see the top).`)
      : c.green('No breaches.');
}

function issueLocation(issue: DataIssue): string {
  let where = s(issue.file);
  if (issue.line !== null) where += `:${issue.line}`;
  if (issue.column !== null) where += `:${s(issue.column)}`;
  return where;
}

/** Data issues listed without --verbose; the rest are counted by code. */
const DATA_ISSUES_SHOWN = 100;

/**
 * The data issues, a line at a time: a badly exported file can hold millions, so the
 * heading's counts are the summary's, the first DATA_ISSUES_SHOWN (every one with
 * --verbose) are listed and the rest counted by code, in one walk; none is held.
 */
function* dataIssueSection(ctx: Ctx): Generator<string> {
  const { c } = ctx;
  const issues = ctx.report.data_issues;
  if (issues.length === 0) {
    yield* [heading(ctx, 'Data issues'), '  None.'];
    return;
  }
  const { data_errors: errors, data_warnings: warnings } = ctx.report.summary;
  yield heading(ctx, `Data issues (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`);
  const shownCount = ctx.verbose ? issues.length : Math.min(issues.length, DATA_ISSUES_SHOWN);
  let index = 0;
  const rest = new Map<string, number>();
  for (const issue of issues) {
    if (index++ >= shownCount) {
      rest.set(issue.code, (rest.get(issue.code) ?? 0) + 1);
      continue;
    }
    const label = issue.severity === 'error' ? c.red.bold('ERROR  ') : c.yellow('WARNING');
    yield `  ${label} ${issueLocation(issue)} ${c.dim(`[${s(issue.code)}]`)} ${s(issue.message)}`;
  }
  if (shownCount < issues.length) {
    const counts = [...rest].map(([code, n]) => `${n} ${code}`).join(', ');
    yield `  … and ${plural(issues.length - shownCount, 'more issue')} (${counts}); run with --verbose to list them all, or keep them with --write json=report.json`;
  }
}

function totalsLine(ctx: Ctx, spend: SpendEstimate): string[] {
  const t = ctx.report.summary;
  const { c } = ctx;
  const breaches = t.breaches > 0 ? c.red.bold(`breaches ${t.breaches}`) : `breaches ${t.breaches}`;
  const errors = t.data_errors > 0 ? c.red(`data errors ${t.data_errors}`) : `data errors ${t.data_errors}`;
  const warnings = t.data_warnings > 0 ? c.yellow(`data warnings ${t.data_warnings}`) : `data warnings ${t.data_warnings}`;
  const lines: string[] = [];
  // shown for every run, one council or many (the regional table has it per council)
  if (spend.breaches > 0) {
    lines.push(`${c.bold('Estimated monthly spend above the caps:')} ${spendText(spend)}, (rate − cap) × hours × 52 / 12 over ${plural(spend.priced, 'priced pay-cap breach', 'priced pay-cap breaches')}`);
  }
  lines.push(`${c.bold('Totals:')} rows ${t.rows}, checked ${t.checked}, ${breaches}, exempted ${t.exempted}, unknown ${t.unknown}, ${errors}, ${warnings}`);
  return lines;
}

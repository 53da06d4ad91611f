// `--format markdown` (issue 3): a report ready to paste into a board paper.
//
//   1. headline figures;
//   2. the regional breach table: one row per council, one column per rule holding
//      "breaches (exempted)", then unknowns, the share of checked assignments with no
//      breach and the estimated monthly spend above the pay caps, and a totals row;
//   3. the exemption summary (the JSON report's tallies plus the approvers);
//   4. breaches by agency;
//   5. the findings list.
//
// Every figure is derived from the report alone (the ruleset only supplies names,
// rule order and approvers), so the table's counts equal the JSON report's. Every cell
// built from input text goes through `mdCell`, which escapes what Markdown would
// interpret (`|`, backslash, emphasis, links, HTML) and turns line breaks into `<br>`,
// so a crafted cell can neither break the table nor inject a link. Worker names are
// shown only with `--names` (options.names); the report holds them only then anyway.
import { formatPounds, moneyFromNumber } from '../money.js';
import type { Exemption, Finding, Report, Ruleset } from '../types.js';
import type { FormatOptions } from './index.js';
import { sanitizeText } from './terminal.js';

/** Checked assignments per council: the core adds `report.councils` (additive extension). */
export interface CouncilCount {
  la_code: string;
  la_name: string | null;
  checked: number;
}

/** A report that may carry the per-council checked counts. */
export interface ReportWithCouncils extends Omit<Report, 'councils'> {
  councils?: CouncilCount[];
}

export interface MarkdownOptions {
  ruleset: Ruleset;
  /** show worker names (--names); without it no worker name is printed */
  names?: boolean;
  color?: boolean;
  verbose?: boolean;
}

// ---------------------------------------------------------------- escaping

/** Characters Markdown (CommonMark + GFM) would interpret inside a table cell or paragraph. */
const MD_SPECIAL_RE = /[\\|`*_[\]<>~]/g;
const LINE_BREAK_RE = /\r\n|\r|\n|\u2028|\u2029/g;

/**
 * Untrusted text made safe for one Markdown table cell (or a line of prose): backslash,
 * `|`, backquote, `*`, `_`, `[`, `]`, `<`, `>` and `~` are backslash-escaped (so no
 * table break, emphasis, link, code span or raw HTML), line breaks become `<br>`, and
 * any other control or bidi-override character becomes a visible placeholder (`\x1B`).
 */
export function mdCell(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  const escaped = text.replace(MD_SPECIAL_RE, (ch) => `\\${ch}`);
  return escaped
    .split(LINE_BREAK_RE)
    .map((part) => sanitizeText(part))
    .join('<br>');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function tableLines(head: string[], rows: string[][], align?: Array<'l' | 'r'>): string[] {
  const sep = head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [row(head), row(sep), ...rows.map(row)];
}

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
 * Exempted pay-cap findings are not breaches and are not counted.
 */
export function estimateMonthlySpend(findings: readonly Finding[]): SpendEstimate {
  let numerator = 0n; // pence × 10^-6 hours × 52
  const out: SpendEstimate = { pence: 0, breaches: 0, priced: 0, noHours: 0, noRate: 0 };
  for (const f of findings) {
    if (!isPayCapBreach(f)) continue;
    out.breaches++;
    const rate = penceOf(f.details?.['rate']);
    const cap = penceOf(f.details?.['cap']);
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

/** Rule ids in ruleset order, then any rule a finding names that the ruleset does not. */
export function ruleColumns(report: Pick<Report, 'findings'>, ruleset: Ruleset): string[] {
  const ids = ruleset.rules.map((r) => r.id);
  const seen = new Set(ids);
  for (const f of report.findings) {
    if (!seen.has(f.rule)) {
      seen.add(f.rule);
      ids.push(f.rule);
    }
  }
  return ids;
}

function assignmentKey(f: Finding): string {
  return `${f.la_code}\u001f${f.assignment_id}`;
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
      breached.add(assignmentKey(f));
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
export function buildRegionalTable(report: ReportWithCouncils, ruleset: Ruleset): RegionalTable {
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
  const totals = tallyRow('', 'Total', report.summary.checked, report.findings, ruleIds);
  return { ruleIds, rows, totals };
}

function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

function spendCell(spend: SpendEstimate): string {
  const notes: string[] = [];
  if (spend.noHours > 0) notes.push(`${spend.noHours} without hours`);
  if (spend.noRate > 0) notes.push(`${spend.noRate} without rate`);
  return notes.length > 0 ? `${formatPounds(spend.pence)} (${notes.join(', ')})` : formatPounds(spend.pence);
}

function regionalSection(report: ReportWithCouncils, ruleset: Ruleset): string[] {
  const table = buildRegionalTable(report, ruleset);
  const lines = ['## Regional breach table', ''];
  if (table.rows.length === 0) {
    lines.push('No council had an assignment checked.');
    return lines;
  }
  const head = ['Council', 'Code', ...table.ruleIds.map(mdCell), 'Unknown', 'No breach', 'Est. monthly spend above caps'];
  const align: Array<'l' | 'r'> = ['l', 'l', ...table.ruleIds.map(() => 'r' as const), 'r', 'r', 'r'];
  const cells = (r: RegionalRow, total: boolean): string[] => {
    const b = (text: string): string => (total ? `**${text}**` : text);
    return [
      b(mdCell(r.la_name)),
      mdCell(r.la_code),
      ...table.ruleIds.map((id) => {
        const c = r.rules.get(id) ?? { breaches: 0, exempted: 0 };
        return b(`${c.breaches} (${c.exempted})`);
      }),
      b(String(r.unknown)),
      b(percent(r.noBreachShare)),
      b(spendCell(r.spend)),
    ];
  };
  lines.push(...tableLines(head, [...table.rows.map((r) => cells(r, false)), cells(table.totals, true)], align));
  lines.push('');
  const t = table.totals.spend;
  const rulesById = new Map(ruleset.rules.map((r) => [r.id, r]));
  const legend = table.ruleIds.map((id) => {
    const rule = rulesById.get(id);
    const title = rule?.title ? ` ${mdCell(rule.title)}` : '';
    const sev = rule ? ` (${rule.severity})` : '';
    return `- **${mdCell(id)}**${title}${sev}`;
  });
  lines.push(
    'Each rule cell is *breaches (exempted)*. *No breach* is the share of checked assignments with no breach of any rule' +
      (Array.isArray(report.councils) ? '.' : '; per-council figures need per-council checked counts, which this report lacks.'),
    '',
    `Estimated monthly spend above caps: **${formatPounds(t.pence)}**, the sum over pay-cap breaches of (rate − cap) × hours per week × 52 / 12. ` +
      `${t.priced} of ${t.breaches} pay-cap ${t.breaches === 1 ? 'breach was' : 'breaches were'} priced; ` +
      `${t.noHours} had no hours recorded` +
      (t.noRate > 0 ? ` and ${t.noRate} no usable rate or cap` : '') +
      ' and are not included. Exempted pay-cap findings are not counted.',
    '',
    'Rules:',
    '',
    ...legend,
  );
  return lines;
}

// ---------------------------------------------------------------- other sections

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function headline(report: ReportWithCouncils, ruleset: Ruleset): string[] {
  const s = report.summary;
  const rs = report.ruleset;
  const councils = Array.isArray(report.councils)
    ? new Set(report.councils.map((c) => c.la_code)).size
    : new Set(report.findings.map((f) => f.la_code)).size;
  const lines = [
    `# Memorandum of Cooperation check: ${mdCell(ruleset.region.name ?? ruleset.name)}`,
    '',
    `Ruleset **${mdCell(rs.id)}** (${mdCell(ruleset.name)}), version ${mdCell(rs.version)}, ${mdCell(rs.status)}; as of **${mdCell(report.as_of)}**.`,
  ];
  if (rs.status === 'illustrative') {
    lines.push('', '> **Warning:** this ruleset is illustrative: figures are not adopted caps. Do not treat breaches as final.');
  }
  lines.push(
    '',
    ...tableLines(
      ['Councils', 'Assignments checked', 'Breaches', 'Exempted', 'Unknown', 'Data errors'],
      [[String(councils), String(s.checked), String(s.breaches), String(s.exempted), String(s.unknown), String(s.data_errors)]],
      ['r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  if (!Array.isArray(report.councils)) lines.push('', 'Councils counted are those with at least one finding.');
  return lines;
}

function exemptionSection(report: ReportWithCouncils, ruleset: Ruleset): string[] {
  const lines = ['## Exemptions', ''];
  if (report.exemptions.length === 0) {
    lines.push('The ruleset defines no exemptions.');
    return lines;
  }
  const defs = new Map<string, Exemption>();
  for (const ex of ruleset.exemptions) defs.set(ex.id.toLowerCase(), ex);
  const rows = report.exemptions.map((t) => {
    const ex = defs.get(t.id.toLowerCase());
    const notes: string[] = [];
    if (t.applied === 0) notes.push('unused');
    if (t.cited_not_covering > 0) notes.push(`${t.cited_not_covering} cited, not covering`);
    return [
      mdCell(t.id),
      mdCell(t.status),
      ex ? (ex.las ? ex.las.map(mdCell).join(', ') : 'all') : '?',
      ex ? ex.rules.map(mdCell).join(', ') : '?',
      ex ? `${mdCell(ex.from)} – ${mdCell(ex.to)}` : '?',
      String(t.applied),
      String(t.cited),
      String(t.cited_not_covering),
      ex ? ex.approved_by.map(mdCell).join(', ') || '–' : '?',
      ex?.approved_on ? mdCell(ex.approved_on) : '–',
      notes.join('; '),
    ];
  });
  lines.push(
    ...tableLines(
      ['Exemption', 'Status', 'Councils', 'Rules', 'Window', 'Applied', 'Cited', 'Cited, not covering', 'Approved by', 'Approved on', 'Note'],
      rows,
      ['l', 'l', 'l', 'l', 'l', 'r', 'r', 'r', 'l', 'l', 'l'],
    ),
  );
  return lines;
}

const NOT_RECORDED = '(not recorded)';

function agencySection(report: ReportWithCouncils): string[] {
  const lines = ['## Breaches by agency', ''];
  const breaches = report.findings.filter((f) => f.status === 'breach');
  if (breaches.length === 0) {
    lines.push('No breaches.');
    return lines;
  }
  const byAgency = new Map<string, { breaches: number; assignments: Set<string>; councils: Set<string>; rules: Map<string, number> }>();
  for (const f of breaches) {
    const agency = f.context?.agency ?? NOT_RECORDED;
    let a = byAgency.get(agency);
    if (!a) byAgency.set(agency, (a = { breaches: 0, assignments: new Set(), councils: new Set(), rules: new Map() }));
    a.breaches++;
    a.assignments.add(assignmentKey(f));
    a.councils.add(f.la_code);
    a.rules.set(f.rule, (a.rules.get(f.rule) ?? 0) + 1);
  }
  const rows = [...byAgency]
    .sort((x, y) => y[1].breaches - x[1].breaches || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([agency, a]) => [
      agency === NOT_RECORDED ? `*${NOT_RECORDED}*` : mdCell(agency),
      String(a.breaches),
      `${((a.breaches / breaches.length) * 100).toFixed(1)}%`,
      String(a.assignments.size),
      String(a.councils.size),
      [...a.rules].map(([rule, n]) => `${mdCell(rule)} ${n}`).join(', '),
    ]);
  lines.push(...tableLines(['Agency', 'Breaches', 'Share of breaches', 'Assignments', 'Councils', 'By rule'], rows, ['l', 'r', 'r', 'r', 'r', 'l']));
  return lines;
}

const STATUS_ORDER = { breach: 0, exempted: 1, unknown: 2 } as const;

function findingsSection(report: ReportWithCouncils, ruleset: Ruleset, names: boolean): string[] {
  const lines = ['## Findings', ''];
  if (report.findings.length === 0) {
    lines.push('No findings.');
    return lines;
  }
  const roleLabels = new Map(ruleset.roles.map((r) => [r.key, r.label]));
  const sorted = report.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => STATUS_ORDER[a.f.status] - STATUS_ORDER[b.f.status] || a.i - b.i)
    .map((x) => x.f);
  const head = ['Status', 'Rule', 'Severity', 'Council', 'Assignment', 'SWE number'];
  if (names) head.push('Worker');
  head.push('Role', 'Agency', 'Team', 'Where', 'Detail', 'Exemption', 'Id');
  const rows = sorted.map((f) => {
    const council = ruleset.region.las.get(f.la_code.toUpperCase()) ?? f.context?.la_name ?? f.la_code;
    const role = f.context?.role ? (roleLabels.get(f.context.role) ?? f.context.role) : '';
    const cells = [
      f.status,
      mdCell(f.rule),
      f.severity,
      mdCell(council),
      mdCell(f.assignment_id),
      mdCell(f.swe_number),
    ];
    if (names) cells.push(mdCell(f.context?.worker_name ?? ''));
    cells.push(
      mdCell(role),
      mdCell(f.context?.agency ?? ''),
      mdCell(f.context?.team ?? ''),
      `${mdCell(f.file)}:${f.line}`,
      mdCell(f.message),
      mdCell(f.exemption ?? ''),
      mdCell(f.id),
    );
    return cells;
  });
  lines.push(`${plural(report.findings.length, 'finding')}: breaches first, then exempted, then unknown.`, '', ...tableLines(head, rows));
  return lines;
}

function dataIssueSection(report: ReportWithCouncils): string[] {
  const lines = ['## Data issues', ''];
  if (report.data_issues.length === 0) {
    lines.push('None.');
    return lines;
  }
  const byCode = new Map<string, { severity: string; count: number; files: Set<string> }>();
  for (const d of report.data_issues) {
    const key = `${d.severity}\u001f${d.code}`;
    let e = byCode.get(key);
    if (!e) byCode.set(key, (e = { severity: d.severity, count: 0, files: new Set() }));
    e.count++;
    e.files.add(d.file);
  }
  const rows = [...byCode].map(([key, e]) => [e.severity, mdCell(key.split('\u001f')[1]), String(e.count), [...e.files].map(mdCell).join(', ')]);
  lines.push(
    `${plural(report.summary.data_errors, 'error')}, ${plural(report.summary.data_warnings, 'warning')}; rows with data errors may not have been checked (see the JSON report for each one).`,
    '',
    ...tableLines(['Severity', 'Issue', 'Count', 'Files'], rows, ['l', 'l', 'r', 'l']),
  );
  return lines;
}

export function formatMarkdown(report: Report, options: FormatOptions | MarkdownOptions): string {
  const r = report as ReportWithCouncils;
  const { ruleset } = options;
  const names = options.names === true;
  const sections = [
    headline(r, ruleset),
    regionalSection(r, ruleset),
    exemptionSection(r, ruleset),
    agencySection(r),
    findingsSection(r, ruleset, names),
    dataIssueSection(r),
    [`*Generated by moc-check ${mdCell(report.tool.version)}; ruleset sha256 ${mdCell(report.ruleset.sha256)}.*`],
  ];
  return sections.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}

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
// so a crafted cell can neither break the table nor inject a link (markdown-text.ts). Worker names are
// shown only with `--names` (options.names); the report holds them only then anyway.
import { periodSentence } from '../period.js';
import { formatPounds } from '../money.js';
import type { Finding, Report, Ruleset } from '../types.js';
import { mdCell, mdTable as tableLines, type Align } from './markdown-text.js';
import { assignmentKey, buildRegionalTable, type RegionalRow } from './regional.js';
import { allRulesOf, append, byStatus, exemptionIndex, groupDataIssues, percent, plural, spendText, STARTER_ROW } from './shared.js';
import type { FormatOptions } from './types.js';

export interface MarkdownOptions {
  ruleset: Ruleset;
  /** show worker names (--names); without it no worker name is printed */
  names?: boolean;
  color?: boolean;
  verbose?: boolean;
}

function regionalSection(report: Report, ruleset: Ruleset): string[] {
  const table = buildRegionalTable(report, ruleset);
  const lines = ['## Regional breach table', ''];
  if (table.rows.length === 0) {
    lines.push('No council had an assignment checked.');
    return lines;
  }
  const head = ['Council', 'Code', ...table.ruleIds.map(mdCell), 'Unknown', 'No breach', 'Est. monthly spend above caps'];
  const align: Align[] = ['l', 'l', ...table.ruleIds.map(() => 'r' as const), 'r', 'r', 'r'];
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
      b(spendText(r.spend)),
    ];
  };
  append(lines, tableLines(head, [...table.rows.map((r) => cells(r, false)), cells(table.totals, true)], align));
  lines.push('');
  const t = table.totals.spend;
  const rulesById = new Map(allRulesOf(ruleset).map((r) => [r.id, r]));
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
  );
  append(lines, legend);
  return lines;
}

// ---------------------------------------------------------------- other sections

function headline(report: Report, ruleset: Ruleset): string[] {
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
  const period = periodSentence(report);
  if (period) lines.push('', `Period: ${mdCell(period)}.`);
  if (rs.status === 'illustrative') {
    lines.push('', '> **Warning:** this ruleset is illustrative: figures are not adopted caps. Do not treat breaches as final.');
  }
  lines.push('');
  append(
    lines,
    tableLines(
      // starters rows count in summary.checked too (report.md)
      ['Councils', report.inputs.some((i) => i.kind === 'starters') ? 'Rows checked' : 'Assignments checked', 'Breaches', 'Exempted', 'Unknown', 'Data errors'],
      [[String(councils), String(s.checked), String(s.breaches), String(s.exempted), String(s.unknown), String(s.data_errors)]],
      ['r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  if (!Array.isArray(report.councils)) lines.push('', 'Councils counted are those with at least one finding.');
  return lines;
}

function exemptionSection(report: Report, ruleset: Ruleset): string[] {
  const lines = ['## Exemptions', ''];
  if (report.exemptions.length === 0) {
    lines.push('The ruleset defines no exemptions.');
    return lines;
  }
  const exemption = exemptionIndex(ruleset);
  const rows = report.exemptions.map((t) => {
    const ex = exemption(t.id);
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
  append(
    lines,
    tableLines(
      ['Exemption', 'Status', 'Councils', 'Rules', 'Window', 'Applied', 'Cited', 'Cited, not covering', 'Approved by', 'Approved on', 'Note'],
      rows,
      ['l', 'l', 'l', 'l', 'l', 'r', 'r', 'r', 'l', 'l', 'l'],
    ),
  );
  return lines;
}

const NOT_RECORDED = '(not recorded)';

function agencySection(report: Report): string[] {
  const lines = ['## Breaches by agency', ''];
  // a permanent starter (head_hunting) is no agency's
  const breaches = report.findings.filter((f) => f.status === 'breach' && f.assignment_id !== null);
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
  append(lines, tableLines(['Agency', 'Breaches', 'Share of breaches', 'Assignments', 'Councils', 'By rule'], rows, ['l', 'r', 'r', 'r', 'r', 'l']));
  return lines;
}

/** The status, with a breach known in the baseline (--baseline) shown apart from a new one. */
function baselineMark(f: Finding): string {
  if (f.status !== 'breach' || f.baseline === undefined) return f.status;
  return f.baseline === 'known' ? 'breach (known in baseline)' : '**breach (new)**';
}

/** Findings listed in the paper; a longer list belongs in the CSV report. */
export const MARKDOWN_FINDINGS_SHOWN = 1_000;

function findingsSection(report: Report, ruleset: Ruleset, names: boolean): string[] {
  const lines = ['## Findings', ''];
  if (report.findings.length === 0) {
    lines.push('No findings.');
    return lines;
  }
  const roleLabels = new Map(ruleset.roles.map((r) => [r.key, r.label]));
  const sorted = byStatus(report.findings).slice(0, MARKDOWN_FINDINGS_SHOWN);
  const head = ['Status', 'Rule', 'Severity', 'Council', 'Assignment', 'SWE number'];
  if (names) head.push('Worker');
  head.push('Role', 'Agency', 'Team', 'Where', 'Detail', 'Exemption', 'Id');
  const rows = sorted.map((f) => {
    const council = ruleset.region.las.get(f.la_code.toUpperCase()) ?? f.context?.la_name ?? f.la_code;
    const role = f.context?.role ? (roleLabels.get(f.context.role) ?? f.context.role) : '';
    const cells = [
      baselineMark(f),
      mdCell(f.rule),
      f.severity,
      mdCell(council),
      mdCell(f.assignment_id ?? STARTER_ROW),
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
  lines.push(`${plural(report.findings.length, 'finding')}: breaches first, then exempted, then unknown.`, '');
  const rest = report.findings.length - sorted.length;
  if (rest > 0) {
    lines.push(`Only the first ${sorted.length} are listed; ${plural(rest, 'more finding')} ${rest === 1 ? 'is' : 'are'} in the CSV and JSON reports of the same run (\`--write csv=findings.csv\`).`, '');
  }
  append(lines, tableLines(head, rows));
  return lines;
}

function dataIssueSection(report: Report): string[] {
  const lines = ['## Data issues', ''];
  if (report.data_issues.length === 0) {
    lines.push('None.');
    return lines;
  }
  const rows = groupDataIssues(report.data_issues).map((e) => [e.severity, mdCell(e.code), String(e.count), e.files.map(mdCell).join(', ')]);
  lines.push(
    `${plural(report.summary.data_errors, 'error')}, ${plural(report.summary.data_warnings, 'warning')}; rows with data errors may not have been checked (see the JSON report for each one).`,
    '',
  );
  append(lines, tableLines(['Severity', 'Issue', 'Count', 'Files'], rows, ['l', 'l', 'r', 'l']));
  return lines;
}

export function formatMarkdown(report: Report, options: FormatOptions | MarkdownOptions): string {
  const r = report as Report;
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

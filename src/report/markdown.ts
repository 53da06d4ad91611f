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
import { RegionalTally, type RegionalRow, type RegionalTable } from './regional.js';
import { allRulesOf, append, exemptionIndex, FirstByStatus, groupDataIssues, percent, plural, spendText, STARTER_ROW } from './shared.js';
import { inChunks, joinChunks } from './chunks.js';
import type { FormatOptions } from './types.js';

export interface MarkdownOptions {
  ruleset: Ruleset;
  /** show worker names (--names); without it no worker name is printed */
  names?: boolean;
  color?: boolean;
  verbose?: boolean;
}

function regionalSection(report: Report, ruleset: Ruleset, table: RegionalTable): string[] {
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

function headline(report: Report, ruleset: Ruleset, walk: Walk): string[] {
  const s = report.summary;
  const rs = report.ruleset;
  const councils = Array.isArray(report.councils) ? new Set(report.councils.map((c) => c.la_code)).size : walk.findingCouncils.size;
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

interface AgencyTally {
  breaches: number;
  /** distinct assignments with a breach: a row's findings come together, so a new row is one unlike the last (SameRow in regional.ts) */
  assignments: number;
  lastLa: string;
  lastId: string;
  councils: Set<string>;
  rules: Map<string, number>;
}

/** What the sections need from the findings, gathered in one walk (they may be millions, read from disk). */
interface Walk {
  regional: RegionalTable;
  /** councils named by findings (the headline's count when the report has no per-council list) */
  findingCouncils: Set<string>;
  breaches: number;
  byAgency: Map<string, AgencyTally>;
  /** the first MARKDOWN_FINDINGS_SHOWN findings in status order */
  shown: Finding[];
}

function walkFindings(report: Report, ruleset: Ruleset): Walk {
  const regional = new RegionalTally(report, ruleset);
  const findingCouncils = new Set<string>();
  const byAgency = new Map<string, AgencyTally>();
  const shown = new FirstByStatus(MARKDOWN_FINDINGS_SHOWN);
  const countCouncils = !Array.isArray(report.councils);
  let breaches = 0;
  for (const f of report.findings) {
    regional.add(f);
    shown.add(f);
    if (countCouncils) findingCouncils.add(f.la_code);
    // a permanent starter (head_hunting) is no agency's
    if (f.status !== 'breach' || f.assignment_id === null) continue;
    breaches++;
    const agency = f.context?.agency ?? NOT_RECORDED;
    let a = byAgency.get(agency);
    if (!a) byAgency.set(agency, (a = { breaches: 0, assignments: 0, lastLa: '', lastId: '', councils: new Set(), rules: new Map() }));
    a.breaches++;
    if (a.assignments === 0 || f.assignment_id !== a.lastId || f.la_code !== a.lastLa) {
      a.assignments++;
      a.lastLa = f.la_code;
      a.lastId = f.assignment_id;
    }
    a.councils.add(f.la_code);
    a.rules.set(f.rule, (a.rules.get(f.rule) ?? 0) + 1);
  }
  return { regional: regional.table(), findingCouncils, breaches, byAgency, shown: shown.list() };
}

function agencySection(walk: Walk): string[] {
  const lines = ['## Breaches by agency', ''];
  const { byAgency, breaches } = walk;
  if (breaches === 0) {
    lines.push('No breaches.');
    return lines;
  }
  const rows = [...byAgency]
    .sort((x, y) => y[1].breaches - x[1].breaches || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([agency, a]) => [
      agency === NOT_RECORDED ? `*${NOT_RECORDED}*` : mdCell(agency),
      String(a.breaches),
      `${((a.breaches / breaches) * 100).toFixed(1)}%`,
      String(a.assignments),
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

function findingsSection(report: Report, ruleset: Ruleset, names: boolean, walk: Walk): string[] {
  const lines = ['## Findings', ''];
  if (report.findings.length === 0) {
    lines.push('No findings.');
    return lines;
  }
  const roleLabels = new Map(ruleset.roles.map((r) => [r.key, r.label]));
  const sorted = walk.shown;
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

/** The paper as pieces (one a section); its length is bounded whatever the run, its walk of the findings one. */
export function* markdownPieces(report: Report, options: FormatOptions | MarkdownOptions): Generator<string> {
  const { ruleset } = options;
  const names = options.names === true;
  const walk = walkFindings(report, ruleset);
  const sections = [
    () => headline(report, ruleset, walk),
    () => regionalSection(report, ruleset, walk.regional),
    () => exemptionSection(report, ruleset),
    () => agencySection(walk),
    () => findingsSection(report, ruleset, names, walk),
    () => dataIssueSection(report),
    () => [`*Generated by moc-check ${mdCell(report.tool.version)}; ruleset sha256 ${mdCell(report.ruleset.sha256)}.*`],
  ];
  for (const [i, section] of sections.entries()) yield (i === 0 ? '' : '\n\n') + section().join('\n');
  yield '\n';
}

export function markdownChunks(report: Report, options: FormatOptions | MarkdownOptions): Iterable<string> {
  return inChunks(markdownPieces(report, options));
}

export function formatMarkdown(report: Report, options: FormatOptions | MarkdownOptions): string {
  return joinChunks(markdownChunks(report, options));
}

// `--format html` (issue 6): one self-contained page for a locked-down council laptop.
//
//   1. headline figures, ruleset, version, status and as-of date;
//   2. the regional breach table (council × rule), sortable, with a colour scale that
//      repeats the number in every cell;
//   3. breaches by council and rule (stacked bars);
//   4. pay rates against caps: every checked assignment as a mark (shape and colour by
//      status) with the cap lines, per role;
//   5. exemptions on a timeline; 6. cooling-off breaches on a timeline;
//   7. the findings table (text filter, sortable) and the data issues.
//
// Nothing is fetched: no external script, stylesheet, font or image; CSS, SVG and a
// small script are inline, and a Content-Security-Policy allows only those two (by
// hash), so a name that somehow escaped escaping could still not run or load anything.
// The page reads fully with scripts off (the script only adds sorting and the filter).
// Counts come from the report alone, through the Markdown report's regional table, so
// they equal the JSON report's. Every piece of input text goes through esc/escLines.
import { createHash } from 'node:crypto';
import { formatPounds } from '../money.js';
import { periodSentence } from '../period.js';
import type { Finding, Report, Ruleset } from '../types.js';
import { CSS, SCRIPT } from './html/assets.js';
import { breachBarChart, CoolingOffTally, coolingOffTimeline, exemptionTimeline, payRateChart } from './html/charts.js';
import { esc, escLines, int } from './html/escape.js';
import { statusIcon } from './html/svg.js';
import { RegionalTally, type RegionalRow, type RegionalTable } from './regional.js';
import { allRulesOf, maxOf, FirstByStatus, exemptionIndex, groupDataIssues, percent, plural as pluralText, spendText, STARTER_ROW, STATUS_ORDER } from './shared.js';
import type { FormatOptions } from './types.js';

function hash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return pluralText(count, one, many, int);
}

function statusCell(status: Finding['status']): string {
  const label = status === 'breach' ? 'Breach' : status === 'exempted' ? 'Exempted' : 'Unknown';
  return `<span class="status status-${status}">${statusIcon(status)}${label}</span>`;
}

// ---------------------------------------------------------------- 1. headline

function header(report: Report, ruleset: Ruleset): string {
  const rs = report.ruleset;
  const region = ruleset.region.name ?? ruleset.name;
  const lines = [
    `<h1>Memorandum of Cooperation check: ${esc(region)}</h1>`,
    `<p class="meta">Ruleset <strong>${esc(rs.id)}</strong> (${esc(ruleset.name)}) · version <strong>${esc(rs.version)}</strong> · status <strong>${esc(rs.status)}</strong> · as of <strong><time datetime="${esc(report.as_of)}">${esc(report.as_of)}</time></strong></p>`,
  ];
  const period = periodSentence(report);
  if (period) lines.push(`<p class="meta" id="period">Period: <strong>${esc(period)}</strong></p>`);
  if (rs.status === 'illustrative') {
    lines.push(
      '<p class="warning" role="note"><strong>Illustrative ruleset.</strong> Its pay caps and exemptions are examples, not adopted figures. Do not treat these breaches as final.</p>',
    );
  }
  lines.push(
    '<nav aria-label="Sections"><ul>' +
      [
        ['summary', 'Headline'],
        ['regional', 'Regional table'],
        ['by-rule', 'Breaches by rule'],
        ['pay', 'Pay rates'],
        ['exemptions', 'Exemptions'],
        ['cooling-off', 'Cooling-off'],
        ['findings', 'Findings'],
        ['data-issues', 'Data issues'],
      ]
        .map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`)
        .join('') +
      '</ul></nav>',
  );
  return `<header>${lines.join('')}</header>`;
}

/** What the page needs from the findings, gathered in one walk (they may be millions, read from disk). */
interface Walk {
  table: RegionalTable;
  /** the first HTML_ROWS_SHOWN findings in status order */
  shown: Finding[];
  coolingOff: CoolingOffTally;
}

function walkFindings(report: Report, ruleset: Ruleset): Walk {
  const regional = new RegionalTally(report, ruleset);
  const shown = new FirstByStatus(HTML_ROWS_SHOWN);
  const coolingOff = new CoolingOffTally();
  for (const f of report.findings) {
    regional.add(f);
    shown.add(f);
    coolingOff.add(f);
  }
  return { table: regional.table(), shown: shown.list(), coolingOff };
}

function headline(report: Report, walk: Walk): string {
  const { table } = walk;
  // the region's spend is the sum of the councils' rows; without a per-council list the
  // table has one row per council a finding names
  const spend = table.totals.spend;
  const s = report.summary;
  const councils = Array.isArray(report.councils) ? new Set(report.councils.map((c) => c.la_code)).size : table.rows.length;
  const kpi = (metric: string, label: string, value: string, cls = '', raw?: number, note = ''): string =>
    `<div${cls ? ` class="${cls}"` : ''}><dt>${label}</dt><dd data-metric="${metric}"${raw === undefined ? '' : ` data-value="${raw}"`}>${value}${note ? ` <small>${note}</small>` : ''}</dd></div>`;
  const items = [
    kpi('councils', 'Councils', int(councils), '', councils),
    // starters rows count in summary.checked too (report.md)
    kpi('checked', report.inputs.some((i) => i.kind === 'starters') ? 'Rows checked' : 'Assignments checked', int(s.checked), '', s.checked, `of ${pluralText(s.rows, 'row', 'rows', int)}`),
    kpi('breaches', 'Breaches', int(s.breaches), 'kpi-breach', s.breaches),
    kpi('exempted', 'Exempted', int(s.exempted), 'kpi-exempted', s.exempted),
    kpi('unknown', 'Unknown', int(s.unknown), 'kpi-unknown', s.unknown),
    kpi('no_breach', 'Assignments with no breach', percent(table.totals.noBreachShare), '', undefined),
    kpi('spend', 'Est. monthly spend above caps', esc(formatPounds(spend.pence)), 'kpi-breach', spend.pence),
    kpi('data_errors', 'Data errors', int(s.data_errors), 'kpi-data', s.data_errors, pluralText(s.data_warnings, 'warning', 'warnings', int)),
  ];
  const notes: string[] = [];
  if (!Array.isArray(report.councils)) notes.push('Councils counted are those with at least one finding.');
  notes.push(
    `Spend above caps is the sum over pay-cap breaches of (rate − cap) × hours per week × 52 / 12: ${int(spend.priced)} of ${plural(spend.breaches, 'pay-cap breach', 'pay-cap breaches')} priced` +
      (spend.noHours > 0 ? `, ${int(spend.noHours)} without hours recorded` : '') +
      (spend.noRate > 0 ? `, ${int(spend.noRate)} without a usable rate or cap` : '') +
      '. Exempted pay-cap findings are not counted.',
  );
  return (
    `<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Headline figures</h2>` +
    `<dl class="kpis">${items.join('')}</dl>` +
    `<p class="meta">${notes.map(esc).join(' ')} <span data-metric="data_warnings" data-value="${report.summary.data_warnings}">${plural(report.summary.data_warnings, 'data warning')}</span>, <span data-metric="rows" data-value="${report.summary.rows}">${plural(report.summary.rows, 'row')} read</span>.</p></section>`
  );
}

// ---------------------------------------------------------------- 2. regional table

function heatBins(max: number): Array<{ cls: string; from: number; to: number }> {
  if (max <= 0) return [{ cls: 'h0', from: 0, to: 0 }];
  const bins = [{ cls: 'h0', from: 0, to: 0 }];
  const levels = Math.min(4, max);
  let from = 1;
  for (let i = 1; i <= levels; i++) {
    const to = i === levels ? max : Math.max(from, Math.round((max * i) / levels));
    bins.push({ cls: `h${i === levels ? 4 : i}`, from, to });
    from = to + 1;
  }
  return bins.filter((b) => b.from <= b.to);
}

function regional(report: Report, ruleset: Ruleset, table: RegionalTable): string {
  const rules = new Map(allRulesOf(ruleset).map((r) => [r.id, r]));
  if (table.rows.length === 0) {
    return `<section id="regional" aria-labelledby="regional-h"><h2 id="regional-h">Regional breach table</h2><p>No council had an assignment checked.</p></section>`;
  }
  const max = Math.max(0, maxOf(table.rows.flatMap((r) => table.ruleIds.map((id) => r.rules.get(id)?.breaches ?? 0))));
  const bins = heatBins(max);
  const binOf = (count: number): string => bins.find((b) => count >= b.from && count <= b.to)?.cls ?? 'h4';
  const head =
    '<th scope="col">Council</th><th scope="col">Code</th>' +
    table.ruleIds
      .map((id) => {
        const rule = rules.get(id);
        const title = rule?.title ? ` title="${esc(rule.title)}"` : '';
        return `<th scope="col" class="num"${title}>${esc(id)}</th>`;
      })
      .join('') +
    '<th scope="col" class="num">Breaches</th><th scope="col" class="num">Unknown</th><th scope="col" class="num">Checked</th><th scope="col" class="num">No breach</th><th scope="col" class="num">Est. monthly spend above caps</th>';
  const cells = (r: RegionalRow, total: boolean): string => {
    const ruleCells = table.ruleIds
      .map((id) => {
        const c = r.rules.get(id) ?? { breaches: 0, exempted: 0 };
        const cls = total ? 'num' : `num ${binOf(c.breaches)}`;
        return `<td class="${cls}" data-v="${c.breaches}">${int(c.breaches)}${c.exempted > 0 ? ` <span class="ex" title="${int(c.exempted)} exempted">(${int(c.exempted)})</span>` : ''}</td>`;
      })
      .join('');
    return (
      ruleCells +
      `<td class="num" data-v="${r.breaches}">${int(r.breaches)}</td>` +
      `<td class="num" data-v="${r.unknown}">${int(r.unknown)}</td>` +
      `<td class="num" data-v="${r.checked ?? -1}">${r.checked === null ? '–' : int(r.checked)}</td>` +
      `<td class="num" data-v="${r.noBreachShare === null ? -1 : r.noBreachShare.toFixed(6)}">${percent(r.noBreachShare)}</td>` +
      `<td class="num" data-v="${r.spend.pence}">${esc(spendText(r.spend))}</td>`
    );
  };
  const body = table.rows
    .map((r) => `<tr data-council="${esc(r.la_code)}"><th scope="row" class="nowrap">${esc(r.la_name)}</th><td class="code">${esc(r.la_code)}</td>${cells(r, false)}</tr>`)
    .join('');
  const foot = `<tr><th scope="row">Total</th><td></td>${cells(table.totals, true)}</tr>`;
  const legend =
    '<ul class="legend" aria-label="Colour scale">' +
    '<li>Shading of the rule cells by breaches (the number is always in the cell):</li>' +
    bins.map((b) => `<li><span class="swatch ${b.cls}" aria-hidden="true"></span>${b.from === b.to ? int(b.from) : `${int(b.from)}–${int(b.to)}`}</li>`).join('') +
    '</ul>';
  const ruleList = table.ruleIds
    .map((id) => {
      const rule = rules.get(id);
      return `<li><strong>${esc(id)}</strong>${rule?.title ? ` ${esc(rule.title)}` : ''}${rule ? ` (${esc(rule.severity)})` : ''}</li>`;
    })
    .join('');
  return (
    `<section id="regional" aria-labelledby="regional-h"><h2 id="regional-h">Regional breach table</h2>` +
    `<p>One row per council; each rule column holds the breaches, with the exempted findings in brackets: <em>5 (1)</em> is five breaches and one exempted finding. <em>No breach</em> is the share of checked assignments with no breach of any rule. Select a column heading to sort.</p>` +
    legend +
    `<div class="table-wrap"><table id="regional-table" class="sortable heat"><caption>Breaches by council and rule, as of ${esc(report.as_of)}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody><tfoot>${foot}</tfoot></table></div>` +
    `<details><summary>What the rules are</summary><ul>${ruleList}</ul></details></section>`
  );
}

// ---------------------------------------------------------------- 5. exemptions table

function exemptionTable(report: Report, ruleset: Ruleset): string {
  if (report.exemptions.length === 0) return '<p>The ruleset defines no exemptions.</p>';
  const exemption = exemptionIndex(ruleset);
  const rows = report.exemptions
    .map((t) => {
      const ex = exemption(t.id);
      const councils = ex ? (ex.las ? ex.las.map((c) => esc(ruleset.region.las.get(c) ?? c)).join(', ') : 'all') : '?';
      return (
        `<tr data-exemption="${esc(t.id)}"><th scope="row" class="nowrap">${esc(t.id)}</th><td>${esc(t.status)}</td><td>${councils}</td>` +
        `<td>${ex ? ex.rules.map(esc).join(', ') : '?'}</td><td class="nowrap" data-v="${esc(ex?.from ?? '')}">${ex ? `${esc(ex.from)} –<br>${esc(ex.to)}` : '?'}</td>` +
        `<td class="num">${int(t.applied)}</td><td class="num">${int(t.cited)}</td><td class="num">${int(t.cited_not_covering)}</td>` +
        `<td>${ex ? ex.approved_by.map(esc).join(', ') || '–' : '?'}</td><td>${ex?.approved_on ? esc(ex.approved_on) : '–'}</td></tr>`
      );
    })
    .join('');
  return (
    `<div class="table-wrap"><table id="exemption-table" class="sortable"><caption>Exemptions and their use</caption><thead><tr>` +
    ['Exemption', 'Status', 'Councils', 'Rules', 'Window', 'Applied', 'Cited', 'Cited, not covering', 'Approved by', 'Approved on']
      .map((h, i) => `<th scope="col"${i >= 5 && i <= 7 ? ' class="num"' : ''}>${h}</th>`)
      .join('') +
    `</tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

// ---------------------------------------------------------------- 7. findings and data issues

/**
 * Rows listed in the findings and data-issue tables. A page cannot usefully hold a
 * million rows (nor a browser open it): the rest are counted, and the note says where
 * the full list is. The figures and charts above count every finding.
 */
export const HTML_ROWS_SHOWN = 2_000;

function moreNote(total: number, what: string, where: 'csv' | 'json'): string {
  if (total <= HTML_ROWS_SHOWN) return '';
  const full = where === 'csv' ? 'the CSV report (<code>--write csv=findings.csv</code>) or the JSON report' : 'the JSON report (<code>--write json=report.json</code>)';
  return `<p class="note" data-metric="${what === 'finding' ? 'findings_not_shown' : 'data_issues_not_shown'}" data-value="${total - HTML_ROWS_SHOWN}">Only the first ${int(HTML_ROWS_SHOWN)} ${what}s are listed here; ${plural(total - HTML_ROWS_SHOWN, `more ${what}`)} ${total - HTML_ROWS_SHOWN === 1 ? 'is' : 'are'} not. The full list is in ${full} of the same run.</p>`;
}

function findingsSection(report: Report, ruleset: Ruleset, names: boolean, councilNames: Map<string, string>, sorted: Finding[]): string {
  const h = '<h2 id="findings-h">Findings</h2>';
  if (report.findings.length === 0) return `<section id="findings" aria-labelledby="findings-h">${h}<p>No findings.</p></section>`;
  const roleLabels = new Map(ruleset.roles.map((r) => [r.key, r.label]));
  const rules = new Map(allRulesOf(ruleset).map((r) => [r.id, r]));
  const fileIndex = new Map<string, number>();
  for (const input of report.inputs) if (!fileIndex.has(input.file)) fileIndex.set(input.file, fileIndex.size);
  // Fits 1,280 px (tested in Chromium): the exemption and the baseline mark sit under the
  // status rather than in columns of their own, and only short codes never wrap.
  const head = ['Status', 'Rule', 'Council', 'Assignment'];
  if (names) head.push('Worker');
  head.push('Role', 'Agency', 'Team', 'Detail', 'Source');
  const rows = sorted.map((f) => {
    const council = councilNames.get(f.la_code) ?? f.context?.la_name ?? f.la_code;
    const role = f.context?.role ? (roleLabels.get(f.context.role) ?? f.context.role) : '';
    const title = rules.get(f.rule)?.title;
    const where = (fileIndex.get(f.file) ?? fileIndex.size) * 1e7 + f.line;
    const marks =
      (f.status === 'breach' && f.baseline !== undefined ? `<span class="sub baseline-${f.baseline}">${f.baseline === 'known' ? 'known in baseline' : 'new'}</span>` : '') +
      (f.exemption ? `<span class="sub code">${esc(f.exemption)}</span>` : '');
    const cells = [
      `<td data-v="${STATUS_ORDER[f.status]}">${statusCell(f.status)}${marks}</td>`,
      `<td${title ? ` title="${esc(title)}"` : ''}><span class="nowrap">${esc(f.rule)}</span><span class="sub">${esc(f.severity)}</span></td>`,
      `<td title="${esc(f.la_code)}">${esc(council)}</td>`,
      `<th scope="row"><span class="nowrap">${esc(f.assignment_id ?? STARTER_ROW)}</span><span class="sub code">SWE ${esc(f.swe_number)}</span></th>`,
    ];
    if (names) cells.push(`<td>${escLines(f.context?.worker_name ?? '')}</td>`);
    cells.push(
      `<td>${esc(role)}</td>`,
      `<td>${escLines(f.context?.agency ?? '')}</td>`,
      `<td>${escLines(f.context?.team ?? '')}</td>`,
      `<td class="wrap">${escLines(f.message)}</td>`,
    );
    cells.push(`<td class="source" data-v="${where}">${esc(f.file)}:${int(f.line)}<span class="sub code">id ${esc(f.id)}</span></td>`);
    return `<tr data-status="${f.status}" data-id="${esc(f.id)}">${cells.join('')}</tr>`;
  });
  return (
    `<section id="findings" aria-labelledby="findings-h">${h}` +
    `<p>${plural(report.findings.length, 'finding')}: breaches first, then exempted, then unknown (a rule that could not be decided for lack of data). Compliant checks are not listed.</p>` +
    moreNote(report.findings.length, 'finding', 'csv') +
    `<div class="filter" hidden><label for="findings-filter">Filter findings</label><input type="search" id="findings-filter" placeholder="council, rule, agency, team, assignment…" autocomplete="off"><span id="findings-count" aria-live="polite">${plural(report.findings.length, 'finding')}</span></div>` +
    `<div class="table-wrap"><table id="findings-table" class="sortable"><caption>Findings</caption><thead><tr>${head.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div></section>`
  );
}

function dataIssuesSection(report: Report): string {
  const h = '<h2 id="data-issues-h">Data issues</h2>';
  if (report.data_issues.length === 0) return `<section id="data-issues" aria-labelledby="data-issues-h">${h}<p>None.</p></section>`;
  const summary =
    `<div class="table-wrap"><table id="data-issue-summary"><caption>Data issues by kind</caption><thead><tr><th scope="col">Issue</th><th scope="col">Severity</th><th scope="col" class="num">Count</th><th scope="col">Files</th></tr></thead><tbody>` +
    groupDataIssues(report.data_issues)
      .map((e) => `<tr><th scope="row">${esc(e.code)}</th><td>${esc(e.severity)}</td><td class="num">${int(e.count)}</td><td>${e.files.map(esc).join(', ')}</td></tr>`)
      .join('') +
    '</tbody></table></div>';
  const rows = report.data_issues
    .slice(0, HTML_ROWS_SHOWN)
    .map(
      (d) =>
        `<tr data-severity="${esc(d.severity)}"><td>${esc(d.severity)}</td><td>${esc(d.code)}</td><td>${esc(d.file)}</td><td class="num" data-v="${d.line ?? -1}">${d.line === null ? '–' : int(d.line)}</td>` +
        `<td>${esc(d.column ?? '')}</td><td>${escLines(d.value ?? '')}</td><td class="wrap">${escLines(d.message)}</td></tr>`,
    )
    .join('');
  const full =
    `<details><summary>${report.data_issues.length > HTML_ROWS_SHOWN ? `The first ${int(HTML_ROWS_SHOWN)} data issues` : `Every data issue (${int(report.data_issues.length)})`}</summary>${moreNote(report.data_issues.length, 'data issue', 'json')}<div class="table-wrap"><table id="data-issue-table" class="sortable"><caption>Data issues</caption><thead><tr>` +
    ['Severity', 'Issue', 'File', 'Line', 'Column', 'Value', 'Message'].map((c, i) => `<th scope="col"${i === 3 ? ' class="num"' : ''}>${c}</th>`).join('') +
    `</tr></thead><tbody>${rows}</tbody></table></div></details>`;
  return (
    `<section id="data-issues" aria-labelledby="data-issues-h">${h}` +
    `<p>${plural(report.summary.data_errors, 'error')} and ${plural(report.summary.data_warnings, 'warning')}. Rows with data errors may not have been checked; fix them in the source system and run again.</p>` +
    summary +
    full +
    '</section>'
  );
}

function inputsSection(report: Report): string {
  // with --period: a column for the rows outside it
  const period = report.period !== undefined;
  const outCell = (i: Report['inputs'][number]) => (period ? `<td class="num">${i.out_of_period === undefined ? '–' : int(i.out_of_period)}</td>` : '');
  const rows = report.inputs
    .map(
      (i) =>
        `<tr><th scope="row">${esc(i.file)}</th><td>${i.kind === 'assignments' ? 'assignments' : `${i.kind} register`}</td><td class="num">${int(i.rows)}</td><td class="num">${i.checked === undefined ? '–' : int(i.checked)}</td>${outCell(i)}<td class="code">${esc(i.sha256 ? i.sha256.slice(0, 16) : 'unreadable')}</td></tr>`,
    )
    .join('');
  return (
    `<section id="inputs" aria-labelledby="inputs-h"><h2 id="inputs-h">Files read</h2>` +
    `<div class="table-wrap"><table><caption>Input files</caption><thead><tr><th scope="col">File</th><th scope="col">Kind</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Checked</th>${period ? '<th scope="col" class="num">Outside the period</th>' : ''}<th scope="col">SHA-256 (first 16)</th></tr></thead><tbody>${rows}</tbody></table></div></section>`
  );
}

// ---------------------------------------------------------------- page

export function formatHtml(report: Report, options: FormatOptions): string {
  const { ruleset } = options;
  const names = options.names === true;
  const walk = walkFindings(report, ruleset);
  const { table } = walk;
  const councilNames = new Map<string, string>(table.rows.map((r) => [r.la_code, r.la_name]));
  const region = ruleset.region.name ?? ruleset.name;
  const csp = [
    "default-src 'none'",
    `style-src ${hash(CSS)}`,
    `script-src ${hash(SCRIPT)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const body = [
    header(report, ruleset),
    '<main>',
    headline(report, walk),
    regional(report, ruleset, table),
    `<section id="by-rule" aria-labelledby="by-rule-h"><h2 id="by-rule-h">Breaches by council and rule</h2>${breachBarChart(table, ruleset)}</section>`,
    `<section id="pay" aria-labelledby="pay-h"><h2 id="pay-h">Pay rates against caps</h2><p>Price pressure: where each agency assignment’s rate sits against the cap for its role.</p>${payRateChart(report, ruleset, councilNames)}</section>`,
    `<section id="exemptions" aria-labelledby="exemptions-h"><h2 id="exemptions-h">Exemptions</h2>${exemptionTimeline(report, ruleset)}${exemptionTable(report, ruleset)}</section>`,
    `<section id="cooling-off" aria-labelledby="cooling-off-h"><h2 id="cooling-off-h">Cooling-off breaches</h2>${coolingOffTimeline(report, councilNames, ruleset, walk.coolingOff)}</section>`,
    findingsSection(report, ruleset, names, councilNames, walk.shown),
    dataIssuesSection(report),
    inputsSection(report),
    '</main>',
    `<footer>Generated by moc-check ${esc(report.tool.version)} from the report format ${esc(report.format)}; ruleset sha256 <span class="code">${esc(report.ruleset.sha256)}</span>. This file makes no network requests.</footer>`,
  ].join('\n');
  return (
    '<!DOCTYPE html>\n' +
    '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    '<meta name="referrer" content="no-referrer">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="color-scheme" content="light">\n' +
    '<link rel="icon" href="data:,">\n' +
    `<title>MoC check: ${esc(region)} as of ${esc(report.as_of)}</title>\n` +
    `<style>${CSS}</style>\n</head>\n<body>\n${body}\n<script>${SCRIPT}</script>\n</body>\n</html>\n`
  );
}

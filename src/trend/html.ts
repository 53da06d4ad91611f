// `trend --format html`: one self-contained page a director can read on a locked-down
// laptop. Nothing is fetched and no script runs: the CSS is inline and allowed by its
// hash alone (Content-Security-Policy), the charts are inline SVG. Every figure of a
// chart is also in a table beside it; every piece of text from the reports goes
// through esc(). Months with no report are hatched gaps, never zeros.
import { createHash } from 'node:crypto';
import { formatPounds } from '../money.js';
import { STATUS_COLOURS, CSS as REPORT_CSS } from '../report/html/assets.js';
import { esc } from '../report/html/escape.js';
import { PALETTE, trendChart, type ChartSeries } from './charts.js';
import type { TrendFormatOptions } from './format-types.js';
import type { Trend, TrendFigures } from './series.js';
import { byCouncilView, byRuleView, exemptionsView, headline, percentText, summaryView, type TrendView } from './view.js';

const TREND_CSS = `
td.gap { background: repeating-linear-gradient(45deg, #f4f4f4 0 6px, #e0e0e0 6px 9px); color: var(--muted); font-style: italic; }
th.gap { color: var(--muted); }
td.none { color: var(--muted); }
.ex-active { color: ${STATUS_COLOURS.compliant}; font-weight: 600; }
.ex-expiring { color: ${STATUS_COLOURS.exempted}; font-weight: 700; }
.ex-expired { color: ${STATUS_COLOURS.breach}; font-weight: 600; }
.ex-pending { color: ${STATUS_COLOURS.unknown}; }
.delta { font-size: .8rem; color: var(--muted); font-weight: 400; display: block; }
`;
const CSS = REPORT_CSS + TREND_CSS;

function hash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function gapsOf(trend: Trend): boolean[] {
  return trend.points.map((p) => p.figures === null);
}

function seriesOf(trend: Trend, label: string, value: (f: TrendFigures) => number | null, colour?: string): ChartSeries {
  return { label, values: trend.points.map((p) => (p.figures ? value(p.figures) : null)), ...(colour ? { colour } : {}) };
}

const count = (v: number) => String(Math.round(v));
const pounds = (v: number) => formatPounds(Math.round(v * 100)).replace(/\.00$/, '');

/** A view as an accessible table: months as columns, gaps hatched and labelled. */
function viewTable(trend: Trend, view: TrendView, id: string, cellClass?: (text: string) => string): string {
  if (view.rows.length === 0) return '<p>None.</p>';
  const head =
    '<thead><tr><th scope="col">' +
    (id === 'council-table' ? 'Council' : '') +
    '</th>' +
    trend.points.map((p) => `<th scope="col" class="num${p.figures ? '' : ' gap'}">${esc(p.key)}</th>`).join('') +
    '</tr></thead>';
  const body = view.rows
    .map((row) => {
      const label = row.sublabel ? `${esc(row.sublabel)} <span class="sub">${esc(row.label)}</span>` : esc(row.label);
      const cells = row.cells
        .map((cell) => {
          if (cell.gap) return '<td class="gap">no report</td>';
          const extra = cellClass ? cellClass(cell.text) : '';
          return `<td class="num${cell.value === null && cell.text === '–' ? ' none' : ''}${extra ? ` ${extra}` : ''}">${esc(cell.text)}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${label}</th>${cells}</tr>`;
    })
    .join('');
  return `<div class="table-wrap"><table id="${id}"><caption>${esc(view.title)}</caption>${head}<tbody>${body}</tbody></table></div><p class="meta">${esc(view.note)}</p>`;
}

function figure(chart: string, caption: string): string {
  return `<figure>${chart}<figcaption>${esc(caption)}</figcaption></figure>`;
}

/** The latest month with a report, and the one before it that has a report. */
function latestPair(trend: Trend): [TrendFigures & { key: string }, (TrendFigures & { key: string }) | null] {
  const withData = trend.points.filter((p) => p.figures).map((p) => ({ ...p.figures!, key: p.key }));
  return [withData[withData.length - 1]!, withData.length > 1 ? withData[withData.length - 2]! : null];
}

function delta(now: number, before: number | null | undefined, format: (v: number) => string, beforeKey: string | undefined): string {
  if (before === null || before === undefined || beforeKey === undefined) return '';
  const d = now - before;
  const word = d === 0 ? 'no change' : `${d > 0 ? 'up' : 'down'} ${format(Math.abs(d))}`;
  return `<span class="delta">${esc(word)} since ${esc(beforeKey)}</span>`;
}

function kpis(trend: Trend): string {
  const [now, before] = latestPair(trend);
  const expiring = Object.values(now.exemptions).filter((e) => e?.status === 'expiring').length;
  const share = now.no_breach_share;
  const items = [
    ['kpi-breach', `Breaches in ${now.key}`, count(now.breaches), delta(now.breaches, before?.breaches, count, before?.key)],
    ['', 'Assignments with no breach', share === null ? '–' : percentText(share), share === null ? '' : delta(share * 100, before?.no_breach_share === null || before === null ? null : before.no_breach_share * 100, (v) => `${v.toFixed(1)} points`, before?.key)],
    ['kpi-breach', 'Spend above caps (est. per month)', formatPounds(now.spend_above_caps_pence), delta(now.spend_above_caps_pence / 100, before ? before.spend_above_caps_pence / 100 : null, (v) => formatPounds(Math.round(v * 100)), before?.key)],
    ['kpi-exempted', 'Exemptions expiring', count(expiring), ''],
  ];
  return `<dl class="kpis">${items.map(([cls, label, value, extra]) => `<div${cls ? ` class="${cls}"` : ''}><dt>${esc(label)}</dt><dd>${esc(value)}${extra}</dd></div>`).join('')}</dl>`;
}

function sourcesTable(trend: Trend): string {
  const rows = trend.points
    .map((p) => {
      const f = p.figures;
      if (!f) return `<tr><th scope="row">${esc(p.key)}</th><td colspan="4" class="gap">no report</td></tr>`;
      const period = f.period ? `${f.period.from} to ${f.period.to}` : '–';
      return `<tr><th scope="row">${esc(p.key)}</th><td>${esc(f.file)}</td><td>${esc(f.as_of)}</td><td>${esc(period)}</td><td>${esc(f.ruleset_version)} <span class="code">${esc(f.ruleset_sha256.slice(0, 12))}</span></td></tr>`;
    })
    .join('');
  return `<div class="table-wrap"><table id="sources"><caption>Reports read</caption><thead><tr><th scope="col">${trend.granularity === 'month' ? 'Month' : 'Quarter'}</th><th scope="col">Report</th><th scope="col">As of</th><th scope="col">Period</th><th scope="col">Ruleset version</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function formatTrendHtml(trend: Trend, _options: TrendFormatOptions): string {
  const keys = trend.points.map((p) => p.key);
  const gaps = gapsOf(trend);
  const title = `Agency social work trend: ruleset ${trend.ruleset.id}`;
  const summary = summaryView(trend);
  const gapNote = gaps.some(Boolean) ? ` Hatched: no report for that ${trend.granularity} (a gap, not zero).` : '';
  const breachesChart = trendChart({
    id: 'chart-breaches', kind: 'line', keys, gaps, integer: true, format: count,
    title: 'Breaches and exempted findings per month',
    desc: `Breaches and exempted findings for each ${trend.granularity}; months without a report are gaps. The figures are in the table "Month by month".`,
    series: [
      seriesOf(trend, 'Breaches', (f) => f.breaches, STATUS_COLOURS.breach),
      seriesOf(trend, 'Exempted', (f) => f.exempted, STATUS_COLOURS.exempted),
    ],
  });
  const shareChart = trendChart({
    id: 'chart-share', kind: 'line', keys, gaps, max: 1, format: (v) => `${Math.round(v * 100)}%`, valueFormat: percentText,
    title: 'Share of checked assignments with no breach',
    desc: 'The share of checked assignments with no breach of any rule, from 0 to 100 per cent; months without a report are gaps.',
    series: [seriesOf(trend, 'No breach', (f) => f.no_breach_share, STATUS_COLOURS.compliant)],
  });
  const spendChart = trendChart({
    id: 'chart-spend', kind: 'bar', keys, gaps, format: pounds,
    title: 'Estimated monthly spend above the pay caps',
    desc: 'For each month, the estimated monthly spend above the caps on pay-cap breaches: (rate − cap) × hours × 52 / 12. No bar where there is no report.',
    series: [seriesOf(trend, 'Spend above caps', (f) => f.spend_above_caps_pence / 100, STATUS_COLOURS.breach)],
  });
  const ruleView = byRuleView(trend);
  const ruleChart =
    ruleView.rows.length === 0
      ? ''
      : trendChart({
          id: 'chart-rules', kind: 'line', keys, gaps, integer: true, format: count,
          title: 'Breaches by rule',
          desc: `One line per rule (${ruleView.rows.map((r) => r.label).join(', ')}); the figures are in the table below.`,
          series: ruleView.rows.map((r, i) => ({ label: r.label, values: r.cells.map((c) => c.value), colour: PALETTE[i % PALETTE.length]! })),
        });
  const exClass = (text: string) => {
    const status = text.split(' ')[0];
    return status === 'active' || status === 'expiring' || status === 'expired' || status === 'pending' ? `ex-${status}` : '';
  };
  const illustrative =
    trend.ruleset.status === 'illustrative'
      ? '<p class="warning" role="note"><strong>Illustrative ruleset.</strong> Its pay caps and exemptions are examples, not adopted figures.</p>'
      : '';
  const csp = ["default-src 'none'", `style-src ${hash(CSS)}`, "script-src 'none'", 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">${esc(headline(trend))}.</p>`,
    illustrative,
    '<nav aria-label="Sections"><ul>' +
      [['latest', 'Latest'], ['breaches', 'Breaches'], ['share', 'No breach'], ['spend', 'Spend above caps'], ['rules', 'By rule'], ['councils', 'By council'], ['exemptions', 'Exemptions'], ['table', 'Month by month'], ['reports', 'Reports read']]
        .map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`)
        .join('') +
      '</ul></nav>',
    '<main>',
    `<section id="latest" aria-labelledby="latest-h"><h2 id="latest-h">Latest ${trend.granularity}</h2>${kpis(trend)}</section>`,
    `<section id="breaches" aria-labelledby="breaches-h"><h2 id="breaches-h">Breaches and exemptions</h2>${figure(breachesChart, `Breaches are findings no exemption covers; exempted ones were signed off.${gapNote}`)}</section>`,
    `<section id="share" aria-labelledby="share-h"><h2 id="share-h">Assignments with no breach</h2>${figure(shareChart, `Higher is better.${gapNote}`)}</section>`,
    `<section id="spend" aria-labelledby="spend-h"><h2 id="spend-h">Spend above the caps</h2>${figure(spendChart, 'Estimated from the pay-cap breaches of each month’s report; assignments without hours or rate are left out (see the table).')}</section>`,
    `<section id="rules" aria-labelledby="rules-h"><h2 id="rules-h">Breaches by rule</h2>${ruleChart ? figure(ruleChart, 'Each rule has its own colour and marker shape, named at its last point.') : ''}${viewTable(trend, ruleView, 'rule-table')}</section>`,
    `<section id="councils" aria-labelledby="councils-h"><h2 id="councils-h">Breaches by council</h2>${viewTable(trend, byCouncilView(trend), 'council-table')}</section>`,
    `<section id="exemptions" aria-labelledby="exemptions-h"><h2 id="exemptions-h">Exemptions over time</h2>${viewTable(trend, exemptionsView(trend), 'exemption-table', exClass)}</section>`,
    `<section id="table" aria-labelledby="table-h"><h2 id="table-h">Month by month</h2>${viewTable(trend, summary, 'summary-table')}</section>`,
    `<section id="reports" aria-labelledby="reports-h"><h2 id="reports-h">Reports read</h2>${sourcesTable(trend)}</section>`,
    '</main>',
    '<footer>Generated by moc-check from moc-report/v1 JSON reports. This file makes no network requests and runs no script.</footer>',
  ].join('\n');
  return (
    '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    '<meta name="referrer" content="no-referrer">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="color-scheme" content="light">\n<link rel="icon" href="data:,">\n' +
    `<title>${esc(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`
  );
}

// The HTML report's charts, as inline SVG figures. Each figure has a title and a
// description for screen readers, a caption, and (where the chart holds more than the
// caption says) the same figures as a table under "Show as a table". Every label built
// from input text goes through esc().
import type { Exemption, ExemptionTally, Finding, Report, Ruleset } from '../../types.js';
import { coolingOffDetailsOf } from '../../rules/cooling_off.js';
import type { RegionalTable } from '../regional.js';
import { maxOf } from '../shared.js';
import { STATUS_COLOURS } from './assets.js';
import { esc, int } from './escape.js';
import { altTable, figure, plural, WIDTH } from './figure.js';
import { dateAxis, dayOf, isIso, linear, paddedDayRange, longDate, n, niceStep, statusIcon, statusShape, svgFrame, text, truncate } from './svg.js';

export { payRateChart } from './pay-chart.js';

// ---------------------------------------------------------------- 3. breaches by council and rule

/** Categorical colours (Okabe–Ito, colour-blind safe) with a pattern each, so print in grey still separates rules. */
const RULE_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#6a3d9a', '#8c6d31'];
const RULE_PATTERNS = [
  '',
  '<path d="M0,6 L6,0" stroke="#fff" stroke-opacity=".7" stroke-width="1.4"/>',
  '<circle cx="3" cy="3" r="1.1" fill="#fff" fill-opacity=".8"/>',
  '<path d="M0,3 L6,3" stroke="#fff" stroke-opacity=".7" stroke-width="1.4"/>',
  '<path d="M0,0 L6,6 M0,6 L6,0" stroke="#fff" stroke-opacity=".6" stroke-width="1"/>',
  '<path d="M3,0 L3,6" stroke="#fff" stroke-opacity=".7" stroke-width="1.4"/>',
  '<path d="M0,0 L6,6" stroke="#fff" stroke-opacity=".7" stroke-width="1.4"/>',
  '<path d="M0,3 L6,3 M3,0 L3,6" stroke="#fff" stroke-opacity=".6" stroke-width="1"/>',
];

function ruleStyle(index: number): { colour: string; pattern: string | null } {
  const colour = RULE_COLOURS[index % RULE_COLOURS.length]!;
  const p = index % RULE_PATTERNS.length;
  return { colour, pattern: RULE_PATTERNS[p] ? `rp-${p}` : null };
}

function ruleRect(index: number, x: number, y: number, w: number, h: number): string {
  const { colour, pattern } = ruleStyle(index);
  const base = `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${colour}" stroke="#fff" stroke-width="1"/>`;
  return pattern ? `${base}<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="url(#${pattern})"/>` : base;
}

export function breachBarChart(table: RegionalTable, ruleset: Ruleset): string {
  const rows = table.rows;
  const titles = new Map(ruleset.rules.map((r) => [r.id, r.title ?? '']));
  const total = table.totals.breaches;
  if (rows.length === 0 || total === 0) {
    return '<p>No breaches: there is nothing to chart.</p>';
  }
  const ruleIds = table.ruleIds;
  // legend, wrapped into lines
  const legendItems: string[] = [];
  let lx = 0;
  let ly = 14;
  ruleIds.forEach((id, i) => {
    const label = truncate(id, 30);
    const w = 26 + label.length * 7 + 18;
    if (lx + w > WIDTH && lx > 0) {
      lx = 0;
      ly += 20;
    }
    legendItems.push(`<g>${ruleRect(i, lx, ly - 11, 20, 13)}${text(lx + 26, ly, esc(label), 'class="label"')}<title>${esc(id)}${titles.get(id) ? ` — ${esc(titles.get(id))}` : ''}</title></g>`);
    lx += w;
  });
  const left = 210;
  const right = WIDTH - 60;
  const top = ly + 22;
  const barH = 24;
  const gap = 10;
  const max = Math.max(1, maxOf(rows.map((r) => r.breaches)));
  const step = Math.max(1, niceStep(max, 6, [1, 2, 5]));
  const axisMax = Math.ceil(max / step) * step;
  const x = linear(0, axisMax, left, right);
  const bottom = top + rows.length * (barH + gap);
  const parts: string[] = [];
  parts.push(
    `<defs>${RULE_PATTERNS.map((p, i) => (p ? `<pattern id="rp-${i}" patternUnits="userSpaceOnUse" width="6" height="6">${p}</pattern>` : '')).join('')}</defs>`,
  );
  parts.push(`<g class="legend">${legendItems.join('')}</g>`);
  for (let t = 0; t <= axisMax; t += step) {
    parts.push(`<line class="grid" x1="${n(x(t))}" x2="${n(x(t))}" y1="${n(top - 4)}" y2="${n(bottom)}"/>`);
    parts.push(text(x(t), bottom + 15, int(t), 'class="small muted" text-anchor="middle"'));
  }
  parts.push(text((left + right) / 2, bottom + 32, 'Breaches (not counting exempted)', 'class="small muted" text-anchor="middle"'));
  rows.forEach((row, r) => {
    const y = top + r * (barH + gap);
    const name = row.la_name;
    parts.push(`<g class="bar" data-council="${esc(row.la_code)}">`);
    parts.push(text(left - 8, y + barH / 2 + 4, esc(truncate(name, 28)), 'class="label" text-anchor="end"'));
    let acc = 0;
    ruleIds.forEach((id, i) => {
      const count = row.rules.get(id)?.breaches ?? 0;
      if (count === 0) return;
      const x0 = x(acc);
      const w = x(acc + count) - x0;
      parts.push(`<g class="seg" data-rule="${esc(id)}">${ruleRect(i, x0, y, w, barH)}<title>${esc(name)} — ${esc(id)}: ${plural(count, 'breach', 'breaches')}</title></g>`);
      if (w >= 16) parts.push(text(x0 + w / 2, y + barH / 2 + 4, int(count), 'class="small strong halo" text-anchor="middle"'));
      acc += count;
    });
    parts.push(text(x(acc) + 6, y + barH / 2 + 4, int(row.breaches), 'class="label strong"'));
    parts.push('</g>');
  });
  parts.push(`<line class="axis" x1="${n(left)}" x2="${n(left)}" y1="${n(top - 4)}" y2="${n(bottom)}"/>`);
  const height = bottom + 42;
  const worst = [...rows].sort((a, b) => b.breaches - a.breaches)[0]!;
  const desc =
    `Stacked horizontal bars, one per council, each split by rule. ${plural(total, 'breach', 'breaches')} in all; ` +
    `most at ${worst.la_name} (${int(worst.breaches)}). ` +
    rows.map((r) => `${r.la_name}: ${int(r.breaches)}`).join('; ') + '.';
  const svg = svgFrame('breach-chart', WIDTH, height, 'Breaches by council and rule', desc, parts.join(''));
  const alt = altTable(
    'Show as a table',
    ['Council', ...ruleIds.map(esc), 'Total'],
    rows.map((r) => [esc(r.la_name), ...ruleIds.map((id) => int(r.rules.get(id)?.breaches ?? 0)), int(r.breaches)]),
    [false, ...ruleIds.map(() => true), true],
  );
  return figure(
    'breach-chart',
    svg,
    'Each bar is one council; each segment one rule (colour and pattern as in the key, count inside). Exempted findings are not counted. The regional table above holds the same figures.',
    alt,
  );
}

// ---------------------------------------------------------------- 5. exemptions timeline

const EXEMPTION_STYLE: Record<ExemptionTally['status'], { fill: string; stroke: string; dash: string; pattern: string }> = {
  active: { fill: STATUS_COLOURS.compliant, stroke: STATUS_COLOURS.compliant, dash: '', pattern: '' },
  expiring: { fill: STATUS_COLOURS.exempted, stroke: STATUS_COLOURS.exempted, dash: '', pattern: 'url(#ex-stripes)' },
  expired: { fill: '#d0d0d0', stroke: '#555', dash: '', pattern: 'url(#ex-hatch)' },
  pending: { fill: '#ffffff', stroke: STATUS_COLOURS.compliant, dash: '5 3', pattern: '' },
};

const STATUS_TEXT: Record<ExemptionTally['status'], string> = {
  active: 'Active',
  expiring: 'Expiring (30 days or less)',
  expired: 'Expired',
  pending: 'Pending (not started)',
};

export function exemptionTimeline(report: Report, ruleset: Ruleset): string {
  const defs = new Map<string, Exemption>(ruleset.exemptions.map((ex) => [ex.id.toLowerCase(), ex]));
  const rows = report.exemptions
    .map((t) => ({ t, ex: defs.get(t.id.toLowerCase()) }))
    .filter((r): r is { t: ExemptionTally; ex: Exemption } => r.ex !== undefined && isIso(r.ex.from) && isIso(r.ex.to));
  if (rows.length === 0) return '';
  const asOfDay = dayOf(report.as_of);
  const [d0, d1] = paddedDayRange([asOfDay, ...rows.flatMap((r) => [dayOf(r.ex.from), dayOf(r.ex.to) + 1])]);
  const left = 200;
  const plotL = 210;
  const plotR = 650;
  const infoX = 668;
  const top = 78;
  const rowH = 42;
  const x = linear(d0, d1, plotL, plotR);
  const bottom = top + rows.length * rowH;
  const parts: string[] = [
    '<defs>' +
      '<pattern id="ex-stripes" patternUnits="userSpaceOnUse" width="8" height="8"><path d="M0,8 L8,0" stroke="#fff" stroke-width="2" stroke-opacity=".8"/></pattern>' +
      '<pattern id="ex-hatch" patternUnits="userSpaceOnUse" width="6" height="6"><path d="M0,0 L6,6" stroke="#555" stroke-width="1"/></pattern>' +
      '</defs>',
  ];
  // legend
  (['active', 'expiring', 'expired', 'pending'] as const).forEach((status, i) => {
    const lx = i * 200;
    parts.push(exemptionBar(status, lx, 4, 26, 13) + text(lx + 32, 15, esc(STATUS_TEXT[status]), 'class="label"'));
  });
  parts.push(text(0, 38, 'Each bar runs from the exemption’s first to its last day; the dashed line is the as-of date.', 'class="small muted"'));
  parts.push(dateAxis(x, d0, d1, top, bottom, report.as_of));
  rows.forEach(({ t, ex }, i) => {
    const y = top + i * rowH;
    const x0 = x(dayOf(ex.from));
    const x1 = x(dayOf(ex.to) + 1);
    parts.push(`<g class="exemption" data-id="${esc(t.id)}" data-status="${esc(t.status)}">`);
    parts.push(text(left - 10, y + 17, esc(truncate(t.id, 26)), 'class="label strong" text-anchor="end"'));
    parts.push(text(left - 10, y + 31, esc(STATUS_TEXT[t.status] ?? t.status), 'class="small muted" text-anchor="end"'));
    parts.push(`<g>${exemptionBar(t.status, x0, y + 8, Math.max(2, x1 - x0), 18)}<title>${esc(t.id)}: ${esc(t.status)}, ${esc(longDate(ex.from))} to ${esc(longDate(ex.to))}; applied ${int(t.applied)}, cited ${int(t.cited)}, cited but not covering ${int(t.cited_not_covering)}</title></g>`);
    const use = `applied ${int(t.applied)} · cited ${int(t.cited)}${t.cited_not_covering > 0 ? ` · ${int(t.cited_not_covering)} not covering` : ''}`;
    parts.push(text(infoX, y + 17, esc(use), 'class="label"'));
    const second = `${longDate(ex.from)} – ${longDate(ex.to)}${t.applied === 0 ? ' · unused' : ''}`;
    parts.push(text(infoX, y + 31, esc(second), 'class="small muted"'));
    parts.push('</g>');
  });
  const height = bottom + 28;
  const desc =
    `Timeline of ${plural(rows.length, 'exemption')} against the as-of date ${report.as_of}. ` +
    rows.map(({ t, ex }) => `${t.id}: ${t.status}, ${ex.from} to ${ex.to}, applied ${t.applied}, cited ${t.cited}`).join('; ') + '.';
  const svg = svgFrame('exemption-chart', WIDTH, height, 'Exemptions on a timeline', desc, parts.join(''));
  return figure(
    'exemption-chart',
    svg,
    '<em>Applied</em>: findings the exemption turned into exempted. <em>Cited</em>: checked assignments that cite it. <em>Cited, not covering</em>: citing assignments that still breach a rule it lists. The table below gives councils, rules and approvers.',
  );
}

function exemptionBar(status: ExemptionTally['status'], x: number, y: number, w: number, h: number): string {
  const s = EXEMPTION_STYLE[status] ?? EXEMPTION_STYLE.active;
  const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
  const base = `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${s.fill}" stroke="${s.stroke}" stroke-width="1.5"${dash}/>`;
  return s.pattern ? `${base}<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${s.pattern}"/>` : base;
}

// ---------------------------------------------------------------- 6. cooling-off timeline

/** Cooling-off breaches drawn on the timeline, one row each. */
export const COOLING_ROWS_SHOWN = 200;

/**
 * What the timeline needs from the findings, a finding at a time (they may be millions,
 * read from disk): counts, and the first COOLING_ROWS_SHOWN dated breaches, one row
 * each; the rest are counted in the caption.
 */
export class CoolingOffTally {
  breaches = 0;
  datedCount = 0;
  exempted = 0;
  readonly rows: Finding[] = [];

  add(f: Finding): void {
    if (f.kind !== 'cooling_off') return;
    if (f.status === 'exempted') this.exempted++;
    if (f.status !== 'breach') return;
    this.breaches++;
    const cool = coolingOffDetailsOf(f);
    if (!(isIso(cool?.leaving_date) && isIso(cool?.cooling_off_until) && isIso(cool?.start_date))) return;
    this.datedCount++;
    if (this.rows.length < COOLING_ROWS_SHOWN) this.rows.push(f);
  }
}

/** The timeline, from the tally the HTML report filled in its one walk of the findings. */
export function coolingOffTimeline(report: Report, councilNames: Map<string, string>, ruleset: Ruleset, tally: CoolingOffTally): string {
  const { breaches, datedCount, exempted, rows } = tally;
  if (rows.length === 0) {
    return `<p>No cooling-off breaches.${exempted > 0 ? ` ${plural(exempted, 'cooling-off finding')} ${exempted === 1 ? 'was' : 'were'} exempted.` : ''}</p>`;
  }
  const d = (f: Finding, key: 'leaving_date' | 'cooling_off_until' | 'start_date'): string => coolingOffDetailsOf(f)?.[key] ?? '';
  const asOfDay = dayOf(report.as_of);
  const [d0, d1] = paddedDayRange([
    asOfDay,
    ...rows.flatMap((f) => [dayOf(d(f, 'leaving_date')), dayOf(d(f, 'cooling_off_until')) + 1, dayOf(d(f, 'start_date'))]),
  ]);
  const left = 230;
  const plotL = 240;
  const plotR = 650;
  const infoX = 668;
  const top = 60;
  const rowH = 40;
  const x = linear(d0, d1, plotL, plotR);
  const bottom = top + rows.length * rowH;
  const laName = (code: unknown): string =>
    typeof code === 'string' ? (ruleset.region.las.get(code.toUpperCase()) ?? councilNames.get(code.toUpperCase()) ?? code) : 'another council';
  const parts: string[] = [];
  // legend
  parts.push(
    `<circle cx="6" cy="10" r="5" fill="#fff" stroke="#1a1a1a" stroke-width="2"/>${text(16, 14, 'left the permanent post', 'class="label"')}` +
      `<rect x="190" y="4" width="30" height="12" fill="#fde0d2" stroke="${STATUS_COLOURS.breach}"/><line x1="220" x2="220" y1="1" y2="19" stroke="#1a1a1a" stroke-width="2.5"/>${text(228, 14, 'cooling-off period and its last day', 'class="label"')}` +
      `${statusShape('breach', 466, 10, 6)}${text(478, 14, 'agency assignment started (breach)', 'class="label"')}`,
  );
  parts.push(dateAxis(x, d0, d1, top, bottom, report.as_of));
  const tableRows: string[][] = [];
  rows.forEach((f, i) => {
    const y = top + i * rowH;
    const mid = y + 18;
    const leave = d(f, 'leaving_date');
    const until = d(f, 'cooling_off_until');
    const start = d(f, 'start_date');
    const council = councilNames.get(f.la_code) ?? f.la_code;
    const left_la = laName(coolingOffDetailsOf(f)?.left_la);
    const early = dayOf(until) - dayOf(start);
    const when = early <= 0 ? 'on the last day of the cooling-off' : `${plural(early, 'day')} before the cooling-off ended`;
    parts.push(`<g class="cooling-off" data-id="${esc(f.id)}">`);
    parts.push(text(left - 10, y + 15, esc(truncate(`${council} · ${f.assignment_id}`, 34)), 'class="label strong" text-anchor="end"'));
    parts.push(text(left - 10, y + 29, esc(truncate(`left ${left_la}`, 36)), 'class="small muted" text-anchor="end"'));
    const xl = x(dayOf(leave));
    const xu = x(dayOf(until) + 1);
    const xs = x(dayOf(start));
    parts.push(`<rect x="${n(xl)}" y="${n(mid - 6)}" width="${n(Math.max(1, xu - xl))}" height="12" fill="#fde0d2" stroke="${STATUS_COLOURS.breach}"/>`);
    parts.push(`<line x1="${n(xu)}" x2="${n(xu)}" y1="${n(mid - 10)}" y2="${n(mid + 10)}" stroke="#1a1a1a" stroke-width="2.5"/>`);
    parts.push(`<circle cx="${n(xl)}" cy="${n(mid)}" r="5" fill="#fff" stroke="#1a1a1a" stroke-width="2"/>`);
    parts.push(statusShape('breach', xs, mid, 6, 'class="start"'));
    parts.push(`<title>${esc(council)}, assignment ${esc(f.assignment_id)}: left ${esc(left_la)} on ${esc(longDate(leave))}; cooling-off until ${esc(longDate(until))}; agency start ${esc(longDate(start))}</title>`);
    parts.push(text(infoX, y + 15, esc(`started ${longDate(start)}`), 'class="label"'));
    parts.push(text(infoX, y + 29, esc(when), 'class="small muted"'));
    parts.push('</g>');
    tableRows.push([
      esc(council),
      esc(f.assignment_id),
      esc(f.rule),
      esc(left_la),
      esc(leave),
      esc(until),
      esc(start),
      esc(when),
    ]);
  });
  const height = bottom + 28;
  const desc =
    `Timeline of ${plural(rows.length, 'cooling-off breach', 'cooling-off breaches')}: for each, the date the worker left a permanent post, the end of the cooling-off period and the agency start. ` +
    rows.map((f) => `${councilNames.get(f.la_code) ?? f.la_code} ${f.assignment_id}: left ${d(f, 'leaving_date')}, cooling-off until ${d(f, 'cooling_off_until')}, started ${d(f, 'start_date')}`).join('; ') + '.';
  const svg = svgFrame('cooling-chart', WIDTH, height, 'Cooling-off breaches on a timeline', desc, parts.join(''));
  const caption =
    'A breach is an agency start (triangle) inside the shaded cooling-off period that follows leaving a permanent post (circle).' +
    (exempted > 0 ? ` ${plural(exempted, 'exempted cooling-off finding')} ${exempted === 1 ? 'is' : 'are'} not shown.` : '') +
    (breaches > datedCount ? ` ${plural(breaches - datedCount, 'breach', 'breaches')} without complete dates ${breaches - datedCount === 1 ? 'is' : 'are'} not shown.` : '') +
    (datedCount > rows.length ? ` Only the first ${int(rows.length)} are drawn; ${plural(datedCount - rows.length, 'more breach', 'more breaches')} are in the findings (CSV and JSON reports).` : '');
  const alt = altTable(
    'Show as a table',
    ['Council', 'Assignment', 'Rule', 'Left', 'Leaving date', 'Cooling-off until', 'Agency start', 'Started'],
    tableRows,
  );
  return figure('cooling-chart', svg, caption, alt);
}

export { statusIcon };

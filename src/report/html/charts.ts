// The HTML report's charts, as inline SVG figures. Each figure has a title and a
// description for screen readers, a caption, and (where the chart holds more than the
// caption says) the same figures as a table under "Show as a table". Every label built
// from input text goes through esc().
import { formatPounds, moneyFromNumber } from '../../money.js';
import type { AssignmentPoint, Exemption, ExemptionTally, Finding, PayCapRule, Report, Ruleset } from '../../types.js';
import { coolingOffDetailsOf } from '../../rules/cooling_off.js';
import { payCapDetailsOf } from '../../rules/pay_cap.js';
import type { RegionalTable } from '../regional.js';
import { STATUS_COLOURS } from './assets.js';
import { esc, int } from './escape.js';
import {
  dateAxis, dayOf, isIso, linear, paddedDayRange, longDate, n, niceStep, statusIcon, statusShape, svgFrame, text, truncate, type MarkStatus,
} from './svg.js';

const WIDTH = 960;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${int(count)} ${count === 1 ? one : many}`;
}

function pounds(amount: number): string {
  const m = moneyFromNumber(amount);
  return m ? formatPounds(m.pence) : '?';
}

function figure(id: string, svg: string, caption: string, table = ''): string {
  return `<figure id="${id}-figure">${svg}<figcaption>${caption}</figcaption>${table}</figure>`;
}

function altTable(summary: string, head: string[], rows: string[][], numeric: boolean[] = []): string {
  const th = head.map((h, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`)
    .join('');
  return `<details><summary>${summary}</summary><div class="table-wrap"><table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div></details>`;
}

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
  const max = Math.max(1, ...rows.map((r) => r.breaches));
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

// ---------------------------------------------------------------- 4. pay rates against caps

interface PlotPoint {
  point: AssignmentPoint;
  x: number;
  lane: number;
  title: string;
  offscale: boolean;
}

const MARK_SIZE = 5;
const LANE_H = 10;
const MAX_LANE = 12;

/** Spreads marks vertically so equal rates do not hide each other (a simple beeswarm). */
function dodge(items: Array<{ x: number }>): number[] {
  const order = items.map((it, i) => ({ x: it.x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
  const lanes: number[] = [0];
  for (let k = 1; k <= MAX_LANE; k++) lanes.push(-k, k);
  const last = new Map<number, number>();
  const out = new Array<number>(items.length).fill(0);
  for (const { x, i } of order) {
    let chosen: number | undefined = lanes.find((l) => !last.has(l) || x - last.get(l)! >= MARK_SIZE * 2 + 1);
    if (chosen === undefined) {
      // every lane is crowded here: reuse the one whose last mark is furthest left
      chosen = lanes.reduce((best, l) => (last.get(l)! < last.get(best)! ? l : best), 0);
    }
    last.set(chosen, x);
    out[i] = chosen;
  }
  return out;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Points from the findings alone, when the report carries no `assignments` (breaches and exempted only). */
function pointsFromFindings(report: Report, rule: PayCapRule | undefined): AssignmentPoint[] {
  const out: AssignmentPoint[] = [];
  for (const f of report.findings) {
    if (f.kind !== 'pay_cap' || (rule && f.rule !== rule.id)) continue;
    const rate = payCapDetailsOf(f)?.rate;
    out.push({
      file: f.file, line: f.line, la_code: f.la_code, role: f.context?.role ?? null,
      basis: rule?.basis ?? 'hourly_pay_rate', rate: typeof rate === 'number' ? rate : null, start_date: null, status: f.status,
    });
  }
  return out;
}

export function payRateChart(report: Report, ruleset: Ruleset, councilNames: Map<string, string>): string {
  const provided = Array.isArray(report.assignments);
  const basis = report.assignments?.[0]?.basis ?? ruleset.rules.find((r): r is PayCapRule => r.kind === 'pay_cap')?.basis ?? 'hourly_pay_rate';
  const rule = ruleset.rules.find((r): r is PayCapRule => r.kind === 'pay_cap' && r.basis === basis);
  const points = provided ? report.assignments! : pointsFromFindings(report, rule);
  const basisText = basis === 'hourly_charge_rate' ? 'hourly charge rate' : 'hourly pay rate';
  if (points.length === 0) {
    return `<p>No assignment was checked, so there are no rates to plot.</p>`;
  }
  const findingAt = new Map<string, Finding>();
  for (const f of report.findings) {
    if (f.kind === 'pay_cap' && (!rule || f.rule === rule.id)) findingAt.set(`${f.file}\u0000${f.line}`, f);
  }
  const roleLabels = new Map(ruleset.roles.map((r) => [r.key, r.label]));
  const roleOrder = new Map(ruleset.roles.map((r, i) => [r.key, i]));
  const groups = new Map<string, AssignmentPoint[]>();
  for (const p of points) {
    const key = p.role ?? '\u0000';
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(p);
  }
  const roles = [...groups.keys()].sort((a, b) => (roleOrder.get(a) ?? 1e6) - (roleOrder.get(b) ?? 1e6) || (a < b ? -1 : a > b ? 1 : 0));
  const asOf = report.as_of;
  const capsFor = (role: string): Array<{ amount: number; from: string; to: string | null; current: boolean }> =>
    (rule?.caps ?? [])
      .filter((w) => w.rates.has(role))
      .map((w) => ({ amount: w.rates.get(role)!.amount, from: w.from, to: w.to, current: w.from <= asOf && (w.to === null || asOf <= w.to) }));

  // the rate axis: every cap, and every rate not absurdly far from them
  const caps = roles.flatMap((r) => capsFor(r).map((c) => c.amount));
  const rates = points.map((p) => p.rate).filter((r): r is number => r !== null && Number.isFinite(r));
  const clampLo = caps.length ? Math.min(...caps) * 0.5 : -Infinity;
  const clampHi = caps.length ? Math.max(...caps) * 2 : Infinity;
  const domainValues = [...caps, ...rates.filter((r) => r >= clampLo && r <= clampHi)];
  let lo = domainValues.length ? Math.min(...domainValues) : 0;
  let hi = domainValues.length ? Math.max(...domainValues) : 1;
  const pad = Math.max((hi - lo) * 0.04, 0.5);
  lo = Math.max(0, lo - pad);
  hi += pad;
  const step = niceStep(hi - lo, 9);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;

  const left = 210;
  const gutterX = 240;
  const plotL = 285;
  const plotR = WIDTH - 20;
  const x = linear(lo, hi, plotL, plotR);

  const legend =
    `<g class="legend">` +
    [
      ['compliant', 'compliant (circle)'],
      ['exempted', 'exempted (square)'],
      ['breach', 'over the cap, breach (triangle)'],
      ['unknown', 'no usable rate (hollow diamond)'],
    ]
      .map(([s, label], i) => {
        const lx = [0, 170, 340, 580][i]!;
        return `<g>${statusShape(s as MarkStatus, lx + 6, 10, MARK_SIZE)}${text(lx + 16, 14, esc(label), 'class="label"')}</g>`;
      })
      .join('') +
    `<line x1="${n(0)}" x2="${n(0)}" y1="24" y2="40" stroke="#1a1a1a" stroke-width="2.5"/>${text(8, 36, 'cap in force on the as-of date', 'class="label"')}` +
    `<line x1="${n(230)}" x2="${n(230)}" y1="24" y2="40" stroke="#555" stroke-width="1.5" stroke-dasharray="4 3"/>${text(238, 36, 'cap of another window (for assignments that started then)', 'class="label"')}` +
    `</g>`;

  const parts: string[] = [legend];
  const backgrounds: string[] = [];
  let y = 62;
  const bandTop = y;
  const summaryRows: string[][] = [];
  let offscaleCount = 0;
  const marks: string[] = [];
  roles.forEach((role, bandIndex) => {
    const list = groups.get(role)!;
    const label = role === '\u0000' ? 'Role not recognised' : (roleLabels.get(role) ?? role);
    const roleCaps = role === '\u0000' ? [] : capsFor(role);
    const plotted: PlotPoint[] = list.map((p) => {
      const finding = findingAt.get(`${p.file}\u0000${p.line}`);
      const council = councilNames.get(p.la_code) ?? p.la_code;
      const where = finding ? `assignment ${finding.assignment_id}` : `${p.file} line ${p.line}`;
      let px = gutterX;
      let offscale = false;
      if (p.rate !== null && Number.isFinite(p.rate)) {
        px = x(Math.min(Math.max(p.rate, lo), hi));
        offscale = p.rate < lo || p.rate > hi;
      }
      if (offscale) offscaleCount++;
      const rateText = p.rate === null ? 'no usable rate' : `${pounds(p.rate)}/h${offscale ? ' (off the scale)' : ''}`;
      const status = p.status === 'breach' ? 'over the cap (breach)' : p.status === 'unknown' ? 'unknown' : p.status;
      const title = `${council} · ${where} · ${label} · ${rateText}${p.start_date ? ` · started ${longDate(p.start_date)}` : ''} · ${status}${finding?.exemption ? ` (exemption ${finding.exemption})` : ''}`;
      return { point: p, x: px, lane: 0, title, offscale };
    });
    const lanes = dodge(plotted);
    plotted.forEach((pp, i) => (pp.lane = lanes[i]!));
    const maxLane = Math.max(0, ...lanes.map((l) => Math.abs(l)));
    const older = roleCaps.filter((c) => !c.current);
    const labelTop = 16;
    const labelBottom = 6 + older.length * 13;
    const markArea = Math.max(34, (2 * maxLane + 1) * LANE_H + 12);
    const height = Math.max(64, labelTop + markArea + labelBottom);
    const mid = y + labelTop + markArea / 2;
    if (bandIndex % 2 === 0) backgrounds.push(`<rect x="0" y="${n(y)}" width="${WIDTH}" height="${n(height)}" fill="#f6f6f6"/>`);
    const counts = { breach: 0, exempted: 0, compliant: 0, unknown: 0, norate: 0 };
    for (const pp of plotted) {
      if (pp.point.rate === null) counts.norate++;
      counts[pp.point.status]++;
    }
    parts.push(`<g>${text(left - 10, y + 20, esc(truncate(label, 25)), 'class="label strong" text-anchor="end"')}<title>${esc(label)}</title></g>`);
    parts.push(text(left - 10, y + 35, esc(plural(list.length, 'assignment')), 'class="small muted" text-anchor="end"'));
    const notes = [counts.breach ? `${int(counts.breach)} over the cap` : '', counts.exempted ? `${int(counts.exempted)} exempted` : ''].filter(Boolean).join(' · ');
    if (notes) parts.push(text(left - 10, y + 49, esc(notes), 'class="small muted" text-anchor="end"'));
    // caps
    const markTop = y + labelTop;
    const markBottom = y + labelTop + markArea;
    for (const c of roleCaps.filter((k) => k.current)) {
      const cx = x(c.amount);
      parts.push(`<line x1="${n(cx)}" x2="${n(cx)}" y1="${n(markTop - 4)}" y2="${n(markBottom)}" stroke="#1a1a1a" stroke-width="2.5"><title>cap ${esc(pounds(c.amount))}/h from ${esc(longDate(c.from))}</title></line>`);
      const anchor = cx > plotR - 190 ? ` text-anchor="end"` : '';
      parts.push(text(anchor ? cx - 5 : cx + 5, y + 12, `cap ${esc(pounds(c.amount))} from ${esc(longDate(c.from))}`, `class="small strong halo"${anchor}`));
    }
    older.forEach((c, k) => {
      const cx = x(c.amount);
      const span = `${longDate(c.from)} – ${c.to ? longDate(c.to) : 'open'}`;
      parts.push(`<line x1="${n(cx)}" x2="${n(cx)}" y1="${n(markTop)}" y2="${n(markBottom + 4 + k * 13)}" stroke="#555" stroke-width="1.5" stroke-dasharray="4 3"><title>cap ${esc(pounds(c.amount))}/h, ${esc(span)}</title></line>`);
      parts.push(text(cx - 5, markBottom + 12 + k * 13, `${esc(pounds(c.amount))} (${esc(span)})`, 'class="small muted halo" text-anchor="end"'));
    });
    // compliant marks first, so breaches and exemptions are drawn on top; faint when crowded
    const paint: Record<MarkStatus, number> = { compliant: 0, unknown: 1, exempted: 2, breach: 3 };
    const dense = plotted.length > (2 * MAX_LANE + 1) * ((plotR - plotL) / (MARK_SIZE * 2 + 1)) * 0.15;
    const ordered = plotted.map((pp, i) => ({ pp, i })).sort((a, b) => paint[a.pp.point.status] - paint[b.pp.point.status] || a.i - b.i);
    for (const { pp } of ordered) {
      const status: MarkStatus = pp.point.rate === null ? 'unknown' : pp.point.status;
      const attrs = `class="mark mark-${status}${pp.offscale ? ' offscale' : ''}${dense && status === 'compliant' ? ' dense' : ''}" data-status="${pp.point.status}" data-role="${esc(role === '\u0000' ? '' : role)}"${pp.point.rate === null ? '' : ` data-rate="${esc(String(pp.point.rate))}"`}`;
      marks.push(statusShape(status, pp.x, mid + pp.lane * LANE_H, MARK_SIZE, attrs, esc(pp.title)));
    }
    const withRate = plotted.map((pp) => pp.point.rate).filter((r): r is number => r !== null);
    const current = roleCaps.find((c) => c.current);
    const med = median(withRate);
    summaryRows.push([
      esc(label),
      int(list.length),
      int(counts.compliant),
      int(counts.exempted),
      int(counts.breach),
      int(counts.norate),
      withRate.length ? esc(pounds(Math.min(...withRate))) : '–',
      med === null ? '–' : esc(pounds(med)),
      withRate.length ? esc(pounds(Math.max(...withRate))) : '–',
      current ? esc(pounds(current.amount)) : '–',
    ]);
    y += height + 4;
  });
  const bottom = y;
  // rate axis and gridlines, under the marks
  const axis: string[] = [];
  for (let t = lo; t <= hi + step / 1000; t += step) {
    const tx = x(t);
    axis.push(`<line class="grid" x1="${n(tx)}" x2="${n(tx)}" y1="${n(bandTop)}" y2="${n(bottom)}"/>`);
    axis.push(text(tx, bottom + 15, esc(Number.isInteger(Math.round(t * 100) / 100) ? `£${Math.round(t)}` : pounds(t)), 'class="small muted" text-anchor="middle"'));
  }
  axis.push(`<line class="axis" x1="${n(plotL)}" x2="${n(plotR)}" y1="${n(bottom)}" y2="${n(bottom)}"/>`);
  axis.push(text(gutterX, bottom + 15, 'no rate', 'class="small muted" text-anchor="middle"'));
  axis.push(text((plotL + plotR) / 2, bottom + 32, `${basisText[0]!.toUpperCase()}${basisText.slice(1)} (£ per hour)`, 'class="small muted" text-anchor="middle"'));
  const height = bottom + 42;
  const over = points.filter((p) => p.status === 'breach').length;
  const exempt = points.filter((p) => p.status === 'exempted').length;
  const desc =
    `Dot plot of the ${basisText} of ${plural(points.length, 'assignment')}, one mark each, in a band per role, with the pay cap lines. ` +
    `${int(over)} over the cap (triangles), ${int(exempt)} exempted (squares), the rest compliant (circles) or without a usable rate (diamonds).`;
  const svg = svgFrame('pay-chart', WIDTH, height, `Pay rates against caps (${basisText})`, desc, [...backgrounds, ...axis, ...parts, `<g class="marks">${marks.join('')}</g>`].join(''));
  const caption =
    `${provided ? `Every checked assignment is one mark (${int(points.length)}), placed at its ${basisText}.` : `This report does not hold the compliant assignments: only pay-cap findings are shown (${int(points.length)}).`} ` +
    'Each assignment is judged against the cap of the window in which it started, so a mark right of the solid line can still comply if it started under an earlier cap. ' +
    'Hover a mark for the council, assignment, rate and start date.' +
    (offscaleCount > 0 ? ` ${plural(offscaleCount, 'rate')} far from the caps ${offscaleCount === 1 ? 'is' : 'are'} drawn at the edge of the axis.` : '');
  const alt = altTable(
    'Show as a table',
    ['Role', 'Assignments', 'Compliant', 'Exempted', 'Over the cap', 'No usable rate', 'Lowest', 'Median', 'Highest', 'Cap in force'],
    summaryRows,
    [false, true, true, true, true, true, true, true, true, true],
  );
  return figure('pay-chart', svg, caption, alt);
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

export function coolingOffTimeline(report: Report, councilNames: Map<string, string>, ruleset: Ruleset): string {
  const all = report.findings.filter((f) => f.kind === 'cooling_off' && f.status === 'breach');
  const rows = all.filter((f) => {
    const cool = coolingOffDetailsOf(f);
    return isIso(cool?.leaving_date) && isIso(cool?.cooling_off_until) && isIso(cool?.start_date);
  });
  const exempted = report.findings.filter((f) => f.kind === 'cooling_off' && f.status === 'exempted').length;
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
    (all.length > rows.length ? ` ${plural(all.length - rows.length, 'breach', 'breaches')} without complete dates ${all.length - rows.length === 1 ? 'is' : 'are'} not shown.` : '');
  const alt = altTable(
    'Show as a table',
    ['Council', 'Assignment', 'Rule', 'Left', 'Leaving date', 'Cooling-off until', 'Agency start', 'Started'],
    tableRows,
  );
  return figure('cooling-chart', svg, caption, alt);
}

export { statusIcon };

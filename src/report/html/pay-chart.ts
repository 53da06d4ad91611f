// The pay-rates chart of the HTML report: every checked assignment as a mark (shape
// and colour by status) against the cap lines, in a band per role.
import type { AssignmentPoint, AssignmentPoints, Finding, PayCapRule, Report, Ruleset } from '../../types.js';
import { payCapDetailsOf } from '../../rules/pay_cap.js';
import { capApplies, PAY_MARKS_MAX, PayPointsTally } from '../pay-points.js';
import { append, maxOf, minOf } from '../shared.js';
import { esc, int } from './escape.js';
import { altTable, figure, plural, pounds, WIDTH } from './figure.js';
import { linear, longDate, n, niceStep, statusShape, svgFrame, text, wrapWords, type MarkStatus } from './svg.js';

// ---------------------------------------------------------------- 4. pay rates against caps

/**
 * Checked rows of one status, role and rate: one point (count 1, `point` given) when the
 * chart draws each, else how many (src/report/pay-points.ts).
 */
interface Entry {
  role: string | null;
  status: AssignmentPoint['status'];
  rate: number | null;
  capped: boolean;
  count: number;
  point: AssignmentPoint | null;
}

interface PlotPoint {
  point: Entry;
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

export { PAY_MARKS_MAX } from '../pay-points.js';

/** Width of a rate bin in aggregate mode, in pixels: about one mark. */
const BIN_PX = MARK_SIZE * 2 + 1;

/** The median of the entries' rates, each counted `count` times. */
function median(entries: Entry[]): number | null {
  const rated = entries.filter((e): e is Entry & { rate: number } => e.rate !== null).sort((a, b) => a.rate - b.rate);
  let total = 0;
  for (const e of rated) total += e.count;
  if (total === 0) return null;
  const at = (index: number): number => {
    let seen = 0;
    for (const e of rated) {
      seen += e.count;
      if (index < seen) return e.rate;
    }
    return rated[rated.length - 1]!.rate;
  };
  const mid = Math.floor(total / 2);
  return total % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** Points from the findings alone, when the report carries no `assignments` (breaches and exempted only). */
function pointsFromFindings(report: Report, basis: AssignmentPoints['basis'], rule: PayCapRule | undefined): AssignmentPoints {
  const tally = new PayPointsTally(basis, rule);
  for (const f of report.findings) {
    if (f.kind !== 'pay_cap' || (rule && f.rule !== rule.id)) continue;
    const rate = payCapDetailsOf(f)?.rate;
    tally.add({
      file: f.file, line: f.line, la_code: f.la_code, role: f.context?.role ?? null,
      basis, rate: typeof rate === 'number' ? rate : null, start_date: null, status: f.status,
    });
  }
  return tally.result();
}

/** The rows to draw: each point while there are few, else the counts by status, role and rate. */
function entriesOf(data: AssignmentPoints, rule: PayCapRule | undefined): Entry[] {
  if (data.points !== null) {
    return data.points.map((p) => ({ role: p.role, status: p.status, rate: p.rate, capped: p.status === 'compliant' && capApplies(rule, p), count: 1, point: p }));
  }
  return data.rates.map((r) => ({ ...r, point: null }));
}

/**
 * How a point is drawn. A row the pay-cap rule did not check against a cap — its role
 * not recognised, no cap for its role in the window it started in, no start date, no
 * usable rate — reaches the report as "compliant" (no finding), but it was not checked:
 * it is drawn and counted as "not checked" (a hollow diamond), never as a compliant circle.
 */
function drawnStatus(p: Entry): MarkStatus {
  if (p.status !== 'compliant') return p.rate === null ? 'unknown' : p.status;
  return p.capped ? 'compliant' : 'unknown';
}

function statusWords(p: Entry): string {
  const drawn = drawnStatus(p);
  if (drawn === 'unknown') {
    if (p.rate === null) return 'not checked: no usable rate';
    if (p.role === null) return 'not checked: role not recognised';
    return 'not checked: no cap for the role when it started';
  }
  return drawn === 'breach' ? 'over the cap (breach)' : drawn;
}

/** One mark per (status, rate bin) of a role's assignments, titled with how many it stands for. */
function binnedMarks(list: Entry[], label: string, place: (p: Entry) => { px: number; offscale: boolean }): PlotPoint[] {
  const bins = new Map<string, { point: Entry; x: number; offscale: boolean; count: number; lo: number; hi: number }>();
  for (const p of list) {
    const { px, offscale } = place(p);
    const key = `${drawnStatus(p)}\u0000${p.rate === null ? 'none' : Math.round(px / BIN_PX)}`;
    const bin = bins.get(key);
    if (!bin) {
      bins.set(key, { point: p, x: px, offscale, count: p.count, lo: p.rate ?? NaN, hi: p.rate ?? NaN });
      continue;
    }
    bin.count += p.count;
    if (p.rate !== null) {
      if (!(p.rate >= bin.lo)) bin.lo = p.rate;
      if (!(p.rate <= bin.hi)) bin.hi = p.rate;
    }
  }
  return [...bins.values()].map((b) => {
    const rates = Number.isNaN(b.lo) ? 'no usable rate' : b.lo === b.hi ? `${pounds(b.lo)}/h` : `${pounds(b.lo)}–${pounds(b.hi)}/h`;
    const title = `${label} · ${plural(b.count, 'assignment')} at ${rates} · ${statusWords(b.point)}`;
    return { point: b.point, x: b.x, lane: 0, title, offscale: b.offscale };
  });
}

export function payRateChart(report: Report, ruleset: Ruleset, councilNames: Map<string, string>): string {
  const provided = report.assignments !== undefined;
  const basis = (report.assignments?.count ? report.assignments.basis : undefined) ?? ruleset.rules.find((r): r is PayCapRule => r.kind === 'pay_cap')?.basis ?? 'hourly_pay_rate';
  const rule = ruleset.rules.find((r): r is PayCapRule => r.kind === 'pay_cap' && r.basis === basis);
  const data = report.assignments ?? pointsFromFindings(report, basis, rule);
  const basisText = basis === 'hourly_charge_rate' ? 'hourly charge rate' : 'hourly pay rate';
  // Above PAY_MARKS_MAX assignments the marks are drawn from aggregates: one per role, rate bin and status.
  const aggregated = data.points === null;
  const total = data.count;
  const entries = entriesOf(data, rule);
  if (total === 0) {
    return `<p>No assignment was checked, so there are no rates to plot.</p>`;
  }
  // Each mark's title names its finding; aggregated marks name none, so a million findings are not held for them.
  const findingAt = new Map<string, Finding>();
  if (!aggregated) {
    for (const f of report.findings) {
      if (f.kind === 'pay_cap' && (!rule || f.rule === rule.id)) findingAt.set(`${f.file}\u0000${f.line}`, f);
    }
  }
  const roleLabels = new Map(ruleset.roles.map((r) => [r.key, r.label]));
  const roleOrder = new Map(ruleset.roles.map((r, i) => [r.key, i]));
  const groups = new Map<string, Entry[]>();
  for (const p of entries) {
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
  const rates: number[] = [];
  for (const p of entries) if (p.rate !== null && Number.isFinite(p.rate)) rates.push(p.rate);
  const clampLo = caps.length ? minOf(caps) * 0.5 : -Infinity;
  const clampHi = caps.length ? maxOf(caps) * 2 : Infinity;
  const domainValues = append([...caps], rates.filter((r) => r >= clampLo && r <= clampHi));
  let lo = minOf(domainValues, 0);
  let hi = maxOf(domainValues, 1);
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
      ['unknown', 'not checked against a cap (hollow diamond)'],
    ]
      .map(([s, label], i) => {
        const lx = [0, 150, 300, 520][i]!;
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
    const place = (p: Entry): { px: number; offscale: boolean } => {
      if (p.rate === null || !Number.isFinite(p.rate)) return { px: gutterX, offscale: false };
      const offscale = p.rate < lo || p.rate > hi;
      if (offscale) offscaleCount += p.count;
      return { px: x(Math.min(Math.max(p.rate, lo), hi)), offscale };
    };
    const plotted: PlotPoint[] = aggregated
      ? binnedMarks(list, label, place)
      : list.map((entry) => {
          const p = entry.point!;
          const finding = findingAt.get(`${p.file}\u0000${p.line}`);
          const council = councilNames.get(p.la_code) ?? p.la_code;
          const where = finding ? `assignment ${finding.assignment_id}` : `${p.file} line ${p.line}`;
          const { px, offscale } = place(entry);
          const rateText = p.rate === null ? 'no usable rate' : `${pounds(p.rate)}/h${offscale ? ' (off the scale)' : ''}`;
          const title = `${council} · ${where} · ${label} · ${rateText}${p.start_date ? ` · started ${longDate(p.start_date)}` : ''} · ${statusWords(entry)}${finding?.exemption ? ` (exemption ${finding.exemption})` : ''}`;
          return { point: entry, x: px, lane: 0, title, offscale };
        });
    const lanes = dodge(plotted);
    plotted.forEach((pp, i) => (pp.lane = lanes[i]!));
    const maxLane = Math.max(0, maxOf(lanes.map((l) => Math.abs(l))));
    const older = roleCaps.filter((c) => !c.current);
    const labelTop = 16;
    const labelBottom = 6 + older.length * 13;
    const markArea = Math.max(34, (2 * maxLane + 1) * LANE_H + 12);
    // a long role label is broken onto lines, never cut ("IRO / Child Protection Conference Chair")
    const labelLines = wrapWords(label, 26);
    const counts: Record<MarkStatus, number> = { breach: 0, exempted: 0, compliant: 0, unknown: 0 };
    let assignments = 0;
    for (const p of list) {
      counts[drawnStatus(p)] += p.count;
      assignments += p.count;
    }
    // the counts under the label, as many to a line as fit the 200 px left of the plot
    const notes = [counts.breach ? `${int(counts.breach)} over the cap` : '', counts.exempted ? `${int(counts.exempted)} exempted` : '', counts.unknown ? `${int(counts.unknown)} not checked` : ''].filter(Boolean);
    const noteLines: string[] = [];
    for (const note of notes) {
      const last = noteLines.length - 1;
      if (last >= 0 && [...`${noteLines[last]} · ${note}`].length <= 30) noteLines[last] = `${noteLines[last]} · ${note}`;
      else noteLines.push(note);
    }
    const textBottom = 20 + (labelLines.length - 1) * 14 + 15 + noteLines.length * 13 + 12;
    const height = Math.max(64, labelTop + markArea + labelBottom, textBottom);
    const mid = y + labelTop + markArea / 2;
    if (bandIndex % 2 === 0) backgrounds.push(`<rect x="0" y="${n(y)}" width="${WIDTH}" height="${n(height)}" fill="#f6f6f6"/>`);
    const below = (labelLines.length - 1) * 14;
    parts.push(`<g>${labelLines.map((l, k) => text(left - 10, y + 20 + k * 14, esc(l), 'class="label strong" text-anchor="end"')).join('')}<title>${esc(label)}</title></g>`);
    parts.push(text(left - 10, y + 35 + below, esc(plural(assignments, 'assignment')), 'class="small muted" text-anchor="end"'));
    noteLines.forEach((line, k) => parts.push(text(left - 10, y + 49 + below + k * 13, esc(line), 'class="small muted" text-anchor="end"')));
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
      // a row not checked against a cap is not "compliant" (drawnStatus)
      const status = drawnStatus(pp.point);
      const shown = status === 'unknown' && pp.point.status === 'compliant' ? 'not-checked' : pp.point.status;
      const attrs = `class="mark mark-${status}${pp.offscale ? ' offscale' : ''}${dense && status === 'compliant' ? ' dense' : ''}" data-status="${shown}" data-role="${esc(role === '\u0000' ? '' : role)}"${pp.point.rate === null ? '' : ` data-rate="${esc(String(pp.point.rate))}"`}`;
      marks.push(statusShape(status, pp.x, mid + pp.lane * LANE_H, MARK_SIZE, attrs, esc(pp.title)));
    }
    const withRate = list.map((p) => p.rate).filter((r): r is number => r !== null);
    const current = roleCaps.find((c) => c.current);
    const med = median(list);
    summaryRows.push([
      esc(label),
      int(assignments),
      int(counts.compliant),
      int(counts.exempted),
      int(counts.breach),
      int(counts.unknown),
      withRate.length ? esc(pounds(minOf(withRate))) : '–',
      med === null ? '–' : esc(pounds(med)),
      withRate.length ? esc(pounds(maxOf(withRate))) : '–',
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
  let over = 0;
  let exempt = 0;
  for (const p of entries) {
    if (p.status === 'breach') over += p.count;
    else if (p.status === 'exempted') exempt += p.count;
  }
  const desc =
    `Dot plot of the ${basisText} of ${plural(total, 'assignment')}, ${aggregated ? 'one mark per rate band and status' : 'one mark each'}, in a band per role, with the pay cap lines. ` +
    `${int(over)} over the cap (triangles), ${int(exempt)} exempted (squares), the rest compliant (circles) or not checked against a cap (diamonds: no usable rate, role not recognised, or no cap for the role).`;
  const svg = svgFrame('pay-chart', WIDTH, height, `Pay rates against caps (${basisText})`, desc, [...backgrounds, ...axis, ...parts, `<g class="marks">${marks.join('')}</g>`].join(''));
  const caption =
    `${aggregated ? `With ${int(total)} assignments, each mark stands for the assignments of one status in a narrow band of ${basisText}s (hover it for how many).` : provided ? `Every checked assignment is one mark (${int(total)}), placed at its ${basisText}.` : `This report does not hold the compliant assignments: only pay-cap findings are shown (${int(total)}).`} ` +
    'Each assignment is judged against the cap of the window in which it started, so a mark right of the solid line can still comply if it started under an earlier cap. ' +
    'A hollow diamond was not checked against a cap: it has no usable rate, a role the ruleset does not know, or no cap for its role when it started. ' +
    'Hover a mark for the council, assignment, rate and start date.' +
    (offscaleCount > 0 ? ` ${plural(offscaleCount, 'rate')} far from the caps ${offscaleCount === 1 ? 'is' : 'are'} drawn at the edge of the axis.` : '');
  const alt = altTable(
    'Show as a table',
    ['Role', 'Assignments', 'Compliant', 'Exempted', 'Over the cap', 'Not checked', 'Lowest', 'Median', 'Highest', 'Cap in force'],
    summaryRows,
    [false, true, true, true, true, true, true, true, true, true],
  );
  return figure('pay-chart', svg, caption, alt);
}


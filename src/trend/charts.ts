// SVG line and bar charts over months for the trend page. A month with no report is a
// hatched band labelled "no report": lines break there and no bar is drawn, so a gap
// never reads as zero. Every series has its own colour AND marker shape and is named
// at its last point; each chart carries a title and a description for screen readers,
// and the page shows the same figures in a table beside it.
import { esc } from '../report/html/escape.js';
import { n, niceStep, svgFrame, text, truncate } from '../report/html/svg.js';

export interface ChartSeries {
  label: string;
  /** one value per key; null where there is nothing to plot */
  values: Array<number | null>;
  colour?: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  desc: string;
  keys: string[];
  /** the keys with no report (gaps) */
  gaps: boolean[];
  series: ChartSeries[];
  kind: 'line' | 'bar';
  /** the y axis */
  format: (value: number) => string;
  /** tooltips and the labels at each line's end (default: format) */
  valueFormat?: (value: number) => string;
  /** a fixed top of the scale (1 for shares) */
  max?: number;
  /** whole numbers (counts): ticks at least 1 apart */
  integer?: boolean;
}

/** Okabe–Ito colours that keep ≥ 3:1 against white, then black. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8C6D00', '#000000', '#5B3A8E', '#7F7F7F'];

const WIDTH = 820;
const HEIGHT = 280;
const LEFT = 64;
const RIGHT = 170;
const TOP = 18;
const BOTTOM = 46;

/** A marker whose shape tells the series apart without colour. */
function marker(index: number, x: number, y: number, colour: string, title: string): string {
  const s = 4.5;
  const t = `<title>${title}</title>`;
  const common = `fill="${colour}" stroke="#fff" stroke-width="1"`;
  switch (index % 5) {
    case 0:
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(s)}" ${common}>${t}</circle>`;
    case 1:
      return `<rect x="${n(x - s)}" y="${n(y - s)}" width="${n(2 * s)}" height="${n(2 * s)}" ${common}>${t}</rect>`;
    case 2:
      return `<polygon points="${n(x)},${n(y - s * 1.2)} ${n(x + s * 1.1)},${n(y + s * 0.9)} ${n(x - s * 1.1)},${n(y + s * 0.9)}" ${common}>${t}</polygon>`;
    case 3:
      return `<polygon points="${n(x)},${n(y - s * 1.2)} ${n(x + s * 1.2)},${n(y)} ${n(x)},${n(y + s * 1.2)} ${n(x - s * 1.2)},${n(y)}" ${common}>${t}</polygon>`;
    default:
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(s)}" fill="#fff" stroke="${colour}" stroke-width="2">${t}</circle>`;
  }
}

/** Labels at the right, nudged apart so that none overlaps another. */
function spreadLabels(items: Array<{ y: number; text: string; colour: string }>, top: number, bottom: number): string {
  const sorted = [...items].sort((a, b) => a.y - b.y);
  const gap = 13;
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.y - sorted[i - 1]!.y < gap) sorted[i]!.y = sorted[i - 1]!.y + gap;
  const overflow = sorted.length > 0 ? sorted[sorted.length - 1]!.y - bottom : 0;
  if (overflow > 0) for (const item of sorted) item.y = Math.max(top, item.y - overflow);
  return sorted.map((item) => text(WIDTH - RIGHT + 12, item.y + 4, esc(truncate(item.text, 24)), `class="label halo" fill="${item.colour}"`)).join('');
}

export function trendChart(spec: ChartSpec): string {
  const count = spec.keys.length;
  const plotW = WIDTH - LEFT - RIGHT;
  const bottom = HEIGHT - BOTTOM;
  const step = plotW / Math.max(1, count);
  const xAt = (i: number) => LEFT + (i + 0.5) * step;
  let top = spec.max ?? 0;
  for (const s of spec.series) for (const v of s.values) if (v !== null && v > top) top = v;
  const tick = spec.max !== undefined ? spec.max / 4 : niceStep(top || 1, 4, [1, 2, 2.5, 5]);
  const tickStep = spec.integer ? Math.max(1, Math.ceil(tick)) : tick;
  const yMax = spec.max ?? Math.max(tickStep, Math.ceil((top || 1) / tickStep) * tickStep);
  const yAt = (v: number) => bottom - (v / yMax) * (bottom - TOP);
  const parts: string[] = [];

  // gaps first, under everything
  spec.gaps.forEach((gap, i) => {
    if (!gap) return;
    parts.push(`<rect class="gap" x="${n(LEFT + i * step)}" y="${n(TOP)}" width="${n(step)}" height="${n(bottom - TOP)}" fill="url(#${spec.id}-hatch)"><title>${esc(spec.keys[i]!)}: no report</title></rect>`);
    parts.push(text(xAt(i), TOP + 14, 'no report', 'class="small strong muted halo" text-anchor="middle"'));
  });
  // y grid and axis
  for (let v = 0; v <= yMax + 1e-9; v += tickStep) {
    const y = yAt(v);
    parts.push(`<line class="grid" x1="${n(LEFT)}" x2="${n(WIDTH - RIGHT)}" y1="${n(y)}" y2="${n(y)}"/>`);
    parts.push(text(LEFT - 8, y + 4, esc(spec.format(v)), 'class="small muted" text-anchor="end"'));
  }
  parts.push(`<line class="axis" x1="${n(LEFT)}" x2="${n(WIDTH - RIGHT)}" y1="${n(bottom)}" y2="${n(bottom)}"/>`);
  const labelEvery = Math.ceil(count / 12);
  spec.keys.forEach((key, i) => {
    if (i % labelEvery === 0 || i === count - 1) parts.push(text(xAt(i), bottom + 17, esc(key), 'class="small" text-anchor="middle"'));
  });

  const labels: Array<{ y: number; text: string; colour: string }> = [];
  spec.series.forEach((series, si) => {
    const colour = series.colour ?? PALETTE[si % PALETTE.length]!;
    const show = spec.valueFormat ?? spec.format;
    const tip = (i: number, v: number) => esc(`${series.label}, ${spec.keys[i]}: ${show(v)}`);
    if (spec.kind === 'bar') {
      const barW = Math.min(48, (step * 0.7) / spec.series.length);
      series.values.forEach((v, i) => {
        if (v === null) return;
        const x = xAt(i) - (barW * spec.series.length) / 2 + si * barW;
        const y = yAt(v);
        parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(barW)}" height="${n(Math.max(0, bottom - y))}" fill="${colour}"><title>${tip(i, v)}</title></rect>`);
        parts.push(text(x + barW / 2, y - 5, esc(spec.format(v)), 'class="small halo" text-anchor="middle"'));
      });
      return;
    }
    // a line in segments: a gap (null) breaks it
    let segment: string[] = [];
    const flush = () => {
      if (segment.length > 1) parts.push(`<polyline points="${segment.join(' ')}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-linejoin="round"/>`);
      segment = [];
    };
    series.values.forEach((v, i) => {
      if (v === null) return flush();
      segment.push(`${n(xAt(i))},${n(yAt(v))}`);
    });
    flush();
    let last = -1;
    series.values.forEach((v, i) => {
      if (v === null) return;
      parts.push(marker(si, xAt(i), yAt(v), colour, tip(i, v)));
      last = i;
    });
    if (last >= 0) labels.push({ y: yAt(series.values[last]!), text: `${series.label}: ${show(series.values[last]!)}`, colour });
  });
  if (spec.kind === 'line') parts.push(spreadLabels(labels, TOP, bottom));
  else if (spec.series.length > 1) {
    spec.series.forEach((series, si) => {
      const colour = series.colour ?? PALETTE[si % PALETTE.length]!;
      const y = TOP + 8 + si * 16;
      parts.push(`<rect x="${n(WIDTH - RIGHT + 12)}" y="${n(y - 9)}" width="10" height="10" fill="${colour}"/>`);
      parts.push(text(WIDTH - RIGHT + 28, y, esc(truncate(series.label, 22)), 'class="label"'));
    });
  }
  const defs =
    `<defs><pattern id="${spec.id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    '<rect width="8" height="8" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="8" stroke="#bdbdbd" stroke-width="3"/></pattern></defs>';
  return svgFrame(spec.id, WIDTH, HEIGHT, spec.title, spec.desc, defs + parts.join(''));
}

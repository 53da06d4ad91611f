// Small helpers the HTML report's SVG charts share: numbers, scales, date axes, shapes.
import { dayNumber } from '../../dates.js';
import { STATUS_COLOURS } from './assets.js';
import { esc } from './escape.js';
import { maxOf, minOf } from '../shared.js';

/** A coordinate with at most two decimals (keeps the SVG small and deterministic). */
export function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** A "nice" tick step giving about `target` ticks over span. */
export function niceStep(span: number, target: number, steps: readonly number[] = [0.5, 1, 2, 2.5, 5]): number {
  const raw = span / Math.max(1, target);
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  for (const s of steps) if (s * magnitude >= raw) return s * magnitude;
  return 10 * magnitude;
}

/** Text cut to `max` characters (with an ellipsis), before escaping. */
export function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Text broken at spaces into lines of at most `width` characters (a word longer than
 * that gets a line of its own, cut only if more than `maxLines` lines would be needed:
 * then the last line ends with "…"), so a long label is shown whole, not cut.
 */
export function wrapWords(text: string, width: number, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line === '') line = word;
    else if ([...line].length + 1 + [...word].length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines.map((l) => truncate(l, width));
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, width);
  return kept.map((l) => truncate(l, width));
}

/** An <svg> with a title and description for screen readers (role="img"). */
export function svgFrame(id: string, width: number, height: number, title: string, desc: string, body: string): string {
  return (
    `<svg id="${id}" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" preserveAspectRatio="xMinYMin meet">` +
    `<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(desc)}</desc>${body}</svg>`
  );
}

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${n(x)}" y="${n(y)}"${attrs ? ` ${attrs}` : ''}>${content}</text>`;
}

// ---------------------------------------------------------------- status marks

export type MarkStatus = 'breach' | 'exempted' | 'compliant' | 'unknown';

/**
 * One mark whose SHAPE carries the status as well as its colour: compliant a circle,
 * exempted a square, breach a triangle, unknown (no usable rate) a hollow diamond.
 * `attrs` are extra attributes (already escaped); `title` is escaped text for a tooltip.
 */
export function statusShape(status: MarkStatus, x: number, y: number, size = 5, attrs = '', title = ''): string {
  const fill = STATUS_COLOURS[status];
  const a = attrs ? ` ${attrs}` : '';
  const close = (tag: string): string => (title ? `><title>${title}</title></${tag}>` : '/>');
  switch (status) {
    case 'compliant':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(size * 0.85)}" fill="${fill}" stroke="#fff" stroke-width="0.8"${a}${close('circle')}`;
    case 'exempted':
      return `<rect x="${n(x - size * 0.8)}" y="${n(y - size * 0.8)}" width="${n(size * 1.6)}" height="${n(size * 1.6)}" fill="${fill}" stroke="#fff" stroke-width="0.8"${a}${close('rect')}`;
    case 'breach':
      return `<polygon points="${n(x)},${n(y - size * 1.1)} ${n(x + size * 1.05)},${n(y + size * 0.8)} ${n(x - size * 1.05)},${n(y + size * 0.8)}" fill="${fill}" stroke="#fff" stroke-width="0.8"${a}${close('polygon')}`;
    default:
      return `<polygon points="${n(x)},${n(y - size)} ${n(x + size)},${n(y)} ${n(x)},${n(y + size)} ${n(x - size)},${n(y)}" fill="#fff" stroke="${fill}" stroke-width="1.6"${a}${close('polygon')}`;
  }
}

/** A small status mark for legends and table cells (decorative: the text says the status). */
export function statusIcon(status: MarkStatus): string {
  return `<svg viewBox="0 0 12 12" aria-hidden="true" focusable="false">${statusShape(status, 6, 6.5, 4.6)}</svg>`;
}

// ---------------------------------------------------------------- dates

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIso(value: unknown): value is string {
  return typeof value === 'string' && ISO_RE.test(value);
}

/** Days since 1970-01-01 (UTC) of an ISO date. */
export function dayOf(date: string): number {
  return ISO_RE.test(date) ? dayNumber(date) : NaN;
}

/** The day range of a timeline: every day given, plus 3% (at least 10 days) either side. */
export function paddedDayRange(days: number[]): [number, number] {
  const lo = minOf(days);
  const hi = maxOf(days);
  const pad = Math.max(10, (hi - lo) * 0.03);
  return [lo - pad, hi + pad];
}

/** "3 Mar 2025" for an ISO date (no locale data needed). */
export function longDate(date: string): string {
  const m = ISO_RE.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? '?'} ${m[1]}`;
}

/** Month-start ticks between two day numbers, thinned to at most ~7. */
export function monthTicks(d0: number, d1: number): Array<{ day: number; label: string }> {
  const start = new Date(d0 * 86_400_000);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth() + 1;
  if (m > 11) {
    m = 0;
    y++;
  }
  const all: Array<{ day: number; y: number; m: number }> = [];
  for (;;) {
    const day = Date.UTC(y, m, 1) / 86_400_000;
    if (day > d1) break;
    all.push({ day, y, m });
    m++;
    if (m > 11) {
      m = 0;
      y++;
    }
    if (all.length > 1200) break;
  }
  const step = [1, 2, 3, 6, 12, 24, 60].find((s) => all.length / s <= 7) ?? 120;
  return all
    .filter((t) => (t.y * 12 + t.m) % step === 0)
    .map((t) => ({ day: t.day, label: step >= 12 ? String(t.y) : `${MONTHS[t.m]} ${t.y}` }));
}

/** A bottom date axis with month gridlines, and the as-of date marked. */
export function dateAxis(
  x: (day: number) => number,
  d0: number,
  d1: number,
  top: number,
  bottom: number,
  asOf: string,
): string {
  const parts: string[] = [];
  for (const t of monthTicks(d0, d1)) {
    const tx = x(t.day);
    parts.push(`<line class="grid" x1="${n(tx)}" x2="${n(tx)}" y1="${n(top)}" y2="${n(bottom)}"/>`);
    parts.push(text(tx, bottom + 15, esc(t.label), 'class="small muted" text-anchor="middle"'));
  }
  parts.push(`<line class="axis" x1="${n(x(d0))}" x2="${n(x(d1))}" y1="${n(bottom)}" y2="${n(bottom)}"/>`);
  const ax = x(dayOf(asOf));
  if (Number.isFinite(ax)) {
    parts.push(`<line x1="${n(ax)}" x2="${n(ax)}" y1="${n(top - 4)}" y2="${n(bottom)}" stroke="#1a1a1a" stroke-width="1.5" stroke-dasharray="5 3"/>`);
    parts.push(text(ax, top - 8, `as of ${esc(longDate(asOf))}`, 'class="small strong halo" text-anchor="middle"'));
  }
  return parts.join('');
}

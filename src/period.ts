// Reporting periods (rules.md **Period**, readings 11, 12, 23): a calendar month
// `YYYY-MM`, a calendar quarter `YYYY-Qn` (a lower-case q too) or a range of days
// `YYYY-MM-DD..YYYY-MM-DD`, both days inside. Dates stay 'YYYY-MM-DD' strings, which
// compare correctly as strings.
import { daysInMonth, isoDate, parseIsoDate } from './dates.js';
import type { IsoDate } from './types.js';

/** A period as report.md v1.1 writes it: `{"from", "to"}`, both days inside. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export type PeriodParse = { ok: true; period: Period } | { ok: false; message: string };

/** What a usage error shows, so that the person sees every accepted form. */
export const PERIOD_FORMS = '2025-11 (a month), 2025-Q3 (a quarter, Q1 = January to March) or 2025-07-01..2025-09-30 (a range of days, both inside)';

const MONTH_RE = /^(\d{4})-(\d{2})$/;
const QUARTER_RE = /^(\d{4})-[Qq](\d)$/;
const RANGE_RE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

function monthPeriod(year: number, first: number, last: number): Period {
  return { from: isoDate(year, first, 1), to: isoDate(year, last, daysInMonth(year, last)) };
}

/** Parses a `--period` value; the failure message names the value and the accepted forms. */
export function parsePeriod(text: string): PeriodParse {
  const value = text.trim();
  const refuse = (why: string): PeriodParse => ({ ok: false, message: `--period "${text}" ${why}; use ${PERIOD_FORMS}` });
  let m = MONTH_RE.exec(value);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (year < 1 || month < 1 || month > 12) return refuse('is not a calendar month');
    return { ok: true, period: monthPeriod(year, month, month) };
  }
  m = QUARTER_RE.exec(value);
  if (m) {
    const year = Number(m[1]);
    const quarter = Number(m[2]);
    if (year < 1 || quarter < 1 || quarter > 4) return refuse('is not a calendar quarter (Q1 to Q4)');
    return { ok: true, period: monthPeriod(year, quarter * 3 - 2, quarter * 3) };
  }
  m = RANGE_RE.exec(value);
  if (m) {
    const from = parseIsoDate(m[1]!);
    const to = parseIsoDate(m[2]!);
    if (!from) return refuse(`starts on ${m[1]}, which is not a real day`);
    if (!to) return refuse(`ends on ${m[2]}, which is not a real day`);
    if (to < from) return refuse(`ends (${to}) before it starts (${from})`);
    return { ok: true, period: { from, to } };
  }
  return refuse('is not a month, a quarter or a range of days');
}

/**
 * Whether an assignment row is out of period: its valid start is after the period's
 * last day, or its valid end is before the period's first day. Only the dates are read
 * (reading 11): an end before its own start still counts, and a blank or invalid date
 * (null here) never removes the row.
 */
export function assignmentOutOfPeriod(period: Period, start: IsoDate | null, end: IsoDate | null): boolean {
  return (start !== null && start > period.to) || (end !== null && end < period.from);
}

/** A starters row is out of period when its valid start_date is outside the period (reading 12). */
export function starterOutOfPeriod(period: Period, start: IsoDate | null): boolean {
  return start !== null && (start < period.from || start > period.to);
}

/** The period's own name when it is a whole month or quarter (`2025-11`, `2025-Q3`), else `from..to`. */
export function periodLabel(period: Period): string {
  const year = Number(period.from.slice(0, 4));
  const first = Number(period.from.slice(5, 7));
  const last = Number(period.to.slice(5, 7));
  const whole = period.from.endsWith('-01') && period.to.slice(0, 4) === period.from.slice(0, 4) && period.to === monthPeriod(year, first, last).to;
  if (whole && first === last) return period.from.slice(0, 7);
  if (whole && last === first + 2 && first % 3 === 1) return `${year}-Q${(first + 2) / 3}`;
  return `${period.from}..${period.to}`;
}

/**
 * The sentence every human-facing report shows for a run with a period, or null
 * without one: "2025-11 (1 Nov to 30 Nov 2025 ...)", and how many rows it left out.
 */
export function periodSentence(report: { period?: Period; summary: { out_of_period?: number } }): string | null {
  if (!report.period) return null;
  const out = report.summary.out_of_period ?? 0;
  const label = periodLabel(report.period);
  const span = label.includes('..') ? `${report.period.from} to ${report.period.to}` : `${label}, ${report.period.from} to ${report.period.to}`;
  return `${span}; ${out} row${out === 1 ? '' : 's'} outside the period ${out === 1 ? 'was' : 'were'} not checked`;
}

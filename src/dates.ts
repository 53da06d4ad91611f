// Calendar dates as 'YYYY-MM-DD' strings: they compare correctly as strings and
// never meet a time zone.
/** Always 'YYYY-MM-DD'. */
export type IsoDate = string;

/** The last day a date may name: date arithmetic stops here rather than leave 0001-9999. */
export const LAST_DATE: IsoDate = '9999-12-31';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  // month is 1-12; arithmetic rather than a Date per call (it runs once per date
  // cell, and Date.UTC reads years 0-99 as 1900-1999)
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return DAYS_IN_MONTH[month - 1] ?? Number.NaN;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A real calendar date in 0001-9999 (rejects 2025-02-31). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses exactly 'YYYY-MM-DD' naming a real day; null otherwise. */
export function parseIsoDate(text: string): IsoDate | null {
  const m = ISO_RE.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isRealDate(y, mo, d) ? text : null;
}

/**
 * The same day n months later, clamped to the end of that month (rules.md
 * add_months: 2025-08-31 + 6 = 2026-02-28). Total: a result past 9999-12-31 is
 * 9999-12-31, so it still compares correctly as text with every real date (a
 * five-digit year would sort before 9999).
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const total = y * 12 + (m - 1) + Math.trunc(n);
  if (!Number.isFinite(total) || total > 9999 * 12 + 11) return LAST_DATE;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return isoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Days since 1970-01-01, for arithmetic and chart axes (days-from-civil, exact for every year). */
export function dayNumber(date: IsoDate): number {
  const y0 = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Today's local date, for the default --as-of. */
export function todayLocal(): IsoDate {
  const now = new Date();
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

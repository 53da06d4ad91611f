// Workbook cell values as text, "as a person sees them in the cell" (engagements.md
// section 4; readings 26, 41), so the value formats of CSV files apply unchanged.

/** Excel's built-in number formats that are dates: 14–22 and 45–47 (section 4). */
function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

/** `[h]`, `[mm]`, `[ss]`: elapsed time, a duration rather than a date (reading 26). */
const DURATION = /\[(h+|m+|s+)\]/i;

/**
 * How a number with this format is shown: a date, or the number itself.
 * A custom format is a date when `d`, `m`, `y`, `h` or `s` (any case) stands outside
 * quotes and brackets; a duration format (`[h]:mm`) is a number (reading 26).
 */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (isBuiltInDateFormat(id)) return true;
  if (code === undefined) return false;
  if (DURATION.test(code)) return false;
  const outside = code.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(outside);
}

/**
 * The shortest decimal text that reads back as the same number, without exponent
 * (`38.5`, `52`, `0.1`, `1e21` → `1000000000000000000000`). JavaScript's own
 * shortest round-trip digits, with the exponent written out.
 */
export function numberText(n: number): string {
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  // position of the decimal point within `digits`
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (negative ? '-' : '') + out;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dayText(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const y = year < 0 ? '-' + pad(-year, 4) : pad(year, 4);
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function timeText(msOfDay: number): string {
  const seconds = Math.floor(msOfDay / 1000); // truncated (reading 26)
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/**
 * A date serial as `YYYY-MM-DD`, plus ` HH:MM:SS` when its time of day is not
 * midnight. The time is rounded to the millisecond first (so 0.1 of a day is 02:24:00,
 * not 02:23:59 from binary rounding), then seconds are truncated. In the 1900 system
 * a serial below 60 is a day later, as Excel shows it (its 29 February 1900 that never
 * was); a time-only value (below 1) is written `1899-12-30 HH:MM:SS` (reading 26).
 */
export function serialDateText(serial: number, date1904: boolean): string {
  let day = Math.floor(serial);
  let msOfDay = Math.round((serial - day) * DAY_MS);
  if (msOfDay >= DAY_MS) {
    day += 1;
    msOfDay -= DAY_MS;
  }
  if (serial >= 0 && serial < 1) return `1899-12-30 ${timeText(msOfDay)}`;
  if (!date1904 && serial > 0 && serial < 60) day += 1;
  const ms = (date1904 ? EPOCH_1904 : EPOCH_1900) + day * DAY_MS;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return numberText(serial);
  return msOfDay === 0 ? dayText(ms) : `${dayText(ms)} ${timeText(msOfDay)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date-typed cell (`t="d"`, ISO 8601 text) the same way; unreadable text stays as it is. */
export function isoDateText(text: string): string {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return text;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const midnight = h === '00' && mi === '00' && s === '00';
  return midnight ? `${y}-${mo}-${d}` : `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** OOXML escapes characters in strings as `_xHHHH_` (`_x000D_` for CR); a person sees the character. */
export function unescapeOoxml(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface CellStyle {
  numFmtId: number;
  formatCode: string | undefined;
}

/**
 * A numeric cell's text: a date when its format is a date format, else the number.
 * Text that is not a number (a damaged cell) is kept as written.
 */
export function numericCellText(raw: string, date: boolean, date1904: boolean): string {
  const trimmed = raw.trim();
  if (trimmed === '') return '';
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return raw;
  return date ? serialDateText(n, date1904) : numberText(n);
}

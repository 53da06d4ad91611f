// Cell parsers for engagements.md "Value formats". Hand-written and allocation-light:
// they run once per cell on the hot path (a zod parse per row would cost ~3x more).
import { isoDate, isRealDate } from '../dates.js';
import { penceFromDecimalText } from '../money.js';
import { detach } from '../detach.js';
import type { EngagementType } from '../ruleset/schema.js';
import type { IsoDate, Money } from '../types.js';

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?: 00:00(?::00)?)?$/;
const UK_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: 00:00(?::00)?)?$/;
// Excel's display of a date as text: day, English month abbreviation, four-digit year, one
// separator ('-' or a single space) used twice (the backreference), optional midnight time.
const MONTH_DATE_RE = /^(\d{1,2})([- ])([a-z]{3,4})\2(\d{4})(?: 00:00(?::00)?)?$/i;
const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['may', 5], ['jun', 6],
  ['jul', 7], ['aug', 8], ['sep', 9], ['sept', 9], ['oct', 10], ['nov', 11], ['dec', 12],
]);

const digit = (text: string, i: number): number => text.charCodeAt(i) - 48;
const isDigit = (d: number): boolean => d >= 0 && d <= 9;

/**
 * 'YYYY-MM-DD', UK 'DD/MM/YYYY' / 'D/M/YYYY', or Excel's '01-Apr-2025' / '1 Apr 2025',
 * each optionally with Excel's midnight time.
 */
export function parseDate(text: string): IsoDate | null {
  // Fast path, the commonest form: exactly YYYY-MM-DD is its own value (no regex, no new string).
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const y0 = digit(text, 0), y1 = digit(text, 1), y2 = digit(text, 2), y3 = digit(text, 3);
    const m0 = digit(text, 5), m1 = digit(text, 6), d0 = digit(text, 8), d1 = digit(text, 9);
    if (isDigit(y0) && isDigit(y1) && isDigit(y2) && isDigit(y3) && isDigit(m0) && isDigit(m1) && isDigit(d0) && isDigit(d1)) {
      const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
      return isRealDate(y, m0 * 10 + m1, d0 * 10 + d1) ? text : null;
    }
  }
  const t = text.trim();
  let m = ISO_DATE_RE.exec(t);
  let y: number, mo: number, d: number;
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else if ((m = UK_DATE_RE.exec(t)) !== null) {
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  } else {
    m = MONTH_DATE_RE.exec(t);
    if (!m) return null;
    const month = MONTH_NUMBERS.get(m[3]!.toLowerCase());
    if (month === undefined) return null;
    d = Number(m[1]);
    mo = month;
    y = Number(m[4]);
  }
  return isRealDate(y, mo, d) ? isoDate(y, mo, d) : null;
}

// optional £ (spaces around it), digits with optional groups of three, optional .digits
const NUMBER_RE = /^(?:£\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Plain decimals of up to 13 digits ('38.50', '37', '1234.005'): pence by integer
 * arithmetic, exact (well inside 2^53) and rounded half-up like penceFromDecimalText.
 * -1 when the text is not of that form (the general path decides).
 */
function plainDecimalPence(text: string): number {
  const n = text.length;
  if (n === 0 || n > 13) return -1;
  let whole = 0;
  let i = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i === 0) return -1;
  if (i === n) return whole * 100;
  if (text.charCodeAt(i) !== 46 || i === n - 1) return -1; // '.' followed by at least one digit
  let pence = whole * 100;
  for (let k = i + 1, place = 0; k < n; k++, place++) {
    const d = text.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    if (place === 0) pence += d * 10;
    else if (place === 1) pence += d;
    else if (place === 2 && d >= 5) pence += 1;
  }
  return pence;
}

/**
 * The value of a plain decimal whose pence plainDecimalPence gave: with at most two
 * decimals, pence / 100 is the double nearest the text (IEEE division of exact
 * integers is correctly rounded, as is parsing), without Number()'s string parse.
 */
function plainDecimalValue(text: string, pence: number): number {
  const dot = text.indexOf('.');
  const decimals = dot === -1 ? 0 : text.length - dot - 1;
  return decimals <= 2 ? pence / 100 : Number(text);
}

/** A non-negative decimal (money, hours, weeks); null when invalid. */
export function parseMoney(text: string): Money | null {
  const fast = plainDecimalPence(text);
  if (fast >= 0) return { amount: plainDecimalValue(text, fast), pence: fast };
  const m = NUMBER_RE.exec(text.trim());
  if (!m) return null;
  const whole = m[1]!.includes(',') ? m[1]!.replace(/,/g, '') : m[1]!;
  const decimal = m[2] === undefined ? whole : `${whole}.${m[2]}`;
  const pence = penceFromDecimalText(decimal);
  const amount = Number(decimal);
  // Beyond 2^53 pence (about £90 trillion) whole pence are no longer exact: refused, not rounded.
  if (pence === null || !Number.isSafeInteger(pence) || !Number.isFinite(amount)) return null;
  return { amount, pence };
}

export function parseNumber(text: string): number | null {
  const fast = plainDecimalPence(text);
  if (fast >= 0) return plainDecimalValue(text, fast);
  const m = parseMoney(text);
  return m === null ? null : m.amount;
}

const INTEGER_RE = /^\d+$/;

export function parseInteger(text: string): number | null {
  const length = text.length;
  if (length > 0 && length < 16) {
    let value = 0;
    let i = 0;
    for (; i < length; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
    }
    if (i === length) return value; // under 16 digits: a safe integer
  }
  const t = text.trim();
  if (!INTEGER_RE.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

export function parseBoolean(text: string): boolean | null {
  // the spellings exports use most, without lower-casing a copy
  switch (text) {
    case 'yes':
    case 'y':
    case 'Yes':
    case 'Y':
      return true;
    case 'no':
    case 'n':
    case 'No':
    case 'N':
      return false;
  }
  switch (text.trim().toLowerCase()) {
    case 'yes':
    case 'y':
    case 'true':
    case '1':
      return true;
    case 'no':
    case 'n':
    case 'false':
    case '0':
      return false;
    default:
      return null;
  }
}

export type { EngagementType };

/** The accepted spellings, a closed list (reading 21), after the normalisation below. */
const ENGAGEMENT_SPELLINGS: ReadonlyMap<string, EngagementType> = new Map([
  ['paye', 'paye'], ['pay as you earn', 'paye'],
  ['umbrella', 'umbrella'], ['umbrella company', 'umbrella'], ['umbrella co', 'umbrella'],
  ['limited company', 'limited_company'], ['limited', 'limited_company'], ['ltd', 'limited_company'],
  ['ltd company', 'limited_company'], ['ltd co', 'limited_company'], ['psc', 'limited_company'],
  ['personal service company', 'limited_company'],
] as const);

/** Lower-case, delete `.`, every run of characters other than a-z and 0-9 to one space, trim (`P.A.Y.E.` is `paye`). */
export function parseEngagementType(text: string): EngagementType | null {
  // A column holds a handful of spellings: each distinct cell text is normalised once.
  let type = engagementCache.get(text);
  if (type === undefined) {
    const key = text.toLowerCase().replace(/\./g, '').replace(/[^a-z0-9]+/g, ' ').trim();
    type = ENGAGEMENT_SPELLINGS.get(key) ?? null;
    if (engagementCache.size < ENGAGEMENT_CACHE_LIMIT) engagementCache.set(detach(text), type);
  }
  return type;
}

const engagementCache = new Map<string, EngagementType | null>();
const ENGAGEMENT_CACHE_LIMIT = 1000;

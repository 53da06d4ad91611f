// Cell parsers for engagements.md "Value formats". Hand-written and allocation-light:
// they run once per cell on the hot path (a zod parse per row would cost ~3x more).
import { isoDate, isRealDate } from '../dates.js';
import { penceFromDecimalText } from '../money.js';
import type { IsoDate, Money } from '../types.js';

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?: 00:00(?::00)?)?$/;
const UK_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: 00:00(?::00)?)?$/;

/** 'YYYY-MM-DD' or UK 'DD/MM/YYYY' / 'D/M/YYYY', optionally with Excel's midnight time. */
export function parseDate(text: string): IsoDate | null {
  const t = text.trim();
  let m = ISO_DATE_RE.exec(t);
  let y: number, mo: number, d: number;
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else {
    m = UK_DATE_RE.exec(t);
    if (!m) return null;
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  }
  return isRealDate(y, mo, d) ? isoDate(y, mo, d) : null;
}

// optional £ (spaces around it), digits with optional groups of three, optional .digits
const NUMBER_RE = /^(?:£\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** A non-negative decimal (money, hours, weeks); null when invalid. */
export function parseMoney(text: string): Money | null {
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
  const m = parseMoney(text);
  return m === null ? null : m.amount;
}

const INTEGER_RE = /^\d+$/;

export function parseInteger(text: string): number | null {
  const t = text.trim();
  if (!INTEGER_RE.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

export function parseBoolean(text: string): boolean | null {
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

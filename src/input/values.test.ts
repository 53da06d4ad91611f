import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth } from '../dates.js';
import { normaliseSwe } from '../swe.js';
import { parseBoolean, parseDate, parseInteger, parseMoney, parseNumber } from './values.js';

describe('parseDate', () => {
  it.each([
    ['2025-04-01', '2025-04-01'],
    ['  2025-04-01  ', '2025-04-01'],
    ['01/04/2025', '2025-04-01'],
    ['1/4/2025', '2025-04-01'],
    ['29/02/2024', '2024-02-29'],
    ['2025-04-01 00:00', '2025-04-01'],
    ['01/04/2025 00:00:00', '2025-04-01'],
  ])('reads %j as %s', (text, iso) => expect(parseDate(text)).toBe(iso));

  it.each(['31/02/2025', '29/02/2025', '2025-4-1', '01/04/25', '2025-04-01 09:30', '2025-04-01T00:00', '04-01-2025', '2025/04/01', '13/13/2025', '00/01/2025'])(
    'rejects %j',
    (text) => expect(parseDate(text)).toBeNull(),
  );
});

describe('parseDate: dates as Excel displays them (day, month abbreviation, year)', () => {
  it.each([
    ['01-Apr-2025', '2025-04-01'],
    ['1-apr-2025', '2025-04-01'],
    ['1 Apr 2025', '2025-04-01'],
    ['01 APR 2025', '2025-04-01'],
    ['  15-Jan-2025  ', '2025-01-15'],
    ['28-Feb-2025', '2025-02-28'],
    ['29-Feb-2024', '2024-02-29'],
    ['30-Apr-2025', '2025-04-30'],
    ['31-Dec-9999', '9999-12-31'],
    ['1-Sep-2025', '2025-09-01'],
    ['1-Sept-2025', '2025-09-01'],
    ['1 SEPT 2025', '2025-09-01'],
    ['01-Apr-2025 00:00', '2025-04-01'],
    ['1 Apr 2025 00:00:00', '2025-04-01'],
    ...(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const).map(
      (month, i) => [`3-${month}-2025`, `2025-${String(i + 1).padStart(2, '0')}-03`] as [string, string],
    ),
  ])('reads %j as %s', (text, iso) => expect(parseDate(text)).toBe(iso));

  it.each([
    ['31-Apr-2025', 'April has 30 days'],
    ['29-Feb-2025', '2025 is not a leap year'],
    ['29-Feb-1900', '1900 is not a leap year'],
    ['32-Jan-2025', 'no 32nd'],
    ['0-Jan-2025', 'no day 0'],
    ['001-Jan-2025', 'three-digit day'],
    ['01-Apr-25', 'two-digit year'],
    ['01-Apr-02025', 'five-digit year'],
    ['01-Apr-0000', 'year 0'],
    ['01-April-2025', 'full month name'],
    ['01-Septe-2025', 'not an abbreviation'],
    ['01-Abc-2025', 'no such month'],
    ['01-Apr 2025', 'mixed separators'],
    ['01 Apr-2025', 'mixed separators'],
    ['01  Apr  2025', 'two spaces'],
    ['01/Apr/2025', 'slash separator'],
    ['01.Apr.2025', 'dot separator'],
    ['01Apr2025', 'no separator'],
    ['Apr-01-2025', 'US order'],
    ['2025-Apr-01', 'year first'],
    ['01-Apr-2025 09:30', 'a time that is not midnight'],
    ['01-Apr-2025 00:00:01', 'a time that is not midnight'],
    ['01-Apr-2025T00:00', 'ISO time separator'],
    ['01-Apr-2025 0:00', 'not as Excel writes midnight'],
  ])('rejects %j (%s)', (text) => expect(parseDate(text)).toBeNull());

  it('does not fold non-ASCII letters into a month name', () => {
    expect(parseDate('01-Aſr-2025')).toBeNull(); // long s
    expect(parseDate('01-Mar\u0307-2025')).toBeNull();
  });
});

describe('parseMoney', () => {
  it.each([
    ['38', 3800],
    ['38.00', 3800],
    ['£38.50', 3850],
    ['£ 38.50', 3850],
    [' £1,234.50 ', 123450],
    ['38.004', 3800],
    ['38.005', 3801],
    ['38.0049999', 3800],
    ['0.995', 100],
  ])('reads %j as %i pence', (text, pence) => expect(parseMoney(text)?.pence).toBe(pence));

  it.each(['12,34', '38.', '.5', '-1', '£-1', '1,2345', '38,00', 'abc', '£', '1 234', '38.5.1'])('rejects %j', (text) =>
    expect(parseMoney(text)).toBeNull(),
  );

  it('keeps the amount as a number', () => expect(parseMoney('1,234.5')?.amount).toBe(1234.5));

  // decisions 58: exact whole pence end at 2^53 (about £90 trillion); past that, invalid
  it.each([
    ['90071992547409.91', 9007199254740991],
    ['£90,071,992,547,409.91', 9007199254740991],
  ])('reads %j, the largest exact amount, as %i pence', (text, pence) => expect(parseMoney(text)?.pence).toBe(pence));
  it.each(['90071992547409.92', '99999999999999', '£99,999,999,999,999.00', '1' + '0'.repeat(400)])('refuses %j, past exact whole pence', (text) =>
    expect(parseMoney(text)).toBeNull(),
  );
});

describe('parseInteger', () => {
  it('reads digits only', () => {
    expect(parseInteger(' 36 ')).toBe(36);
    expect(parseInteger('36.0')).toBeNull();
    expect(parseInteger('-3')).toBeNull();
    expect(parseInteger('3e2')).toBeNull();
  });
});

describe('parseBoolean', () => {
  it.each([['yes', true], ['Y', true], ['TRUE', true], ['1', true], ['No', false], ['n', false], ['false', false], ['0', false]])(
    'reads %j',
    (text, value) => expect(parseBoolean(text)).toBe(value),
  );
  it('rejects other words', () => expect(parseBoolean('maybe')).toBeNull());
});

describe('normaliseSwe', () => {
  it.each([
    ['SW12345', 'SW12345'],
    ['sw 01234', 'SW1234'],
    ['sw 000123', 'SW123'],
    [' S W 9 ', 'SW9'],
    ['SW999999', 'SW999999'],
  ])('normalises %j to %s', (raw, value) => expect(normaliseSwe(raw)).toBe(value));
  it.each(['SW0', 'SW1234567', '12345', 'SWX1', 'SW-123', 'SW'])('rejects %j', (raw) => expect(normaliseSwe(raw)).toBeNull());
});

describe('normaliseSwe white space', () => {
  it('drops spaces anywhere and trims the cell, but a tab or no-break space inside is invalid', () => {
    expect(normaliseSwe('\t sw 0 12 3 \t')).toBe('SW123');
    expect(normaliseSwe('SW\t123')).toBeNull();
    expect(normaliseSwe('SW 12\u00a03')).toBeNull();
  });
});

describe('fast paths agree with the general parsers', () => {
  // A leading space defeats every fast path (they read the first character as a digit),
  // so the same text with a space in front goes the general way: the two must agree.
  const digitText = fc.array(fc.constantFrom('0', '1', '2', '5', '9', '.', '-', '/', ',', '£', 'e', ' '), { maxLength: 16 }).map((a) => a.join(''));
  const dateText = fc.tuple(fc.integer({ min: 0, max: 10999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  const decimalText = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.option(fc.stringMatching(/^[0-9]{0,5}$/)))
    .map(([whole, frac]) => (frac === null ? String(whole) : `${whole}.${frac}`));

  it('parseDate', () => {
    fc.assert(fc.property(fc.oneof(dateText, digitText), (t) => {
      expect(parseDate(t)).toEqual(parseDate(` ${t}`));
    }), { numRuns: 3000 });
  });

  it('parseMoney and parseNumber', () => {
    fc.assert(fc.property(fc.oneof(decimalText, digitText), (t) => {
      expect(parseMoney(t)).toEqual(parseMoney(` ${t}`));
      expect(parseNumber(t)).toEqual(parseNumber(` ${t}`));
    }), { numRuns: 3000 });
  });

  it('parseInteger and parseBoolean', () => {
    fc.assert(fc.property(fc.oneof(decimalText, digitText, fc.constantFrom('y', 'Y', 'Yes', 'yes', 'no', 'No', 'N', 'n', 'YES')), (t) => {
      expect(parseInteger(t)).toEqual(parseInteger(` ${t}`));
      expect(parseBoolean(t)).toEqual(parseBoolean(` ${t}`));
    }), { numRuns: 3000 });
  });

  it('daysInMonth without Date agrees with the calendar', () => {
    for (const year of [1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999]) {
      for (let month = 1; month <= 12; month++) expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
    }
  });
});

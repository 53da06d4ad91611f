import { describe, expect, it } from 'vitest';
import { addMonths, dayNumber, daysBetween, daysInMonth, LAST_DATE, parseIsoDate } from './dates.js';

describe('addMonths (rules.md add_months)', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'], // clamped to the end of a short month
    ['2024-01-31', 1, '2024-02-29'], // a leap year
    ['2023-01-29', 1, '2023-02-28'],
    ['2025-08-31', 6, '2026-02-28'], // the example in rules.md
    ['2025-03-31', 1, '2025-04-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2000-01-31', 1, '2000-02-29'], // divisible by 400: leap
    ['2100-01-31', 1, '2100-02-28'], // divisible by 100: not leap
    ['2025-01-15', 0, '2025-01-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-12-31', 1, '2026-01-31'],
    ['0001-01-31', 1, '0001-02-28'],
    ['0004-01-31', 1, '0004-02-29'],
  ])('%s + %i months = %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
    expect(parseIsoDate(addMonths(date, n))).not.toBeNull(); // always a real day
  });

  it('is total near the end of the calendar: past 9999-12-31 it stays there', () => {
    expect(addMonths('9999-11-30', 1)).toBe('9999-12-30');
    expect(addMonths('9999-12-31', 1)).toBe(LAST_DATE);
    expect(addMonths('9999-06-15', 1200)).toBe(LAST_DATE);
    expect(addMonths('2025-01-01', 99_999_999)).toBe(LAST_DATE);
    expect(addMonths('2025-01-01', 2_147_483_648)).toBe(LAST_DATE);
    // so a start date late in 9999 still falls inside a window that would run past it
    expect('9999-12-01' <= addMonths('9999-08-01', 6)).toBe(true);
  });
});

describe('day arithmetic', () => {
  it('counts days exactly, also before 1970 and in years 1-99 (which Date.UTC reads as 19xx)', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2);
    expect(daysBetween('0050-01-01', '0051-01-01')).toBe(365);
    expect(daysBetween('0048-01-01', '0049-01-01')).toBe(366);
    expect(daysBetween('0001-01-01', '9999-12-31')).toBe(3_652_058);
    expect(daysBetween('2025-11-30', '2025-12-20')).toBe(20);
  });

  it('knows the length of every month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect([1900, 2000, 2024, 2100, 4].map((y) => daysInMonth(y, 2))).toEqual([28, 29, 29, 28, 29]);
  });
});

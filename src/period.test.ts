// --period, written from rules.md (**Period**) and readings 11, 12 and 23.
import { describe, expect, it } from 'vitest';
import { assignmentOutOfPeriod, parsePeriod, periodLabel, starterOutOfPeriod, type Period } from './period.js';

describe('parsePeriod: accepted forms', () => {
  it.each([
    ['2025-11', '2025-11-01', '2025-11-30'],
    ['2025-01', '2025-01-01', '2025-01-31'],
    ['2025-12', '2025-12-01', '2025-12-31'],
    ['2025-02', '2025-02-01', '2025-02-28'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['1900-02', '1900-02-01', '1900-02-28'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2025-Q1', '2025-01-01', '2025-03-31'],
    ['2025-Q2', '2025-04-01', '2025-06-30'],
    ['2025-Q3', '2025-07-01', '2025-09-30'],
    ['2025-Q4', '2025-10-01', '2025-12-31'],
    ['2025-q3', '2025-07-01', '2025-09-30'],
    ['2025-07-01..2025-09-30', '2025-07-01', '2025-09-30'],
    ['2025-07-15..2025-07-15', '2025-07-15', '2025-07-15'],
    ['2024-12-31..2025-01-01', '2024-12-31', '2025-01-01'],
    ['2024-02-29..2024-03-01', '2024-02-29', '2024-03-01'],
    [' 2025-11 ', '2025-11-01', '2025-11-30'],
  ])('%s is %s to %s', (text, from, to) => {
    expect(parsePeriod(text)).toEqual({ ok: true, period: { from, to } });
  });
});

describe('parsePeriod: refused forms (a usage error with the accepted forms)', () => {
  it.each([
    ['2025-13', 'not a calendar month'],
    ['2025-00', 'not a calendar month'],
    ['0000-05', 'not a calendar month'],
    ['2025-Q5', 'not a calendar quarter'],
    ['2025-Q0', 'not a calendar quarter'],
    ['2025-09-30..2025-07-01', 'ends (2025-07-01) before it starts (2025-09-30)'],
    ['2025-02-29..2025-03-31', 'starts on 2025-02-29, which is not a real day'],
    ['2025-07-01..2025-09-31', 'ends on 2025-09-31, which is not a real day'],
    ['2025-7', 'not a month, a quarter or a range'],
    ['2025', 'not a month, a quarter or a range'],
    ['2025-Q10', 'not a month, a quarter or a range'],
    ['Q3-2025', 'not a month, a quarter or a range'],
    ['2025-11-30', 'not a month, a quarter or a range'],
    ['2025-07-01...2025-09-30', 'not a month, a quarter or a range'],
    ['2025-07-01..', 'not a month, a quarter or a range'],
    ['2025-07-01 .. 2025-09-30', 'not a month, a quarter or a range'],
    ['November 2025', 'not a month, a quarter or a range'],
    ['', 'not a month, a quarter or a range'],
  ])('%j is refused: %s', (text, why) => {
    const result = parsePeriod(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(`--period "${text}"`);
    expect(result.message).toContain(why);
    // every refusal shows one example of each accepted form
    for (const example of ['2025-11', '2025-Q3', '2025-07-01..2025-09-30']) expect(result.message).toContain(example);
  });
});

describe('out of period', () => {
  const november: Period = { from: '2025-11-01', to: '2025-11-30' };
  it.each<[string | null, string | null, boolean]>([
    // start after the last day
    ['2025-12-01', null, true],
    ['2025-11-30', null, false],
    // end before the first day
    ['2025-01-01', '2025-10-31', true],
    ['2025-01-01', '2025-11-01', false],
    // spanning the period
    ['2025-10-01', '2025-12-31', false],
    ['2025-10-01', null, false],
    // reading 11: only dates count; an end before its start still counts as valid
    ['2025-12-05', '2025-10-01', true],
    // reading 11: a blank or invalid start (null) with an end before the period is out
    [null, '2025-10-31', true],
    [null, null, false],
    [null, '2025-11-15', false],
  ])('start %s, end %s: out = %s', (start, end, out) => {
    expect(assignmentOutOfPeriod(november, start, end)).toBe(out);
  });

  it.each<[string | null, boolean]>([
    ['2025-10-31', true],
    ['2025-11-01', false],
    ['2025-11-30', false],
    ['2025-12-01', true],
    // reading 12: an invalid start keeps the row in the period
    [null, false],
  ])('starter starting %s: out = %s', (start, out) => {
    expect(starterOutOfPeriod(november, start)).toBe(out);
  });
});

describe('periodLabel', () => {
  it.each([
    ['2025-11', '2025-11'],
    ['2025-02', '2025-02'],
    ['2025-Q1', '2025-Q1'],
    ['2025-q4', '2025-Q4'],
    ['2025-01-01..2025-03-31', '2025-Q1'],
    ['2025-11-01..2025-11-30', '2025-11'],
    ['2025-02-01..2025-04-30', '2025-02-01..2025-04-30'],
    ['2025-11-01..2025-11-29', '2025-11-01..2025-11-29'],
    ['2025-11-02..2025-11-30', '2025-11-02..2025-11-30'],
    ['2025-12-01..2026-01-31', '2025-12-01..2026-01-31'],
  ])('%s is shown as %s', (text, label) => {
    const result = parsePeriod(text);
    if (!result.ok) throw new Error(result.message);
    expect(periodLabel(result.period)).toBe(label);
  });
});

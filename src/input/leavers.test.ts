import { describe, expect, it } from 'vitest';
import { LeaversIndex, type LeavingEvent } from './leavers.js';

const event = (la: string, line: number): LeavingEvent => ({ la, date: '2025-01-31', file: 'leavers.csv', line });

describe('LeaversIndex', () => {
  const index = new LeaversIndex();
  index.add('SW1', event('E10000016', 2));
  index.add('SW999999', event('E10000030', 3));
  index.add('SW123456', event('E10000016', 4));
  index.add('SW123456', event('E06000035', 5));
  // not a valid SWE number (seven digits): kept, looked up without the bitmap
  index.add('SW1234567', event('E10000016', 6));

  it.each([
    ['SW1', [2]],
    ['SW999999', [3]],
    ['SW123456', [4, 5]],
    ['SW1234567', [6]],
    ['SW2', []], // the same bitmap byte as SW1
    ['SW123457', []], // the next bit
    ['SW999998', []],
    ['SW12345', []], // a prefix of a registered number
    ['SW', []],
    ['', []],
  ])('%s: events on lines %j', (swe, lines) => {
    expect(index.has(swe)).toBe(lines.length > 0);
    expect((index.get(swe) ?? []).map((e) => e.line)).toEqual(lines);
  });

  it('counts distinct workers', () => expect(index.size).toBe(4));
});

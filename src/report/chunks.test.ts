import { describe, expect, it } from 'vitest';
import { makeFinding } from '../../test/report-factory.js';
import type { Finding, FindingStatus } from '../types.js';
import { inChunks, joinChunks, linePieces } from './chunks.js';
import { byStatus, firstByStatus } from './shared.js';

describe('inChunks', () => {
  it('gathers pieces into chunks of at least the size, the last one shorter, none empty', () => {
    const pieces = Array.from({ length: 100 }, (_, i) => `piece ${i};`);
    const chunks = [...inChunks(pieces, 50)];
    expect(chunks.join('')).toBe(pieces.join(''));
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(50);
    expect(chunks.every((c) => c.length > 0)).toBe(true);
    expect([...inChunks([], 50)]).toEqual([]);
    expect([...inChunks(['', ''], 50)]).toEqual([]);
  });

  it('joins back to the same text; lines end with the end-of-line given', () => {
    expect(joinChunks(inChunks(linePieces(['a', 'b'], '\r\n'), 1))).toBe('a\r\nb\r\n');
    expect(joinChunks([])).toBe('');
  });
});

describe('firstByStatus', () => {
  const statuses: FindingStatus[] = ['unknown', 'breach', 'exempted', 'breach', 'unknown', 'exempted', 'breach'];
  const findings: Finding[] = Array.from({ length: 70 }, (_, i) => makeFinding({ status: statuses[(i * 5) % 7]!, line: i + 2 }));

  it('is byStatus(...).slice(0, limit) at every limit, edges included', () => {
    for (const limit of [0, 1, 2, 9, 10, 11, 30, 40, 69, 70, 71, 1000]) {
      expect(firstByStatus(findings, limit)).toEqual(byStatus(findings).slice(0, limit));
    }
    expect(firstByStatus([], 5)).toEqual([]);
  });

  it('walks the list once, by iteration only (a spooled view is never indexed or copied)', () => {
    let walks = 0;
    const once: Iterable<Finding> = {
      [Symbol.iterator]() {
        walks++;
        return findings[Symbol.iterator]();
      },
    };
    expect(firstByStatus(once, 20)).toEqual(byStatus(findings).slice(0, 20));
    expect(walks).toBe(1);
  });
});

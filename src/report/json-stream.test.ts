import { describe, expect, it } from 'vitest';
import { escapeJsonForTerminal } from '../text.js';
import { jsonTextChunks } from './json-stream.js';

describe('jsonTextChunks', () => {
  it('gives the bytes of JSON.stringify(value, null, 2) for every kind of value', () => {
    const big = Array.from({ length: 1000 }, (_, i) => ({ i, s: `x${i}\u202e`, n: null, u: undefined, a: [i, [], {}], o: { deep: [{ k: 'v' }] } }));
    const values: unknown[] = [
      { a: 1, b: 'two', c: null, d: undefined, e: [], f: {}, g: [1, undefined, 'x'], h: { i: { j: [true, false] } } },
      { runs: [{ results: big, properties: { nested: big.slice(0, 3) } }] },
      [],
      {},
      'text',
      42,
      null,
      big,
      { date: new Date(0) },
    ];
    for (const value of values) {
      const chunks = [...jsonTextChunks(value)];
      expect(chunks.join('')).toBe(escapeJsonForTerminal(JSON.stringify(value, null, 2)) + '\n');
    }
    expect([...jsonTextChunks({ runs: [{ results: big }] })].length).toBeGreaterThan(1);
  });
});

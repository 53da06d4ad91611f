import { describe, expect, it } from 'vitest';
import { escapeJsonForTerminal } from '../text.js';
import { LazyArray, jsonTextChunks } from './json-stream.js';

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

  it('writes a LazyArray as the array its items make, empty, one item or many, at any depth', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ i, text: `r${i}\u202e`, none: undefined, list: [i] }));
    for (const n of [0, 1, 2, 300]) {
      let made = 0;
      const lazy = new LazyArray(function* () {
        for (const item of items(n)) {
          made++;
          yield item;
        }
      });
      const expected = escapeJsonForTerminal(JSON.stringify({ runs: [{ results: items(n), after: 1 }] }, null, 2)) + '\n';
      expect([...jsonTextChunks({ runs: [{ results: lazy, after: 1 }] })].join('')).toBe(expected);
      expect(made).toBe(n);
      expect([...jsonTextChunks(lazy)].join('')).toBe(escapeJsonForTerminal(JSON.stringify(items(n), null, 2)) + '\n');
    }
  });
});

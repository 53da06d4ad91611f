import { describe, expect, it } from 'vitest';
import { wrapWords } from './svg.js';

describe('wrapWords', () => {
  it('breaks at spaces into lines of at most the width, keeping every word', () => {
    expect(wrapWords('IRO / Child Protection Conference Chair', 26)).toEqual(['IRO / Child Protection', 'Conference Chair']);
    expect(wrapWords('Social Worker', 26)).toEqual(['Social Worker']);
    expect(wrapWords('  spaced   out  ', 26)).toEqual(['spaced out']);
    expect(wrapWords('', 26)).toEqual([]);
  });

  it('cuts only a word longer than a line, or what would need more lines than allowed', () => {
    expect(wrapWords('Supercalifragilistic', 10)).toEqual(['Supercali…']);
    expect(wrapWords('one two three four', 5, 2)).toEqual(['one', 'two …']);
    for (const line of wrapWords('a b c d e f g h i j k l m n o p', 5, 3)) expect([...line].length).toBeLessThanOrEqual(5);
  });
});

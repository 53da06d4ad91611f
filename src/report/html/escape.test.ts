// esc, written from its contract: the five HTML special characters become entities.
import { describe, expect, it } from 'vitest';
import { esc } from './escape.js';

describe('esc', () => {
  it.each([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
    ["'", '&#39;'],
  ])('escapes %s as %s', (ch, entity) => {
    expect(esc(`a${ch}b`)).toBe(`a${entity}b`);
  });

  it('escapes all five together, each once (& first, so no entity is escaped twice)', () => {
    expect(esc(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('leaves other text alone', () => {
    expect(esc('Kent £52.00/h')).toBe('Kent £52.00/h');
  });
});

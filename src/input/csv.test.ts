import { describe, expect, it } from 'vitest';
import { CsvTokenizer, tokenize } from './csv.js';

const cellsAndLines = (text: string) => tokenize(text).records.map((r) => [r.line, r.cells]);

describe('CSV tokenizer', () => {
  it('splits fields on commas and records on LF, CRLF and a lone CR, mixed in one file', () => {
    expect(cellsAndLines('a,b\nc,d\r\ne,f\rg,h')).toEqual([
      [1, ['a', 'b']], [2, ['c', 'd']], [3, ['e', 'f']], [4, ['g', 'h']],
    ]);
  });

  it('reports the physical line where a record starts, counting breaks inside quotes and blank lines', () => {
    const text = 'h1,h2\n"multi\nline\r\nvalue",x\n\n\nlast,row\r\n"a\rb",c';
    expect(cellsAndLines(text)).toEqual([
      [1, ['h1', 'h2']],
      [2, ['multi\nline\r\nvalue', 'x']],
      [5, ['']],
      [6, ['']],
      [7, ['last', 'row']],
      [8, ['a\rb', 'c']],
    ]);
  });

  it('reads "" inside a quoted field as one quote and keeps a quote inside an unquoted field', () => {
    expect(cellsAndLines('"say ""hi""",5\'10"\n')).toEqual([[1, ['say "hi"', '5\'10"']]]);
  });

  it('treats a field that starts with a space then a quote as unquoted', () => {
    expect(cellsAndLines(' "a",b')).toEqual([[1, [' "a"', 'b']]]);
  });

  it('keeps trailing empty fields and does not invent a record after the final line break', () => {
    expect(cellsAndLines('a,b,\n,,\n')).toEqual([[1, ['a', 'b', '']], [2, ['', '', '']]]);
  });

  it('stops at text after a closing quote, reporting the line where the broken record starts', () => {
    const result = tokenize('h\nok\n"first\nsecond"x,y\nnext');
    expect(result.records.map((r) => r.cells)).toEqual([['h'], ['ok']]);
    expect(result.malformed).toEqual({ line: 3, reason: 'text_after_closing_quote' });
  });

  it('reports a quoted field still open at the end of the file', () => {
    const result = tokenize('h\nok\nx,"never closed\nmore');
    expect(result.records.map((r) => r.cells)).toEqual([['h'], ['ok']]);
    expect(result.malformed).toEqual({ line: 3, reason: 'unclosed_quote' });
  });

  it('gives the same records whatever the chunk boundaries (CRLF and quotes split across chunks)', () => {
    const text = 'a,"b\r\nc",d\r\n"e""f",g\rh,i\r\n';
    const whole = tokenize(text).records;
    for (let size = 1; size <= 5; size++) {
      const records: Array<{ cells: string[]; line: number }> = [];
      const t = new CsvTokenizer((cells, line) => records.push({ cells, line }));
      for (let i = 0; i < text.length; i += size) t.push(text.slice(i, i + size));
      t.end();
      expect(records).toEqual(whole);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from './csv-records.js';

const cellsAndLines = (text: string) => parseCsvRecords(text).records.map((r) => [r.line, r.cells]);

describe('csv-parse adapter: records and the line where each starts', () => {
  it('splits fields on commas and records on LF, CRLF and a lone CR, mixed in one file', () => {
    expect(cellsAndLines('a,b\nc,d\r\ne,f\rg,h')).toEqual([
      [1, ['a', 'b']], [2, ['c', 'd']], [3, ['e', 'f']], [4, ['g', 'h']],
    ]);
    // the first line end does not decide the others (csv-parse's auto-detection would)
    expect(cellsAndLines('a\r\nb\nc\rd\n')).toEqual([[1, ['a']], [2, ['b']], [3, ['c']], [4, ['d']]]);
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

  it('counts a CRLF inside quotes once, and a CR and an LF split by a closing quote twice', () => {
    expect(cellsAndLines('"a\r\n\r\nb"\r\nnext\n"c\r"\nlast')).toEqual([
      [1, ['a\r\n\r\nb']], [4, ['next']], [5, ['c\r']], [7, ['last']],
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

  it('keeps text after a closing quote in the field (v1.1, as relax_quotes reads it)', () => {
    expect(cellsAndLines('h\n"abc"def,x\n"abc" ,y\n"a""b"c"d,z\n"first\nsecond"x,y\nnext')).toEqual([
      [1, ['h']],
      [2, ['"abc"def', 'x']],
      [3, ['"abc" ', 'y']],
      [4, ['"a"b"c"d', 'z']],
      [5, ['"first\nsecond"x', 'y']],
      [7, ['next']],
    ]);
  });

  it('stops at a quoted field still open at the end, after the good records, at the line where it starts', () => {
    const result = parseCsvRecords('h\n"two\nlines"\n\nx,"never closed\nmore\nlines');
    expect(result.records.map((r) => [r.line, r.cells])).toEqual([[1, ['h']], [2, ['two\nlines']], [4, ['']]]);
    expect(result.broken).toMatchObject({ line: 5, reason: 'unclosed_quote' });
    expect(result.broken!.problem).toMatch(/never closed/);
  });

  it('a broken first record gives no record, at line 1', () => {
    expect(parseCsvRecords('"open').broken).toMatchObject({ line: 1, reason: 'unclosed_quote' });
    expect(parseCsvRecords('"open').records).toEqual([]);
  });

  it('gives the same records whatever the chunk boundaries (CRLF, quotes and UTF-8 split across chunks)', () => {
    const bytes = Buffer.from('a,"b\r\nc",d\r\n"e""f",g\rh,£i\r\n"x\r', 'utf8');
    const whole = parseCsvRecords(bytes);
    expect(whole.broken).toMatchObject({ line: 5 });
    for (let size = 1; size <= 5; size++) {
      const cuts: number[] = [];
      for (let i = size; i < bytes.length; i += size) cuts.push(i);
      expect(parseCsvRecords(bytes, cuts)).toEqual(whole);
    }
  });
});

describe('csv-parse adapter: start lines over many chunks', () => {
  // Records with and without quoted line breaks, under every line end, each with the
  // line where it starts worked out as the text is built: the lines must not depend on
  // where the chunks fall (a chunk may end inside a quoted break, between a record and
  // its line end, or between the CR and LF of one).
  const breaksInside = ['', '\n', '\r\n', '\r', '\n\n', '\r\r\n'];
  const lineEnds = ['\n', '\r\n', '\r'];
  function build(records: number): { text: string; expected: [number, string[]][] } {
    let text = '';
    let line = 1;
    const expected: [number, string[]][] = [];
    for (let i = 0; i < records; i++) {
      const inside = i % 7 === 3 ? breaksInside[i % breaksInside.length]! : '';
      const cells = [`r${i}`, inside === '' ? `plain ${i}` : `a${inside}b`, i % 5 === 0 ? '' : 'x'];
      expected.push([line, cells]);
      text += `${cells[0]},${inside === '' ? cells[1] : `"${cells[1]}"`},${cells[2]}${lineEnds[i % 3]}`;
      line += 1 + (inside.match(/\r\n|\r|\n/g)?.length ?? 0);
      if (i % 11 === 10) {
        text += '\r\n'; // a blank line, a record of one blank cell (an LF after a lone CR would make a CRLF)
        expected.push([line++, ['']]);
      }
    }
    return { text, expected };
  }

  const { text, expected } = build(400);
  const bytes = Buffer.from(text, 'utf8');
  it.each([1, 2, 3, 5, 8, 13, 64, 1000, 1 << 16])('chunks of %i bytes', (size) => {
    const cuts: number[] = [];
    for (let i = size; i < bytes.length; i += size) cuts.push(i);
    const result = parseCsvRecords(bytes, cuts);
    expect(result.broken).toBeNull();
    expect(result.records.map((r) => [r.line, r.cells])).toEqual(expected);
  });

  it('an unclosed quote after many chunks is reported where its record starts', () => {
    const broken = Buffer.from(`${text}last,"open\nstill\n`, 'utf8');
    const lastLine = expected.at(-1)![0] + 1;
    for (const size of [3, 64, 4096]) {
      const cuts: number[] = [];
      for (let i = size; i < broken.length; i += size) cuts.push(i);
      const result = parseCsvRecords(broken, cuts);
      expect(result.records.length).toBe(expected.length);
      expect(result.broken).toMatchObject({ line: lastLine, reason: 'unclosed_quote' });
    }
  });
});

describe('csv-parse adapter: given only the line ends the file holds', () => {
  // What pass 1 (csv.ts) may choose for a file must read it as all three would.
  it.each([
    ['lf', 'a,b\n"x\ny",z\n\nlast'],
    ['cr', 'a,b\r"x\ry",z\r\rlast\r'],
    ['crlf', 'a,b\r\n"x\r\ny",z\r\n\r\n"q""r",s\r\n'],
  ] as const)('%s', (lineEnds, text) => {
    const all = parseCsvRecords(text);
    expect(all.records.length).toBeGreaterThan(3);
    for (const cuts of [[], [1, 2, 3, 5, 8, 13, 21]]) expect(parseCsvRecords(text, cuts, lineEnds)).toEqual(all);
  });

  it('a line end it was not given stays in the cell (why pass 1 must see every one)', () => {
    expect(parseCsvRecords('a\r\nb\nc\r\n', [], 'crlf').records.map((r) => r.cells)).toEqual([['a'], ['b\nc']]);
    expect(parseCsvRecords('a\nb\rc\n', [], 'lf').records.map((r) => r.cells)).toEqual([['a'], ['b\rc']]);
  });
});

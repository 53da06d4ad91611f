import { describe, expect, it } from 'vitest';
import { blockWidth, cellWidth, DEFAULT_COLUMNS, padCells, terminalColumns, wrapCells } from './width.js';

describe('cellWidth', () => {
  it('counts terminal cells: wide characters two, combining marks and colour codes none', () => {
    expect(cellWidth('Kent')).toBe(4);
    expect(cellWidth('Zoe\u0308')).toBe(3); // e + combining diaeresis
    expect(cellWidth('東京')).toBe(4);
    expect('東京'.length).toBe(2); // what padEnd would count
    expect(cellWidth('😀')).toBe(2);
    expect(cellWidth('\u001b[31m£1.00\u001b[39m')).toBe(5);
    expect(cellWidth('')).toBe(0);
  });

  it('pads to a width in cells, on either side', () => {
    expect(padCells('東京', 6)).toBe('東京  ');
    expect(padCells('7', 3, 'start')).toBe('  7');
    expect(padCells('toolong', 3)).toBe('toolong');
  });

  it('measures the widest line of a block', () => {
    expect(blockWidth('ab\n東京東\nc')).toBe(6);
  });
});

describe('terminalColumns', () => {
  const tty = { isTTY: true, columns: 132 };
  it("is the terminal's width on a TTY", () => {
    expect(terminalColumns({ stream: tty, env: {} })).toBe(132);
  });
  it('is 80 when not a TTY or the width is unknown', () => {
    expect(terminalColumns({ stream: { isTTY: false, columns: 132 }, env: {} })).toBe(DEFAULT_COLUMNS);
    expect(terminalColumns({ stream: {}, env: {} })).toBe(80);
    expect(terminalColumns({ stream: { isTTY: true, columns: 0 }, env: {} })).toBe(80);
  });
  it('takes a positive whole $COLUMNS before the terminal', () => {
    expect(terminalColumns({ stream: tty, env: { COLUMNS: '100' } })).toBe(100);
    expect(terminalColumns({ stream: {}, env: { COLUMNS: ' 200 ' } })).toBe(200);
    for (const bad of ['0', '-5', 'wide', '1e3', '', '12.5']) expect(terminalColumns({ stream: tty, env: { COLUMNS: bad } })).toBe(132);
  });
});

describe('wrapCells', () => {
  it('leaves a line that fits alone', () => {
    expect(wrapCells('  short line', 20, '    ')).toEqual(['  short line']);
  });
  it('breaks at spaces, indenting the lines after the first, each within the width', () => {
    const text = '  line 15, assignment ESCC-A0111, SWE SW58290: 24 months of experience, 36 required';
    const lines = wrapCells(text, 30, '    ');
    for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(30);
    expect(lines[0]!.startsWith('  line 15')).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith('    ') && !l.startsWith('     '))).toBe(true);
    expect(lines.map((l) => l.trim()).join(' ')).toBe(text.trim());
  });
  it('never breaks a word: a longer one stands on its own line', () => {
    const lines = wrapCells('see £12,345,678.90 in /a/very/long/path/to/a/file.csv now', 12, '  ');
    expect(lines).toContain('  £12,345,678.90');
    expect(lines).toContain('  /a/very/long/path/to/a/file.csv');
  });
  it('counts wide characters as two cells', () => {
    const lines = wrapCells('東京 東京 東京', 9);
    expect(lines).toEqual(['東京 東京', '東京']);
  });
});

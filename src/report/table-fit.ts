// Tables that fit the terminal (issue 15 item 1). A table is measured before it is
// drawn, in terminal cells and the way cli-table3 lays it out (each column as wide as
// its widest line plus one space either side, one border between columns and at each
// end), so a caller can try layouts from the fullest to the narrowest and keep the
// first that fits. No cell is ever cut or wrapped by cli-table3 (no colWidths): the
// caller breaks long text at spaces itself, so a number is never split.
import Table from 'cli-table3';
import { blockWidth, cellWidth } from '../width.js';

/** A table as text cells, heading first; a cell may hold several lines ('\n'). */
export interface Grid {
  head: string[];
  rows: string[][];
}

const PADDING = 2;

/** Each column's width in cells, padding included. */
function columnWidths(grid: Grid): number[] {
  return grid.head.map((h, i) => {
    let widest = blockWidth(h);
    for (const row of grid.rows) widest = Math.max(widest, blockWidth(row[i] ?? ''));
    return widest + PADDING;
  });
}

/** The width cli-table3 draws the grid at, borders included. */
export function gridWidth(grid: Grid): number {
  const widths = columnWidths(grid);
  return widths.reduce((a, b) => a + b, 0) + widths.length + 1;
}

/**
 * The grid drawn with cli-table3. Compact (no rule between rows) while every row is
 * one line high; when a cell runs onto a second line, a rule between rows keeps each
 * row's lines together.
 */
export function drawGrid(grid: Grid): string {
  const multiLine = grid.rows.some((row) => row.some((cell) => cell.includes('\n')));
  const table = new Table({ head: grid.head, style: { head: [], border: [], compact: !multiLine } });
  for (const row of grid.rows) table.push(row);
  return table.toString();
}

/**
 * The grid as one table when it fits `width`, else as several stacked tables, each
 * with the first `keep` columns (the row labels) and as many of the others, in order,
 * as fit. A column too wide even alone beside the labels gets a table of its own
 * (wider than `width`: never cut).
 */
export function splitGrid(grid: Grid, keep: number, width: number): Grid[] {
  if (gridWidth(grid) <= width) return [grid];
  const widths = columnWidths(grid);
  const labels = widths.slice(0, keep).reduce((a, b) => a + b + 1, 1);
  const groups: number[][] = [];
  let current: number[] = [];
  let used = labels;
  for (let i = keep; i < widths.length; i++) {
    const w = widths[i]! + 1;
    if (current.length > 0 && used + w > width) {
      groups.push(current);
      current = [];
      used = labels;
    }
    current.push(i);
    used += w;
  }
  if (current.length > 0) groups.push(current);
  const pick = (cells: string[], cols: number[]): string[] => [...cells.slice(0, keep), ...cols.map((i) => cells[i] ?? '')];
  return groups.map((cols) => ({ head: pick(grid.head, cols), rows: grid.rows.map((row) => pick(row, cols)) }));
}

/** The grids drawn one under another, a blank line between. */
export function drawGrids(grids: Grid[]): string {
  return grids.map(drawGrid).join('\n\n');
}

/**
 * Text broken at spaces (or after `", "` in a list) into lines of at most `width`
 * cells, joined with '\n' for a multi-line cell. Words are never broken.
 */
export function wrapCell(text: string, width: number, separator = ' '): string {
  const parts = text.split(separator);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < parts.length; i++) {
    const piece = parts[i]! + (i < parts.length - 1 ? separator.trimEnd() : '');
    if (line !== '' && cellWidth(line) + 1 + cellWidth(piece) > width) {
      lines.push(line);
      line = piece;
    } else {
      line = line === '' ? piece : `${line} ${piece}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

/** Colour applied line by line, so each line of a multi-line cell opens and closes its own. */
export function colourLines(text: string, colour: (s: string) => string): string {
  return text.split('\n').map((line) => colour(line)).join('\n');
}

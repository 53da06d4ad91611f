// Terminal cells, the one measure for every aligned or fitted text (issue 15 item 1).
//
// A string's UTF-16 length (what `padEnd` counts) is not what a terminal shows: a wide
// character takes two cells, a combining mark none, and colour codes none at all. The
// measure is string-width, the one cli-table3 lays its tables out with, so a width
// computed here to fit a table agrees cell for cell with the table cli-table3 draws.
import stringWidth from 'string-width';

/** The width assumed when the terminal's is not known (not a TTY, or it does not say). */
export const DEFAULT_COLUMNS = 80;

/**
 * How many terminal cells the text takes: wide (East Asian, emoji) characters two,
 * combining marks and ANSI colour codes none. For text that came through sanitizeText.
 */
export function cellWidth(text: string): number {
  return stringWidth(text);
}

/** The widest line of a (multi-line) text, in cells. */
export function blockWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, cellWidth(line));
  return widest;
}

/** The text padded with spaces to `width` terminal cells, on the right (or the left). */
export function padCells(text: string, width: number, side: 'end' | 'start' = 'end'): string {
  const pad = ' '.repeat(Math.max(0, width - cellWidth(text)));
  return side === 'end' ? text + pad : pad + text;
}

/** What the width is read from: the stream written to and the environment. */
export interface ColumnsSource {
  stream: { isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
}

/**
 * The width to fit the output to, in cells: $COLUMNS when it is a positive whole
 * number (an explicit choice, as `ls` takes it), else the terminal's own width when
 * writing to one, else 80 (a file, a pipe, or a terminal that does not say).
 */
export function terminalColumns({ stream, env }: ColumnsSource): number {
  const fromEnv = env.COLUMNS?.trim();
  if (fromEnv && /^\d{1,5}$/.test(fromEnv) && Number(fromEnv) > 0) return Number(fromEnv);
  if (stream.isTTY && typeof stream.columns === 'number' && stream.columns > 0) return stream.columns;
  return DEFAULT_COLUMNS;
}

/**
 * The text broken at spaces into lines of at most `width` cells; lines after the first
 * start with `indent`. A word is never broken (a number, an id or a path stays whole):
 * a word longer than the room has a line of its own, wider than `width`.
 */
export function wrapCells(text: string, width: number, indent = ''): string[] {
  if (cellWidth(text) <= width) return [text];
  const lead = /^ */.exec(text)![0];
  const words = text.slice(lead.length).split(' ');
  const lines: string[] = [];
  let line = lead;
  let lineWidth = cellWidth(lead);
  let empty = true;
  for (const word of words) {
    const w = cellWidth(word);
    if (!empty && lineWidth + 1 + w > width) {
      lines.push(line);
      line = indent + word;
      lineWidth = cellWidth(indent) + w;
      continue;
    }
    line += (empty ? '' : ' ') + word;
    lineWidth += (empty ? 0 : 1) + w;
    empty = false;
  }
  lines.push(line);
  return lines;
}

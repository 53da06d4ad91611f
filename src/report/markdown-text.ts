// Markdown escaping and table building, once, for every format that writes Markdown
// (markdown, the GitHub job summary, diff --format markdown, SARIF help text).
import { sanitizeText } from '../text.js';

/** Characters Markdown (CommonMark + GFM) would interpret inside a table cell or paragraph. */
const MD_SPECIAL_RE = /[\\|`*_[\]<>~]/g;
const LINE_BREAK_RE = /\r\n|\r|\n|\u2028|\u2029/g;

/**
 * Untrusted text made safe for one Markdown table cell (or a line of prose): backslash,
 * `|`, backquote, `*`, `_`, `[`, `]`, `<`, `>` and `~` are backslash-escaped (so no
 * table break, emphasis, link, code span or raw HTML), line breaks become `<br>`, and
 * any other control or bidi-override character becomes a visible placeholder (`\x1B`).
 */
export function mdCell(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  const escaped = text.replace(MD_SPECIAL_RE, (ch) => `\\${ch}`);
  return escaped
    .split(LINE_BREAK_RE)
    .map((part) => sanitizeText(part))
    .join('<br>');
}

export type Align = 'l' | 'r';

/** One table row of cells that are already escaped. */
export function mdRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A GFM table: heading, separator (right-aligned columns `---:`), then the rows. */
export function mdTable(head: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string[] {
  const lines = [mdRow(head), mdRow(head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---')))];
  for (const r of rows) lines.push(mdRow(r));
  return lines;
}

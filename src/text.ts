// The one neutralising function for every human-facing text (issue 12 item 17).
//
// Cell values, file names, ids, paths, arguments and messages built from them come from
// files and command lines other people wrote: a crafted cell holding ESC [2J, a carriage
// return, a right-to-left override or a zero-width joiner could clear or rewrite the
// screen, make one line read as another, or hide text in a spreadsheet, a CI test tab
// or a board paper. Every such character becomes a visible, inert placeholder (`\x1B`,
// `\u202E`), so what is shown is what the file holds. Every output for people (terminal
// table, CSV, JUnit, markdown, HTML, GitHub annotations, `rules show`/`validate`,
// messages on stderr) passes untrusted pieces through `sanitizeText`.

/**
 * Characters that are never shown as they are:
 * - C0 controls U+0000–U+001F (ESC, BEL, CR, LF, tab, …), DEL U+007F and the C1 controls
 *   U+0080–U+009F (among them U+009B, a one-character CSI);
 * - bidirectional embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069, and
 *   the invisible direction marks U+061C, U+200E, U+200F;
 * - zero-width and invisible characters U+200B–U+200D (space, non-joiner, joiner),
 *   U+2060–U+2064 (word joiner, invisible operators) and U+FEFF (a byte-order mark
 *   inside text), which make two different ids look the same;
 * - the line and paragraph separators U+2028, U+2029 (some terminals break lines on them);
 * - lone UTF-16 surrogates (they cannot be written as UTF-8).
 */
const UNSAFE_RE =
  /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uD800-\uDFFF]/gu;

/** The same set less CR and LF, for outputs whose cells may hold line breaks (a quoted CSV cell). */
const UNSAFE_BUT_LINE_BREAKS_RE =
  /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uD800-\uDFFF]/gu;

function placeholder(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return cp <= 0xff
    ? `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`
    : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The text with every control, bidi, zero-width and separator character replaced by a
 * visible placeholder (`\x1B` for ESC, `\x0A` for a line feed, `\u202E` for RLO).
 * Non-strings are converted with String(); null and undefined become ''.
 * Apply it to each piece of untrusted text BEFORE colouring or joining it with line breaks.
 */
export function sanitizeText(value: unknown): string {
  return asText(value).replace(UNSAFE_RE, placeholder);
}

/**
 * sanitizeText for a cell that is quoted as a whole (CSV): CR and LF are left as they
 * are, since a spreadsheet shows a multi-line cell and no line of it can pass for a record.
 */
export function sanitizeCellText(value: unknown): string {
  return asText(value).replace(UNSAFE_BUT_LINE_BREAKS_RE, placeholder);
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

/** Whether the text holds a character that sanitizeText would replace. */
export function hasUnsafeChars(text: string): boolean {
  UNSAFE_RE.lastIndex = 0;
  const found = UNSAFE_RE.test(text);
  UNSAFE_RE.lastIndex = 0;
  return found;
}

/**
 * Characters that JSON.stringify leaves raw but a terminal or viewer may act on: DEL and
 * the C1 controls (U+009B is a one-character CSI), bidi overrides and isolates, direction
 * marks, zero-width characters and the line/paragraph separators. They can occur only
 * inside JSON strings, so writing them as \uXXXX escapes changes no value: the document
 * parses the same.
 */
const JSON_UNSAFE_RE = /[\u007F-\u009F\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** JSON text (from JSON.stringify) with every such character written as a \uXXXX escape. */
export function escapeJsonForTerminal(json: string): string {
  return json.replace(JSON_UNSAFE_RE, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Multi-line text (a message for stderr) neutralised line by line: its own line feeds kept, nothing else. */
export function sanitizeLines(text: string): string {
  return text.split('\n').map(sanitizeText).join('\n');
}

// Width in terminal cells lives in width.ts (string-width, as cli-table3 measures);
// re-exported here for the callers that align sanitised text.
export { cellWidth, padCells } from './width.js';

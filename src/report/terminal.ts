// Making untrusted text safe to print on a terminal. Cell values, file names, ids and
// messages built from them come from files other people wrote: a crafted cell holding
// ESC [2J, a carriage return or a right-to-left override could clear or rewrite the
// screen, or make one line read as another. Every such character becomes a visible,
// inert placeholder (`\x1B`, `\u202E`), so what is printed is what the file holds.

/**
 * Characters that are never printed as they are:
 * - C0 controls U+0000–U+001F (ESC, BEL, CR, LF, tab, …), DEL U+007F and the C1 controls
 *   U+0080–U+009F (among them U+009B, a one-character CSI);
 * - bidirectional embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069, and
 *   the invisible direction marks U+061C, U+200E, U+200F;
 * - the line and paragraph separators U+2028, U+2029 (some terminals break lines on them);
 * - lone UTF-16 surrogates (they cannot be written as UTF-8).
 */
const UNSAFE_RE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/gu;

function placeholder(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return cp <= 0xff
    ? `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`
    : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The text with every control, bidi-override and separator character replaced by a
 * visible placeholder (`\x1B` for ESC, `\x0A` for a line feed, `\u202E` for RLO).
 * Non-strings are converted with String(); null and undefined become ''.
 * Apply it to each piece of untrusted text BEFORE colouring it.
 */
export function sanitizeText(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  return text.replace(UNSAFE_RE, placeholder);
}

/** Whether the text holds a character that sanitizeText would replace. */
export function hasUnsafeChars(text: string): boolean {
  UNSAFE_RE.lastIndex = 0;
  const found = UNSAFE_RE.test(text);
  UNSAFE_RE.lastIndex = 0;
  return found;
}

/**
 * Characters that JSON.stringify leaves raw but a terminal may act on: DEL and the C1
 * controls (U+009B is a one-character CSI), bidi overrides and isolates, direction
 * marks and the line/paragraph separators. They can occur only inside JSON strings,
 * so writing them as \uXXXX escapes changes no value: the document parses the same.
 */
const JSON_UNSAFE_RE = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** JSON text (from JSON.stringify) with every such character written as a \uXXXX escape. */
export function escapeJsonForTerminal(json: string): string {
  return json.replace(JSON_UNSAFE_RE, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

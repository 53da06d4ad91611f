// Escaping for the HTML report. Every piece of text that came from an input file, the
// ruleset or the command line goes through one of these before it reaches the page:
// `<`, `>`, `&`, `"` and `'` become entities (so a cell holding `</script>` or
// `<img src=x onerror=…>` is shown as text), and control, bidi-override and separator
// characters become visible placeholders (`\x1B`, `\u202E`) as in the terminal report.
import { sanitizeText } from '../../text.js';

const LINE_BREAK_RE = /\r\n|\r|\n|\u2028|\u2029/g;
const HTML_SPECIAL_RE = /[&<>"']/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function asText(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

function entities(text: string): string {
  return text.replace(HTML_SPECIAL_RE, (ch) => ENTITIES[ch] ?? ch);
}

/** Untrusted text for element content or an attribute value; line breaks become spaces. */
export function esc(value: unknown): string {
  return entities(
    asText(value)
      .split(LINE_BREAK_RE)
      .map((part) => sanitizeText(part))
      .join(' '),
  );
}

/** Untrusted text for element content where line breaks should show: they become `<br>`. */
export function escLines(value: unknown): string {
  return asText(value)
    .split(LINE_BREAK_RE)
    .map((part) => entities(sanitizeText(part)))
    .join('<br>');
}

/** A whole number for the page: plain digits, so it reads back as the JSON number. */
export function int(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n)) : '–';
}

// Nesting deep enough to exhaust the YAML parser's stack is refused before parsing.
import { Lexer } from 'yaml';

/** Deepest flow nesting (`[`/`{`) accepted; a rules file needs about 4. */
const MAX_FLOW_DEPTH = 64;
/** Widest block indentation (spaces and `- `/`? `/`: ` indicators) accepted. */
const MAX_BLOCK_INDENT = 256;

/**
 * Flow brackets are counted with the YAML lexer (iterative, quote-aware); block
 * depth is bounded by the width of each line's indentation and indicators.
 */
export function scanNesting(text: string, noun: string): { offset: number; message: string } | null {
  let lineStart = 0;
  while (lineStart <= text.length) {
    let i = lineStart;
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t') i++;
      else if ((c === '-' || c === '?' || c === ':') && (i + 1 >= text.length || /[ \t\r\n]/.test(text[i + 1]!))) i++;
      else break;
    }
    if (i - lineStart > MAX_BLOCK_INDENT) {
      return { offset: lineStart, message: `this line is indented more than ${MAX_BLOCK_INDENT} places; the file is nested too deeply to be a ${noun}` };
    }
    const nl = text.indexOf('\n', lineStart);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  let depth = 0;
  let offset = 0;
  for (const tok of new Lexer().lex(text)) {
    if (tok === '\x02' || tok === '\x18' || tok === '\x1f') continue; // zero-width markers
    if (tok === '[' || tok === '{') {
      if (++depth > MAX_FLOW_DEPTH) {
        return { offset, message: `brackets are nested more than ${MAX_FLOW_DEPTH} deep here; the file is nested too deeply to be a ${noun}` };
      }
    } else if (tok === ']' || tok === '}') depth = Math.max(0, depth - 1);
    offset += tok.length;
  }
  return null;
}

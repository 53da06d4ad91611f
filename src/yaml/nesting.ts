// Nesting deep enough to exhaust the YAML parser's stack is refused before parsing.
import { Lexer } from 'yaml';

/** Deepest flow nesting (`[`/`{`) accepted; a rules file needs about 4. */
const MAX_FLOW_DEPTH = 64;
/** Widest block indentation (spaces and `- `/`? `/`: ` indicators) accepted. */
const MAX_BLOCK_INDENT = 256;

/** Where a file is nested too deeply to be parsed, and what to say there. */
export interface TooDeep {
  offset: number;
  message: string;
}

/**
 * The file's lexical tokens, or where it is nested too deeply. Flow brackets are
 * counted with the YAML lexer (iterative, quote-aware); block depth is bounded by the
 * width of each line's indentation and indicators. The tokens are what the parser
 * reads next (source.ts), so a file is lexed once: cold, the lexer is most of the
 * cost of reading a ruleset at start-up.
 */
export function lexWithinNesting(text: string, noun: string): { tokens: string[]; deep: null } | { tokens: null; deep: TooDeep } {
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
      return { tokens: null, deep: { offset: lineStart, message: `this line is indented more than ${MAX_BLOCK_INDENT} places; the file is nested too deeply to be a ${noun}` } };
    }
    const nl = text.indexOf('\n', lineStart);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  const tokens: string[] = [];
  let depth = 0;
  let offset = 0;
  for (const tok of new Lexer().lex(text)) {
    tokens.push(tok);
    if (tok === '\x02' || tok === '\x18' || tok === '\x1f') continue; // zero-width markers
    if (tok === '[' || tok === '{') {
      if (++depth > MAX_FLOW_DEPTH) {
        return { tokens: null, deep: { offset, message: `brackets are nested more than ${MAX_FLOW_DEPTH} deep here; the file is nested too deeply to be a ${noun}` } };
      }
    } else if (tok === ']' || tok === '}') depth = Math.max(0, depth - 1);
    offset += tok.length;
  }
  return { tokens, deep: null };
}

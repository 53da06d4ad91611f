// The JSON report of report.md; the shape is src/types.ts Report.
// Written in pieces (jsonChunks) so a million-row report never exists as one string.
import type { Report } from '../types.js';
import type { FormatOptions } from './types.js';
import { escapeJsonForTerminal } from '../text.js';
import { GROUP_ITEMS, groupText, spooledText } from '../check/spool.js';

/** Arrays that grow with the data; everything else is small. */
const STREAMED_KEYS = new Set(['findings', 'data_issues']);

/**
 * The same text as JSON.stringify(report, null, 2), in chunks of about 64 KB.
 * C1 controls and bidi characters from cells are written as \uXXXX: same values,
 * but a report printed to a terminal cannot act on them.
 */
export function* jsonChunks(report: Report): Generator<string> {
  const entries = Object.entries(report).filter(([, value]) => value !== undefined);
  yield '{\n';
  for (const [i, [key, value]] of entries.entries()) {
    const comma = i < entries.length - 1 ? ',' : '';
    const spooled = STREAMED_KEYS.has(key) && Array.isArray(value) && value.length > 0 ? spooledText(value) : null;
    if (spooled !== null) {
      // a spooled list is stored as this report's text of its items: copied as it is
      yield `  ${JSON.stringify(key)}: [\n`;
      yield* spooled;
      yield `\n  ]${comma}\n`;
    } else if (STREAMED_KEYS.has(key) && Array.isArray(value) && value.length > 0) {
      // the same text the spool stores, a group of items per JSON.stringify
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let j = 0; j < value.length; j += GROUP_ITEMS) yield (j > 0 ? ',\n' : '') + groupText(value.slice(j, j + GROUP_ITEMS));
      yield `\n  ]${comma}\n`;
    } else {
      yield escapeJsonForTerminal(`  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${comma}\n`);
    }
  }
  yield '}\n';
}

export function formatJson(report: Report, _options: FormatOptions): string {
  return [...jsonChunks(report)].join('');
}

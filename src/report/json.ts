// The JSON report of report.md, pretty-printed; the shape is src/types.ts Report.
import type { Report } from '../types.js';
import type { FormatOptions } from './index.js';
import { escapeJsonForTerminal } from './terminal.js';

export function formatJson(report: Report, _options: FormatOptions): string {
  // C1 controls and bidi characters from cells are written as \uXXXX: same values,
  // but `--format json` printed to a terminal cannot act on them.
  return escapeJsonForTerminal(JSON.stringify(report, null, 2)) + '\n';
}

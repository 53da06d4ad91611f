// The JSON report of report.md, pretty-printed; the shape is src/types.ts Report.
import type { Report } from '../types.js';
import type { FormatOptions } from './index.js';

export function formatJson(report: Report, _options: FormatOptions): string {
  return JSON.stringify(report, null, 2) + '\n';
}

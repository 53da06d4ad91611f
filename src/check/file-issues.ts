// Data issues about a whole file or a whole record (report.md "Data issues"), shared
// by every kind of table.
import { detach } from '../detach.js';
import { closestHeader, headerList } from '../input/header-hints.js';
import type { Header, TableReadResult } from '../input/table.js';
import type { DataIssue, Severity } from '../types.js';

/** The unreadable_file issue of a read, if any (none for a file already refused for a missing column). */
export function fileIssues(file: string, read: TableReadResult, missingColumnIssued: boolean): DataIssue[] {
  const issues: DataIssue[] = [];
  const unreadable = (line: number | null, message: string): DataIssue => ({
    severity: 'error', code: 'unreadable_file', file, line, column: null, message,
  });
  if (read.failure) {
    issues.push(unreadable(null, read.failure.message));
  } else if (missingColumnIssued) {
    // a file missing a required column gets no other issue
  } else if (read.broken) {
    const from = read.header ? 'this record and everything after it were not checked' : 'no header could be read';
    issues.push(unreadable(read.broken.line, `the file is malformed at line ${read.broken.line}: ${read.broken.problem}; ${from}`));
  } else if (!read.header && read.headerRow !== undefined && read.skippedAboveHeader > 0) {
    issues.push(unreadable(null, `the file has no header: its profile gives header_row ${read.headerRow}, and every non-blank record is above it`));
  } else if (!read.header) {
    issues.push(unreadable(null, 'the file is empty or holds only blank lines'));
  }
  return issues;
}

/**
 * What a person needs to fix a missing column: the closest header cell for each
 * missing column (among the cells no column claimed), and the headers that were found.
 */
export function missingColumnIssue(file: string, missing: string[], what: string, header?: Header): DataIssue {
  let help = '';
  if (header) {
    const claimed = new Set(header.positions.values());
    const unclaimed = header.cells.filter((_, i) => !claimed.has(i));
    const hints: string[] = [];
    for (const column of missing) {
      const near = closestHeader(column, unclaimed);
      if (near !== null) hints.push(`for ${column}, did you mean "${near}"?`);
    }
    if (hints.length > 0) help += ` (${hints.join('; ')} map it in a profile: docs/profiles.md)`;
    help += `; headers found at line ${header.line}: ${headerList(header.cells)}`;
  }
  return {
    severity: 'error', code: 'missing_column', file, line: null, column: null, columns: missing,
    message: `the ${what} lacks the required column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; the file is not checked${help}`,
  };
}

export function summaryRowIssue(file: string, line: number): DataIssue {
  return {
    severity: 'warning', code: 'summary_row', file, line, column: null,
    message: 'a totals row a spreadsheet added below the data; it is not read as a row',
  };
}

export function raggedIssue(file: string, line: number, extra: string, severity: Severity): DataIssue {
  return {
    severity, code: 'ragged_row', file, line, column: null, value: detach(extra),
    message: 'the row has more cells than the header (often an unquoted comma in a value); the row is not checked',
  };
}

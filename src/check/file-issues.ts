// Data issues about a whole file or a whole record (report.md "Data issues"), shared
// by every kind of table.
import { detach } from '../detach.js';
import type { TableReadResult } from '../input/table.js';
import type { DataIssue, Severity } from '../types.js';

const UNREADABLE_MESSAGES = {
  utf16: 'the file is saved as UTF-16 ("Unicode text"); save it from Excel as "CSV UTF-8 (Comma delimited)"',
  workbook: 'this is an Excel workbook, not a CSV file; save it from Excel as "CSV UTF-8 (Comma delimited)"',
  nul_byte: 'the file holds NUL bytes, so it is not a plain CSV file; save it from Excel as "CSV UTF-8 (Comma delimited)"',
} as const;

/** The unreadable_file issue of a read, if any (none for a file already refused for a missing column). */
export function fileIssues(file: string, read: TableReadResult, missingColumnIssued: boolean): DataIssue[] {
  const issues: DataIssue[] = [];
  const unreadable = (line: number | null, message: string): DataIssue => ({
    severity: 'error', code: 'unreadable_file', file, line, column: null, message,
  });
  if (read.failure) {
    const message = read.failure.kind === 'cannot_open' ? `cannot read the file: ${read.failure.message}` : UNREADABLE_MESSAGES[read.failure.kind];
    issues.push(unreadable(null, message));
  } else if (missingColumnIssued) {
    // a file missing a required column gets no other issue
  } else if (read.malformed) {
    const what = read.malformed.reason === 'unclosed_quote'
      ? 'a quoted field is never closed (a " without its closing ")'
      : 'there is text straight after a closing quote (a stray " in a quoted field?)';
    const from = read.header ? 'this record and everything after it were not checked' : 'no header could be read';
    issues.push(unreadable(read.malformed.line, `the file is malformed at line ${read.malformed.line}: ${what}; ${from}`));
  } else if (!read.header) {
    issues.push(unreadable(null, 'the file is empty or holds only blank lines'));
  }
  return issues;
}

export function missingColumnIssue(file: string, missing: string[], what: string): DataIssue {
  return {
    severity: 'error', code: 'missing_column', file, line: null, column: null, columns: missing,
    message: `the ${what} lacks the required column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; the file is not checked`,
  };
}

export function raggedIssue(file: string, line: number, extra: string, severity: Severity): DataIssue {
  return {
    severity, code: 'ragged_row', file, line, column: null, value: detach(extra),
    message: 'the row has more cells than the header (often an unquoted comma in a value); the row is not checked',
  };
}

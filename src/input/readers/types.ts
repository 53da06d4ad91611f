// The one interface every input reader (CSV through csv-parse, workbooks) offers the
// check: records in file order, in batches, each with the line a person finds it on,
// and at the end an outcome that says what was read (checksum, sheet) and what stopped
// the reading, located where it can be (engagements.md "The file", section 4).

/** One record of an input file: its cells as text, as a person sees them. */
export interface InputRecord {
  cells: string[];
  /**
   * Where a person finds the record: in a CSV file the physical line where it starts
   * (one plus the line breaks before its first character); in a workbook the row
   * number Excel shows.
   */
  line: number;
}

/** Why a whole file could not be read (no record of it was delivered). */
export type ReadFailureKind =
  | 'cannot_open'
  | 'utf16'
  | 'nul_byte'
  | 'old_workbook'
  | 'workbook'
  | 'too_large';

export interface ReadFailure {
  kind: ReadFailureKind;
  /** a plain sentence for the person, naming what to do where there is something to do */
  message: string;
}

/** Why the reading stopped partway: the records before `line` were delivered, the rest not. */
export type ReadBreakReason = 'unclosed_quote' | 'record_too_large' | 'malformed';

export interface ReadBreak {
  /** where the broken record starts (CSV line or workbook row) */
  line: number;
  reason: ReadBreakReason;
  /** what is wrong with that record, plainly ("a quoted field is never closed …") */
  problem: string;
}

export interface ReadOutcome {
  /** of every byte of the file as it was read; null when it could not be read at all */
  sha256: string | null;
  failure: ReadFailure | null;
  broken: ReadBreak | null;
  /** CSV: the text encoding the file was read in */
  encoding: 'utf-8' | 'windows-1252' | null;
  /** workbook: the name of the sheet read; null for CSV */
  sheet: string | null;
  /** present for a workbook (section 4): the hidden sheets before the one read */
  workbook?: { hiddenSheets: string[] };
}

/**
 * A source of records, pulled one batch at a time so that the caller can let
 * signals in between and memory stays bounded. A batch may be empty (a step that
 * only hashed bytes); null means the end. After the end, `outcome()` is final.
 */
export interface RecordReader {
  next(): Promise<readonly InputRecord[] | null>;
  /**
   * The same without waiting, offered by readers that never need to (CSV from a
   * regular file or from bytes already in memory): the synchronous check uses it.
   */
  nextSync?: () => readonly InputRecord[] | null;
  outcome(): ReadOutcome;
  /** Releases the file; safe to call more than once and before the end. */
  close(): void;
}

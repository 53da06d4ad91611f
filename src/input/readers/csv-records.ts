// csv-parse, fed bytes chunk by chunk, giving records with the physical line where
// each starts (engagements.md "The file"). What this adapter corrects, and why, is in
// docs/decisions.md (37, "csv-parse, driven chunk by chunk"):
//
// - `record_delimiter` is given the line ends the file holds, found before parsing
//   (LineEnds), all three when it mixes them: csv-parse's auto-detection locks onto the
//   first one it sees, and exports mix LF, CRLF and a lone CR;
// - csv-parse's `info.lines` is where a record *ends* and counts a CRLF inside quotes
//   twice, so the start line is derived here: a record starts one line after the
//   previous record's start plus the line breaks inside that record's cells (csv-parse
//   keeps quoted line breaks verbatim, and an empty line is a record of one blank cell).
//   Every line break of the input ends a record or sits inside a cell, so when the
//   breaks in the bytes given so far equal the records completed plus the breaks
//   already found inside cells, no new record has one and their cells are not searched
//   (BreakCount); only a chunk that holds quoted breaks, or ends between a record and
//   its line end, has its records' cells searched;
// - the first error stops the file (`skip_records_with_error` falls out of step with the
//   lines), and the error carries the line where the broken record starts;
// - no `info: true` (~12% slower) and no `cast` (~9x): cells stay text, read later.
import { Parser } from 'csv-parse';
import type { InputRecord, ReadBreak } from './types.js';

/**
 * The largest record read, in bytes: 64 MiB. Excel holds at most 32,767 characters in
 * a cell, so no honest export comes near it; a larger record (or a quote that is never
 * closed and swallows the file) would otherwise grow until the process dies.
 */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

const CSV_OPTIONS = {
  // v1.1: text after a closing quote stays in the field; a `"` inside an unquoted field is ordinary
  relax_quotes: true,
  // ragged rows and padding are the table's business (engagements.md "Rows")
  relax_column_count: true,
  max_record_size: MAX_RECORD_BYTES,
};

/**
 * The line ends a file holds, found before it is parsed (csv.ts, pass 1). csv-parse
 * compares every byte outside quotes with each record delimiter it is given, so a file
 * is given only the ones it holds: three cost about 9% more than one (docs/decisions.md
 * 37). The records are the same either way: a delimiter left out appears nowhere in
 * the file.
 */
export type LineEnds = 'lf' | 'cr' | 'crlf' | 'mixed';
const RECORD_DELIMITERS: Record<LineEnds, readonly string[]> = { lf: ['\n'], cr: ['\r'], crlf: ['\r\n'], mixed: ['\r\n', '\n', '\r'] };

/** The synchronous engine behind csv-parse's own stream (`Parser#_transform` calls it per chunk). */
interface CsvEngine {
  parse(bytes: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

function csvEngine(lineEnds: LineEnds): CsvEngine {
  const engine = (new Parser({ ...CSV_OPTIONS, record_delimiter: [...RECORD_DELIMITERS[lineEnds]] }) as unknown as { api?: CsvEngine }).api;
  // The version is pinned in package.json; this fails loudly (and the tests with it) if an upgrade moves it.
  if (typeof engine?.parse !== 'function') throw new Error('csv-parse: the installed version lacks the parser engine this adapter drives');
  return engine;
}

const LF = 10;
const CR = 13;

/** Line breaks in a cell: LF, CRLF or a lone CR, each one break. */
function breaksIn(cell: string): number {
  let n = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR) {
      n++;
      if (cell.charCodeAt(i + 1) === LF) i++;
    }
  }
  return n;
}

function breaksInRecord(cells: string[]): number {
  let n = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell.indexOf('\n') !== -1 || cell.indexOf('\r') !== -1) n += breaksIn(cell);
  }
  return n;
}

function breakOf(err: Error, line: number): ReadBreak {
  const code = (err as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return { line, reason: 'unclosed_quote', problem: 'a quoted field is never closed (a " without its closing ")' };
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return {
      line, reason: 'record_too_large',
      problem: `the record is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB (a cell far too large, or a quoted field whose closing " is missing)`,
    };
  }
  return { line, reason: 'malformed', problem: err.message.replace(/\s*at line \d+/, '') };
}

/**
 * Line breaks in bytes given chunk by chunk: LF, CRLF and a lone CR each one break, a
 * CRLF split between two chunks one too. Found with indexOf (a native search) rather
 * than a loop over every byte: it costs a call per line, not per byte.
 */
class BreakCount {
  total = 0;
  private endsWithCr = false;

  add(bytes: Buffer): void {
    if (bytes.length === 0) return;
    let n = 0;
    for (let at = bytes.indexOf(LF); at !== -1; at = bytes.indexOf(LF, at + 1)) n++;
    // a CR is a break of its own unless an LF follows it (counted already); one that
    // ends the chunk waits for the next chunk's first byte
    for (let at = bytes.indexOf(CR); at !== -1; at = bytes.indexOf(CR, at + 1)) if (at + 1 < bytes.length && bytes[at + 1] !== LF) n++;
    if (this.endsWithCr && bytes[0] !== LF) n++;
    this.endsWithCr = bytes[bytes.length - 1] === CR;
    this.total += n;
  }
}

/** Records out of CSV bytes, pushed in chunks cut anywhere; stops at the first broken record. */
export class CsvRecordParser {
  private readonly engine: CsvEngine;
  private nextLine = 1;
  private out: InputRecord[] = [];
  private done = false;
  /** line breaks in the bytes given to csv-parse */
  private readonly breaks = new BreakCount();
  /** records completed, and line breaks found inside their cells */
  private completed = 0;
  private breaksInCells = 0;
  broken: ReadBreak | null = null;

  /** `lineEnds`: those the bytes hold; 'mixed' (all three) reads any file. */
  constructor(lineEnds: LineEnds = 'mixed') {
    this.engine = csvEngine(lineEnds);
  }

  private readonly onRecord = (cells: string[]): void => {
    this.out.push({ cells, line: 0 });
  };

  /** The records the chunk completes (possibly none). */
  push(bytes: Buffer): InputRecord[] {
    if (!this.done) {
      this.breaks.add(bytes);
      const err = this.engine.parse(bytes, false, this.onRecord, noop);
      this.numberLines(false);
      this.settle(err);
    }
    return this.take();
  }

  /** The end of the file: the last record, or the broken one. */
  end(): InputRecord[] {
    if (!this.done) {
      const err = this.engine.parse(undefined, true, this.onRecord, noop);
      this.numberLines(true);
      this.settle(err);
      this.done = true;
    }
    return this.take();
  }

  /**
   * Gives the records just completed their start lines. Each record completed by a
   * push has had its line end read, so the breaks given so far are at least the
   * records completed plus the breaks inside their cells; equal, and no new record
   * holds one. (A CR that ends the chunk is not counted yet, and csv-parse holds it
   * back too, to see whether an LF follows.) At the end of the file the last record
   * may have no line end: its cells are searched.
   */
  private numberLines(atEnd: boolean): void {
    const records = this.out;
    const n = records.length;
    if (n === 0) return;
    this.completed += n;
    let line = this.nextLine;
    if (!atEnd && this.breaks.total === this.completed + this.breaksInCells) {
      for (let i = 0; i < n; i++) records[i]!.line = line++;
    } else {
      for (let i = 0; i < n; i++) {
        const record = records[i]!;
        record.line = line;
        const inside = breaksInRecord(record.cells);
        this.breaksInCells += inside;
        line += 1 + inside;
      }
    }
    this.nextLine = line;
  }

  private settle(err: Error | undefined): void {
    if (err === undefined) return;
    // The broken record starts where the last good one's line breaks end.
    this.broken = breakOf(err, this.nextLine);
    this.done = true;
  }

  private take(): InputRecord[] {
    const records = this.out;
    this.out = [];
    return records;
  }
}

function noop(): void {}

/** Every record of a whole text or buffer, cut into chunks at `cuts` (tests, small inputs). */
export function parseCsvRecords(
  input: string | Buffer, cuts: readonly number[] = [], lineEnds: LineEnds = 'mixed',
): { records: InputRecord[]; broken: ReadBreak | null } {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const parser = new CsvRecordParser(lineEnds);
  const records: InputRecord[] = [];
  let last = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const at = Math.min(Math.max(cut, last), bytes.length);
    for (const r of parser.push(bytes.subarray(last, at))) records.push(r);
    last = at;
  }
  for (const r of parser.push(bytes.subarray(last))) records.push(r);
  for (const r of parser.end()) records.push(r);
  return { records, broken: parser.broken };
}

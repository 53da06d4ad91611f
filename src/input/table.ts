// From records to a table (engagements.md "Headers", "The file"): header matching,
// the header searched among the first non-blank records, records above it skipped,
// blank records skipped, summary (totals) rows set aside, padding and ragged rows.
import { normaliseHeader } from '../ruleset/names.js';
import { openRecordReader, type InputRecord, type ReadOutcome, type ReaderOptions } from './readers/index.js';
import type { Step } from './steps.js';
import { readMeter } from './meter.js';

/** normalised header name -> canonical column; canonical names first, then the ruleset's aliases. */
export function buildHeaderIndex(columns: readonly string[], aliases: Map<string, string[]>): Map<string, string> {
  const index = new Map<string, string>();
  for (const column of columns) index.set(column, column);
  for (const [column, names] of aliases) {
    if (!columns.includes(column)) continue;
    for (const name of names) {
      const key = normaliseHeader(name);
      // A canonical name always means its own column; an alias never steals it.
      if (key !== '' && !index.has(key)) index.set(key, column);
    }
  }
  return index;
}

export interface Header {
  line: number;
  width: number;
  /** canonical column -> cell index (leftmost match wins) */
  positions: Map<string, number>;
  /** the header's cells as written, for messages about columns it lacks */
  cells: readonly string[];
}

export function matchHeader(cells: string[], line: number, index: Map<string, string>): Header {
  const positions = new Map<string, number>();
  for (let i = 0; i < cells.length; i++) {
    const column = index.get(normaliseHeader(cells[i]!));
    if (column !== undefined && !positions.has(column)) positions.set(column, i);
  }
  return { line, width: cells.length, positions, cells: cells.map((c) => c.trim()) };
}

/** The header is searched among this many non-blank records, itself included (reading 1). */
export const HEADER_SEARCH_RECORDS = 20;

/** Distinct required columns a record names as a header (two cells for one column count once). */
function requiredNamed(cells: string[], index: Map<string, string>, required: ReadonlySet<string>): number {
  const found = new Set<string>();
  for (const cell of cells) {
    const column = index.get(normaliseHeader(cell));
    if (column !== undefined && required.has(column)) found.add(column);
  }
  return found.size;
}

function isBlankRecord(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/** A cell a spreadsheet's totals row carries: `Total…`, `Subtotal`, `Sub-total`, `Grand total`, `… total`. */
export function isTotalLabel(cell: string): boolean {
  const text = cell.trim().toLowerCase();
  return text.startsWith('total') || text.startsWith('subtotal') || text.startsWith('sub-total') || text.startsWith('grand total') || text.endsWith(' total');
}

/** A summary row (reading 6): its identity cells all blank or absent, and some cell, any, a totals label. */
function isSummaryRecord(cells: string[], identity: readonly number[]): boolean {
  for (const i of identity) {
    const cell = cells[i];
    if (cell !== undefined && cell.trim() !== '') return false;
  }
  for (const cell of cells) if (isTotalLabel(cell)) return true;
  return false;
}

export interface TableShape {
  /** the file kind's required columns: a header names at least two of them */
  required: readonly string[];
  /** the columns that identify a row; all blank in a summary row */
  identity: readonly string[];
}
export interface TableHandlers {
  /** Return false to ignore the rest of the file (a required column is missing). */
  header(header: Header): boolean;
  /** A data record no wider than the header (padded with ''). */
  row(cells: string[], line: number): void;
  /** A data record with a non-blank cell beyond the header's width. */
  ragged(line: number, extra: string): void;
  /** A totals row a spreadsheet added: not a row. */
  summary(line: number): void;
}

/** How a profile places the table (engagements.md §5): the sheet to read, the header's line or row. */
export interface TableOptions extends ReaderOptions {
  /** the header is the first non-blank record from this line (CSV) or row (workbook) on: no search */
  headerRow?: number;
}

export interface TableReadResult extends ReadOutcome {
  header: Header | null;
  /** false when handlers.header() asked to stop */
  accepted: boolean;
  /** non-blank records above the header (a title, a run date), skipped */
  skippedAboveHeader: number;
  /** the profile's header row, when it gave one */
  headerRow?: number;
}

/**
 * Reads a table one batch of records at a time, one step each (see steps.ts): the
 * file's reader is closed however the generator ends, also when it is abandoned.
 */
export function* readTableSteps(path: string, index: Map<string, string>, shape: TableShape, handlers: TableHandlers, options: TableOptions = {}): Generator<Step, TableReadResult> {
  let header: Header | null = null;
  let accepted = true;
  let skippedAboveHeader = 0;
  let identity: number[] = [];
  const required = new Set(shape.required);
  /** non-blank records read while the header is still sought */
  let pending: InputRecord[] | null = [];

  const data = (cells: string[], line: number): void => {
    const h = header!;
    if (isSummaryRecord(cells, identity)) return handlers.summary(line);
    const width = h.width;
    if (cells.length > width) {
      for (let i = width; i < cells.length; i++) {
        if (cells[i]!.trim() !== '') return handlers.ragged(line, cells[i]!);
      }
      cells.length = width;
    }
    while (cells.length < width) cells.push('');
    handlers.row(cells, line);
  };
  const useHeader = (record: InputRecord): void => {
    header = matchHeader(record.cells, record.line, index);
    identity = [];
    for (const column of shape.identity) {
      const at = header.positions.get(column);
      if (at !== undefined) identity.push(at);
    }
    accepted = handlers.header(header);
  };
  /** The first non-blank record is the header when none of the first ones qualifies (reading 2). */
  const settleHeader = (): void => {
    const records = pending!;
    pending = null;
    if (records.length === 0) return;
    useHeader(records[0]!);
    for (let k = 1; k < records.length && accepted; k++) data(records[k]!.cells, records[k]!.line);
  };

  const headerRow = options.headerRow;
  const reader = openRecordReader(path, options.sheet === undefined ? {} : { sheet: options.sheet });
  try {
    for (;;) {
      let batch: readonly InputRecord[] | null;
      if (reader.nextSync) batch = reader.nextSync();
      else {
        let settled: readonly InputRecord[] | null = null;
        yield reader.next().then((b) => {
          settled = b;
        });
        batch = settled;
      }
      if (batch === null) break;
      readMeter.records += batch.length; // per batch: the progress line's count, no cost per row
      for (const record of batch) {
        if (!accepted) break;
        if (isBlankRecord(record.cells)) continue;
        if (pending !== null && headerRow !== undefined) {
          if (record.line < headerRow) {
            skippedAboveHeader++;
            continue;
          }
          pending = null;
          useHeader(record);
          continue;
        }
        if (pending !== null) {
          if (requiredNamed(record.cells, index, required) >= 2) {
            skippedAboveHeader = pending.length;
            pending = null;
            useHeader(record);
            continue;
          }
          pending.push(record);
          if (pending.length === HEADER_SEARCH_RECORDS) settleHeader();
          continue;
        }
        data(record.cells, record.line);
      }
      if (!accepted) break;
      yield;
    }
    if (pending !== null) settleHeader();
  } finally {
    reader.close();
  }
  return { ...reader.outcome(), header, accepted, skippedAboveHeader, ...(headerRow !== undefined ? { headerRow } : {}) };
}

// From records to a table: the header (first non-blank record), header matching,
// blank-record skipping, padding and ragged rows (engagements.md "Headers", "The file").
import { normaliseHeader } from '../ruleset/names.js';
import { openRecordReader, type InputRecord, type ReadOutcome } from './readers/index.js';
import type { Step } from './steps.js';

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
}

export function matchHeader(cells: string[], line: number, index: Map<string, string>): Header {
  const positions = new Map<string, number>();
  for (let i = 0; i < cells.length; i++) {
    const column = index.get(normaliseHeader(cells[i]!));
    if (column !== undefined && !positions.has(column)) positions.set(column, i);
  }
  return { line, width: cells.length, positions };
}

function isBlankRecord(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

export interface TableHandlers {
  /** Return false to ignore the rest of the file (a required column is missing). */
  header(header: Header): boolean;
  /** A data record no wider than the header (padded with ''). */
  row(cells: string[], line: number): void;
  /** A data record with a non-blank cell beyond the header's width. */
  ragged(line: number, extra: string): void;
}

export interface TableReadResult extends ReadOutcome {
  header: Header | null;
  /** false when handlers.header() asked to stop */
  accepted: boolean;
}

/**
 * Reads a table one batch of records at a time, one step each (see steps.ts): the
 * file's reader is closed however the generator ends, also when it is abandoned.
 */
export function* readTableSteps(path: string, index: Map<string, string>, handlers: TableHandlers): Generator<Step, TableReadResult> {
  let header: Header | null = null;
  let accepted = true;
  const reader = openRecordReader(path);
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
      for (const { cells, line } of batch) {
        if (!accepted) break;
        if (isBlankRecord(cells)) continue;
        if (header === null) {
          header = matchHeader(cells, line, index);
          accepted = handlers.header(header);
          continue;
        }
        const width = header.width;
        if (cells.length > width) {
          let extra: string | null = null;
          for (let i = width; i < cells.length; i++) {
            if (cells[i]!.trim() !== '') {
              extra = cells[i]!;
              break;
            }
          }
          if (extra !== null) {
            handlers.ragged(line, extra);
            continue;
          }
          cells.length = width;
        }
        while (cells.length < width) cells.push('');
        handlers.row(cells, line);
      }
      if (!accepted) break;
      yield;
    }
  } finally {
    reader.close();
  }
  return { ...reader.outcome(), header, accepted };
}

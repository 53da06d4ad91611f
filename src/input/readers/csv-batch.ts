// What the CSV reading thread (csv-worker.ts) and the main thread (csv-thread.ts)
// share: the layout of their shared counters and how a batch of records travels.
//
// A batch is one string of every cell joined by NUL, the number of cells of each
// record and the line where each starts (typed arrays, transferred, not copied). A
// file holding a NUL byte is refused before any record is read (csv.ts, pass 1), so no
// cell holds one. The main thread splits the string once per batch, which costs far
// less than a structured clone of one string per cell (docs/decisions.md, the entry
// on the reading thread). Cells of 13 characters or more are then views into the
// batch's string: what is kept past the row goes through detach() (src/detach.ts).
import type { MessagePort } from 'node:worker_threads';
import type { InputRecord, ReadOutcome } from './types.js';

/** Int32 slots of the SharedArrayBuffer both threads hold. */
export const IN_FLIGHT = 0; // batches posted and not yet taken by the main thread
export const STOP = 1; // set by the main thread: stop reading, post nothing more
export const CONTROL_SLOTS = 2;

/**
 * Batches the reading thread may run ahead of the main thread: at 64 KiB of input each,
 * a few MB of records at most are ever queued, however large the file.
 */
export const MAX_IN_FLIGHT = 8;

/** What the reading thread is given. */
export interface WorkerInput {
  fd: number;
  size: number;
  control: SharedArrayBuffer;
  port: MessagePort;
}

export interface EncodedBatch {
  kind: 'batch';
  text: string;
  counts: Int32Array<ArrayBuffer>;
  lines: Float64Array<ArrayBuffer>;
  /** input bytes parsed for this batch (the progress line's count) */
  bytes: number;
  /**
   * With the first batch: the outcome so far (checksum, encoding), which a reader
   * closed early (a header without the required columns) still reports.
   */
  outcome?: ReadOutcome;
}

export interface EndOfFile {
  kind: 'end';
  outcome: ReadOutcome;
  bytes: number;
}

export type WorkerMessage = EncodedBatch | EndOfFile;

export function encodeBatch(records: readonly InputRecord[], bytes: number): EncodedBatch {
  const counts = new Int32Array(records.length);
  const lines = new Float64Array(records.length);
  let total = 0;
  for (let i = 0; i < records.length; i++) total += records[i]!.cells.length;
  const cells = new Array<string>(total);
  let k = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    counts[i] = record.cells.length;
    lines[i] = record.line;
    for (const cell of record.cells) cells[k++] = cell;
  }
  return { kind: 'batch', text: cells.join('\u0000'), counts, lines, bytes };
}

export function decodeBatch(batch: EncodedBatch): InputRecord[] {
  const cells = batch.text.split('\u0000');
  const { counts, lines } = batch;
  const records = new Array<InputRecord>(counts.length);
  let k = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    records[i] = { cells: cells.slice(k, k + n), line: lines[i]! };
    k += n;
  }
  return records;
}

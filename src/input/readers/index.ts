// Opens an input with the reader its bytes call for. Every input kind (assignments,
// leavers, standard input) goes through here, so they all read the same way.
import { statSync } from 'node:fs';
import { openInput, STDIN_PATH } from './bytes.js';
import { csvReader, sniff } from './csv.js';
import { csvThreadReader, threadFor, threadThreshold } from './csv-thread.js';
import { fifoReader, stdinReader } from './stream.js';
import { workbookReader, type WorkbookOptions } from './xlsx.js';
import type { ReadFailure, ReadOutcome, RecordReader } from './types.js';

export type { InputRecord, ReadBreak, ReadFailure, ReadOutcome, RecordReader } from './types.js';
export { STDIN_PATH } from './bytes.js';

/** A reader of a file that could not be opened: no records, the failure as its outcome. */
export function failedReader(failure: ReadFailure, sha256: string | null = null): RecordReader {
  const outcome: ReadOutcome = { sha256, failure, broken: null, encoding: null, sheet: null };
  return { nextSync: () => null, next: () => Promise.resolve(null), outcome: () => outcome, close: () => {} };
}

export type ReaderOptions = WorkbookOptions;

/** Readers started before their turn (startEarly), by path: each is taken once. */
const startedEarly = new Map<string, RecordReader>();

/**
 * Starts reading `path` on its second thread now, if it is a CSV file large enough to be
 * read there, so that the thread's first pass (checksum aside: that is this thread's)
 * and its first batches overlap what this thread does first (the leavers register).
 * Anything else (standard input, a pipe, a workbook, a small or missing file) is left
 * for openRecordReader, untouched: a pipe is never opened twice.
 */
export function startEarly(path: string): void {
  if (path === STDIN_PATH || startedEarly.has(path)) return;
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return;
    size = st.size;
  } catch {
    return;
  }
  if (size < threadThreshold()) return;
  const opened = openInput(path);
  if (!('bytes' in opened) || opened.bytes === null) return;
  const head = Buffer.alloc(4);
  const thread = opened.bytes.readAt(head, 0) === 4 && sniff(head) === 'workbook' ? null : threadFor(opened.bytes);
  if (thread === null || opened.bytes.fd === undefined) return void opened.bytes.close();
  startedEarly.set(path, csvThreadReader(opened.bytes, opened.bytes.fd, thread));
}

/** Opens `path` (or `-`, standard input) for reading its records; `sheet` applies to a workbook only. */
export function openRecordReader(path: string, options: ReaderOptions = {}): RecordReader {
  const early = startedEarly.get(path);
  if (early !== undefined) {
    startedEarly.delete(path);
    return early;
  }
  const opened = path === STDIN_PATH ? stdinReader(undefined, options) : openInput(path);
  if ('next' in opened) return opened;
  if ('fifo' in opened) return fifoReader(opened.fifo, options);
  if (opened.failure) return failedReader(opened.failure);
  // `PK\x03\x04`: a workbook, whatever the file's name (engagements.md "The file")
  const head = Buffer.alloc(4);
  if (opened.bytes.readAt(head, 0) === 4 && sniff(head) === 'workbook') return workbookReader(opened.bytes, options);
  // a large named regular file: csv-parse on a second thread while this one checks rows
  const thread = path === STDIN_PATH ? null : threadFor(opened.bytes);
  if (thread !== null && opened.bytes.fd !== undefined) return csvThreadReader(opened.bytes, opened.bytes.fd, thread);
  return csvReader(opened.bytes);
}

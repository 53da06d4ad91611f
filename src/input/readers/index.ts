// Opens an input with the reader its bytes call for. Every input kind (assignments,
// leavers, standard input) goes through here, so they all read the same way.
import { statSync } from 'node:fs';
import { failedOutcome, openInput, STDIN_PATH } from './bytes.js';
import { csvReader, sniff } from './csv.js';
import { csvThreadReader, threadFor } from './csv-thread.js';
import { fifoReader, stdinReader } from './stream.js';
import { workbookReader, type WorkbookOptions } from './xlsx.js';
import type { ByteSnapshot } from './bytes.js';
import type { ReadFailure, RecordReader } from './types.js';

export type { InputRecord, ReadBreak, ReadFailure, ReadOutcome, RecordReader } from './types.js';
export { STDIN_PATH } from './bytes.js';

/** A reader of a file that could not be opened: no records, the failure as its outcome. */
export function failedReader(failure: ReadFailure, sha256: string | null = null): RecordReader {
  const outcome = failedOutcome(failure, sha256);
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
  try {
    if (!statSync(path).isFile()) return; // a pipe is never opened ahead of its turn
  } catch {
    return;
  }
  const opened = openInput(path);
  if (!('bytes' in opened) || opened.bytes === null) return;
  const reader = isWorkbook(opened.bytes) ? null : threadReaderOf(path, opened.bytes);
  if (reader === null) return void opened.bytes.close();
  startedEarly.set(path, reader);
}

/** `PK\x03\x04`: a workbook, whatever the file's name (engagements.md "The file"). */
function isWorkbook(bytes: ByteSnapshot): boolean {
  const head = Buffer.alloc(4);
  return bytes.readAt(head, 0) === 4 && sniff(head) === 'workbook';
}

/**
 * A reader on a second thread for a large regular file named on the command line; null
 * for one read on this thread (standard input, even a regular file: decisions 61).
 */
function threadReaderOf(path: string, bytes: ByteSnapshot): RecordReader | null {
  const thread = path === STDIN_PATH ? null : threadFor(bytes);
  return thread !== null && bytes.fd !== undefined ? csvThreadReader(bytes, bytes.fd, thread) : null;
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
  if (isWorkbook(opened.bytes)) return workbookReader(opened.bytes, options);
  // a large named regular file: csv-parse on a second thread while this one checks rows
  return threadReaderOf(path, opened.bytes) ?? csvReader(opened.bytes);
}

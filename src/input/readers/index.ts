// Opens an input with the reader its bytes call for. Every input kind (assignments,
// leavers, standard input) goes through here, so they all read the same way.
import { openInput, STDIN_PATH } from './bytes.js';
import { csvReader, sniff } from './csv.js';
import { csvThreadReader, threadFor } from './csv-thread.js';
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

/** Opens `path` (or `-`, standard input) for reading its records; `sheet` applies to a workbook only. */
export function openRecordReader(path: string, options: ReaderOptions = {}): RecordReader {
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

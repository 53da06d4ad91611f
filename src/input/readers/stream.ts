// Standard input and pipes (issue 12, items 6 and 7). They cannot be read twice, so
// they are read once, whole, into memory, within MAX_STREAM_BYTES, and only then
// checked like a file. The read goes through the event loop, never a blocking
// readSync, so Ctrl-C and SIGTERM stop it like any other read: closing the reader
// destroys the stream. A stream of NUL bytes (`cat /dev/zero |`) is refused on its
// first chunk rather than read up to the limit. A stream that starts `PK\x03\x04` is a
// workbook (engagements.md "The file"): its NUL bytes are its zip's, and it is read
// within the workbook's own size limit.
import { startFifo } from '../../fifo.js';
import { fstatSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { cannotOpen, cannotRead, chunksSnapshot, describeFsError, failedOutcome, fileSnapshot, MAX_STREAM_BYTES, type ByteSnapshot, type Opened } from './bytes.js';
import { csvReader, FAILURES, sniff } from './csv.js';
import { workbookReader, type WorkbookOptions } from './xlsx.js';
import { MAX_EXPANDED_BYTES } from './xlsx-zip.js';
import type { InputRecord, ReadFailure, ReadOutcome, RecordReader } from './types.js';

export const TOO_LARGE: ReadFailure = {
  kind: 'too_large',
  message: `the input is larger than ${MAX_STREAM_BYTES / 1024 / 1024 / 1024} GB, the most read from standard input or a pipe; name the file itself instead`,
};

export const WAITING_FOR_STDIN = 'moc-check: waiting for CSV on standard input (end it with Ctrl-D; Ctrl-C stops)\n';

/** A stream read to its end: its chunks, or why it was refused. */
export type Loaded = { bytes: ByteSnapshot; failure: null } | { bytes: null; failure: ReadFailure };

/** The most of a workbook read from a stream: the reader refuses a larger one unopened (xlsx.ts). */
export const MAX_STREAM_WORKBOOK_BYTES = MAX_EXPANDED_BYTES + 2 ** 20;

const WORKBOOK_TOO_LARGE: ReadFailure = { kind: 'workbook', message: 'the workbook is larger than 256 MB, so it was not opened' };

/**
 * Reads `source` to its end, refusing more than `limit` bytes and NUL bytes at once.
 * `first` is a chunk already read from it. The returned `cancel` destroys the stream.
 */
export function loadStream(source: Readable, limit = MAX_STREAM_BYTES, first: Buffer | null = null): { loaded: Promise<Loaded>; cancel: () => void } {
  const chunks: Buffer[] = [];
  let size = 0;
  /** the stream's first bytes, until there are four to tell a workbook by */
  let head: Buffer | null = Buffer.alloc(0);
  let workbook = false;
  let settle: (value: Loaded) => void = () => {};
  const loaded = new Promise<Loaded>((resolve) => {
    settle = resolve;
  });
  const stop = (value: Loaded) => {
    source.off('data', onData);
    source.destroy();
    settle(value);
  };
  const take = (chunk: Buffer): boolean => {
    if (head !== null) {
      head = Buffer.concat([head, chunk.subarray(0, 4 - head.length)]);
      if (head.length === 4) {
        workbook = sniff(head) === 'workbook';
        if (sniff(head) === 'old_workbook') {
          stop({ bytes: null, failure: FAILURES.old_workbook });
          return false;
        }
        head = null;
      }
    }
    if (workbook) {
      size += chunk.length;
      if (size > MAX_STREAM_WORKBOOK_BYTES) {
        stop({ bytes: null, failure: WORKBOOK_TOO_LARGE });
        return false;
      }
      chunks.push(chunk);
      return true;
    }
    if (chunk.indexOf(0) !== -1) {
      stop({ bytes: null, failure: FAILURES.nul_byte });
      return false;
    }
    size += chunk.length;
    if (size > limit) {
      stop({ bytes: null, failure: TOO_LARGE });
      return false;
    }
    chunks.push(chunk);
    return true;
  };
  const onData = (chunk: Buffer) => void take(chunk);
  if (first === null || take(first)) {
    source.on('data', onData);
    source.once('error', (err) => stop(cannotOpen(describeFsError(err))));
    source.once('end', () => {
      source.off('data', onData);
      settle({ bytes: chunksSnapshot(chunks, size), failure: null });
    });
  }
  return { loaded, cancel: () => stop(cannotOpen('the read was stopped')) };
}

/** A reader over a stream that must be read whole first; it offers no nextSync. */
function streamReader(start: () => { loaded: Promise<Loaded>; cancel: () => void }, options: WorkbookOptions): RecordReader {
  let inner: RecordReader | null = null;
  let failed: ReadOutcome | null = null;
  let loading: ReturnType<typeof start> | null = null;
  let closed = false;
  const outcome = (): ReadOutcome => failed ?? inner?.outcome() ?? { sha256: null, failure: null, broken: null, encoding: null, sheet: null };
  return {
    async next() {
      if (closed) return null;
      if (inner === null && failed === null) {
        loading = start();
        const result = await loading.loaded;
        loading = null;
        if (closed) return null;
        if (result.failure) failed = { sha256: null, failure: result.failure, broken: null, encoding: null, sheet: null };
        else inner = isWorkbook(result.bytes) ? workbookReader(result.bytes, options) : csvReader(result.bytes);
      }
      if (inner === null) return null;
      return inner.nextSync ? inner.nextSync() : inner.next();
    },
    outcome,
    close() {
      closed = true;
      loading?.cancel();
      inner?.close();
    },
  };
}

function isWorkbook(bytes: ByteSnapshot): boolean {
  const head = Buffer.alloc(4);
  return bytes.readAt(head, 0) === 4 && sniff(head) === 'workbook';
}

/** Standard input: a regular file redirected in is read like a file; a terminal or a pipe through the event loop. */
export function stdinReader(
  announce: (text: string) => void = (text) => void process.stderr.write(text),
  options: WorkbookOptions = {},
): RecordReader | Opened {
  let st;
  try {
    st = fstatSync(0);
  } catch (err) {
    return cannotOpen(describeFsError(err));
  }
  if (st.isFile()) return { bytes: fileSnapshot(0, st.size, false), failure: null };
  if (st.isDirectory()) return cannotOpen('standard input is a folder, not a file');
  const tty = process.stdin.isTTY === true;
  if (!tty && (st.isCharacterDevice() || st.isBlockDevice())) return cannotOpen('standard input is a device (such as /dev/zero), not a file or a pipe');
  return streamReader(() => {
    if (tty) announce(WAITING_FOR_STDIN);
    return loadStream(process.stdin);
  }, options);
}

/**
 * A FIFO named on the command line (`<(command)`), already opened without blocking:
 * one that no process has open for writing reads as empty at once (Linux would never
 * wake a poll on it); one with a writer is read through the event loop.
 */
export function fifoReader(fd: number, options: WorkbookOptions = {}): RecordReader {
  const start = startFifo(fd);
  if (start.kind === 'failed') return failedStream(cannotRead(describeFsError(start.error)));
  if (start.kind === 'empty') return csvReader(chunksSnapshot([], 0));
  const { head } = start;
  return streamReader(() => loadStream(new Socket({ fd, readable: true, writable: false }), MAX_STREAM_BYTES, head), options);
}

function failedStream(failure: ReadFailure): RecordReader {
  const outcome = failedOutcome(failure);
  return { next: () => Promise.resolve(null), nextSync: () => null, outcome: () => outcome, close: () => {} };
}

// Reads one input file as text records: encoding detection, checksum, and the
// tokenizer, streamed in chunks so memory does not grow with the file.
import { closeSync, fstatSync, openSync, readFileSync, readSync, constants as fsConstants } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { CsvTokenizer, type CsvMalformed, type RecordSink } from './csv.js';

/** Bytes read per step (512 KB): memory per file stays this size whatever the file's. */
export const CHUNK = 1 << 19;

export type ReadFailure =
  | { kind: 'cannot_open'; message: string }
  | { kind: 'utf16' }
  | { kind: 'workbook' }
  | { kind: 'nul_byte' };

export interface FileReadResult {
  sha256: string | null;
  failure: ReadFailure | null;
  encoding: 'utf-8' | 'windows-1252' | null;
  malformed: CsvMalformed | null;
}

function openReadOnly(path: string): number {
  return openSync(path, fsConstants.O_RDONLY);
}

/** Reads up to buf.length bytes at pos into buf; 0 at the end. */
type ReadAt = (buf: Buffer, pos: number) => number;

/** `-` names standard input (read whole: it cannot be read twice). */
export const STDIN_PATH = '-';

/** Runs a step generator to its end, synchronously. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

const cannotOpen = (message: string): FileReadResult => ({ sha256: null, failure: { kind: 'cannot_open', message }, encoding: null, malformed: null });

/** Reads a file, feeding its records to sink. */
export function readCsvFile(path: string, sink: RecordSink): FileReadResult {
  return drain(readCsvFileSteps(path, sink));
}

/**
 * The same, one step per 1 MB chunk, so an async caller can let signals in between.
 * Pass 1: checksum, NUL/UTF-16/workbook detection, and strict UTF-8 validation.
 * Pass 2: decode with the chosen encoding and tokenize.
 */
export function* readCsvFileSteps(path: string, sink: RecordSink): Generator<void, FileReadResult> {
  if (path === STDIN_PATH) {
    let data: Buffer;
    try {
      data = readFileSync(0);
    } catch (err) {
      return cannotOpen(describeFsError(err));
    }
    return yield* readSource(bufferReader(data), sink);
  }
  let fd: number;
  let pipe = false;
  try {
    fd = openReadOnly(path);
    const st = fstatSync(fd);
    // A device such as /dev/zero or /dev/urandom never ends: refuse it rather than read
    // for ever. A pipe (FIFO) is allowed: it is how `<(command)` names its output.
    const refusal = st.isDirectory()
      ? 'it is a folder, not a file'
      : st.isCharacterDevice() || st.isBlockDevice() || st.isSocket()
        ? 'it is not an ordinary file (a device or socket)'
        : null;
    if (refusal !== null) {
      closeSync(fd);
      return cannotOpen(refusal);
    }
    pipe = st.isFIFO();
  } catch (err) {
    return cannotOpen(describeFsError(err));
  }
  try {
    // A pipe cannot be read twice: take it whole, like standard input.
    const readAt: ReadAt = pipe ? bufferReader(readFileSync(fd)) : (buf, pos) => readSync(fd, buf, 0, buf.length, pos);
    return yield* readSource(readAt, sink);
  } catch (err) {
    return cannotOpen(describeFsError(err));
  } finally {
    closeSync(fd);
  }
}

function bufferReader(data: Buffer): ReadAt {
  return (buf, pos) => data.copy(buf, 0, pos, Math.min(data.length, pos + buf.length));
}

/**
 * Bytes at the end of `data` that start a UTF-8 sequence the chunk does not finish
 * (0–3): they are validated with the next chunk.
 */
function incompleteUtf8Tail(data: Buffer): number {
  const n = data.length;
  for (let k = 1; k <= Math.min(3, n); k++) {
    const b = data[n - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > k ? k : 0;
  }
  return 0;
}

/** Text decoding of pass 2: Node's own UTF-8 decoder (fast, validated in pass 1), or Windows-1252. */
function textDecoder(encoding: 'utf-8' | 'windows-1252'): { write(bytes: Buffer): string; end(): string } {
  if (encoding === 'utf-8') {
    const decoder = new StringDecoder('utf8');
    let first = true;
    return {
      write(bytes) {
        const text = decoder.write(bytes);
        if (!first || text === '') return text;
        first = false;
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // the byte-order mark
      },
      end: () => decoder.end(),
    };
  }
  const decoder = new TextDecoder('windows-1252');
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

function* readSource(readAt: ReadAt, sink: RecordSink): Generator<void, FileReadResult> {
  const buf = Buffer.allocUnsafe(CHUNK);
  const hash = createHash('sha256');
  let validUtf8 = true;
  let carry: Buffer | null = null;
  let utf8Bom = false;
  let failure: ReadFailure | null = null;
  let pos = 0;
  for (;;) {
    const n = readAt(buf, pos);
    if (n === 0) break;
    const view = buf.subarray(0, n);
    hash.update(view);
    if (pos === 0) {
      if (n >= 2 && ((view[0] === 0xff && view[1] === 0xfe) || (view[0] === 0xfe && view[1] === 0xff))) failure = { kind: 'utf16' };
      else if (n >= 3 && view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf) utf8Bom = true;
      else if (n >= 4 && view[0] === 0x50 && view[1] === 0x4b && view[2] === 0x03 && view[3] === 0x04) failure = { kind: 'workbook' };
    }
    pos += n;
    if (failure === null && view.indexOf(0) !== -1) failure = { kind: 'nul_byte' };
    if (failure === null && validUtf8) {
      // Strict UTF-8 without building the text: isUtf8 per chunk, a cut sequence carried over.
      const data: Buffer = carry ? Buffer.concat([carry, view]) : view;
      const tail = incompleteUtf8Tail(data);
      validUtf8 = isUtf8(data.subarray(0, data.length - tail));
      carry = tail > 0 ? Buffer.from(data.subarray(data.length - tail)) : null;
    }
    yield;
  }
  if (carry) validUtf8 = false; // a multi-byte sequence cut off at the end of the file
  const sha256 = hash.digest('hex');
  if (failure) return { sha256, failure, encoding: null, malformed: null };

  const encoding = validUtf8 ? 'utf-8' : 'windows-1252';
  const decoder = textDecoder(encoding);
  const tokenizer = new CsvTokenizer(sink);
  // A file saved with a UTF-8 byte-order mark but holding a stray Windows-1252 byte
  // still has its mark removed, or it would glue itself to the first header.
  pos = encoding === 'windows-1252' && utf8Bom ? 3 : 0;
  for (;;) {
    const n = readAt(buf, pos);
    if (n === 0) break;
    pos += n;
    tokenizer.push(decoder.write(buf.subarray(0, n)));
    if (tokenizer.malformed) break;
    yield;
  }
  if (!tokenizer.malformed) {
    tokenizer.push(decoder.end());
    tokenizer.end();
  }
  return { sha256, failure: null, encoding, malformed: tokenizer.malformed };
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

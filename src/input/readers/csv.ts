// The CSV reader: a byte snapshot read in two passes over the same bytes.
// Pass 1: checksum, UTF-16 / NUL / workbook detection, strict UTF-8 validation.
// Pass 2: records through csv-parse (csv-records.ts), decoded as UTF-8 or, when any
// byte was not valid UTF-8, the whole file as Windows-1252 (engagements.md "The file").
// One chunk per step, so that memory stays flat and a caller can let signals in.
import { isUtf8 } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { cannotRead, describeFsError, type ByteSnapshot } from './bytes.js';
import { readMeter } from '../meter.js';
import { CsvRecordParser, type LineEnds } from './csv-records.js';
import type { InputRecord, ReadFailure, ReadOutcome, RecordReader } from './types.js';

/**
 * Bytes read per step: 64 KiB, about 450 narrow records a batch. A batch of 512 KiB
 * (3,700 records) outlived the young generation's scavenges and was promoted, filling
 * the old generation with garbage: 64 KiB cut a 1M-row check's CPU by a quarter.
 */
export const CHUNK_BYTES = 1 << 16;

const SAVE_AS_CSV = 'save it from Excel as "CSV UTF-8 (Comma delimited)"';

export const FAILURES = {
  utf16: { kind: 'utf16', message: `the file is saved as UTF-16 ("Unicode text"); ${SAVE_AS_CSV}` },
  workbook: { kind: 'workbook', message: `this is an Excel workbook, not a CSV file; ${SAVE_AS_CSV}` },
  old_workbook: {
    kind: 'old_workbook',
    message: `this is an old Excel workbook (.xls) or a password-protected one; save it as .xlsx without a password, or ${SAVE_AS_CSV.replace('save it ', '')}`,
  },
  nul_byte: { kind: 'nul_byte', message: `the file holds NUL bytes, so it is not a plain CSV file; ${SAVE_AS_CSV}` },
} as const satisfies Record<string, ReadFailure>;

/** What the first bytes of a file say it is (engagements.md "Encoding"). */
export function sniff(head: Buffer): 'utf16' | 'utf8_bom' | 'workbook' | 'old_workbook' | 'text' {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return 'utf16';
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8_bom';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'workbook';
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'old_workbook';
  return 'text';
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

const LF = 10;
const CR = 13;

/**
 * Which line ends the bytes hold (LineEnds), one chunk at a time, with indexOf (a
 * native search): a call or two a chunk, and two a line only in a file whose every
 * line break so far is a CRLF, to check that none is a lone CR or LF.
 */
class LineEndScan {
  private cr = false;
  private lf = false;
  private crlfOnly = true;
  private last = -1; // the previous chunk's last byte

  update(view: Buffer): void {
    if (view.length === 0) return;
    if (!this.cr) this.cr = view.indexOf(CR) !== -1;
    if (!this.lf) this.lf = view.indexOf(LF) !== -1;
    if (this.crlfOnly && (this.cr || this.lf)) this.crlfOnly = onlyCrlf(view, this.last);
    this.last = view[view.length - 1]!;
  }

  lineEnds(): LineEnds {
    if (!this.cr) return 'lf'; // or no line break at all
    if (!this.lf) return 'cr';
    return this.crlfOnly && this.last !== CR ? 'crlf' : 'mixed';
  }
}

/** Whether every CR in the chunk is followed by an LF and every LF preceded by a CR (a CR at its end: the next chunk says). */
function onlyCrlf(view: Buffer, previous: number): boolean {
  if (previous === CR && view[0] !== LF) return false;
  for (let at = view.indexOf(CR); at !== -1; at = view.indexOf(CR, at + 1)) if (at + 1 < view.length && view[at + 1] !== LF) return false;
  for (let at = view.indexOf(LF); at !== -1; at = view.indexOf(LF, at + 1)) if ((at === 0 ? previous : view[at - 1]) !== CR) return false;
  return true;
}

/** Pass 1, one chunk at a time. */
class Scan {
  /** null when another thread computes the checksum (csv-thread.ts) */
  readonly hash: Hash | null;
  validUtf8 = true;
  utf8Bom = false;
  failure: ReadFailure | null = null;
  readonly lineEnds = new LineEndScan();
  private carry: Buffer | null = null;
  private first = true;

  constructor(checksum: boolean) {
    this.hash = checksum ? createHash('sha256') : null;
  }

  update(view: Buffer): void {
    this.hash?.update(view);
    if (this.first) {
      this.first = false;
      const kind = sniff(view);
      if (kind === 'utf8_bom') this.utf8Bom = true;
      else if (kind !== 'text') this.failure = FAILURES[kind];
    }
    if (this.failure === null && view.indexOf(0) !== -1) this.failure = FAILURES.nul_byte;
    if (this.failure === null) this.lineEnds.update(view);
    if (this.failure === null && this.validUtf8) {
      // Strict UTF-8 without building the text: isUtf8 per chunk, a cut sequence carried over.
      const data: Buffer = this.carry ? Buffer.concat([this.carry, view]) : view;
      const tail = incompleteUtf8Tail(data);
      this.validUtf8 = isUtf8(data.subarray(0, data.length - tail));
      this.carry = tail > 0 ? Buffer.from(data.subarray(data.length - tail)) : null;
    }
  }

  finish(): void {
    if (this.carry) this.validUtf8 = false; // a multi-byte sequence cut off at the end of the file
  }
}

/**
 * Windows-1252 bytes to UTF-8 bytes for csv-parse (which reads UTF-8). Node's
 * `latin1` is not Windows-1252 (0x80–0x9F differ: `€`, curly quotes), hence the
 * WHATWG decoder. The structural bytes (`,` `"` CR LF) are ASCII either way.
 */
function windows1252ToUtf8(): { write(bytes: Buffer): Buffer; end(): Buffer } {
  const decoder = new TextDecoder('windows-1252');
  return {
    write: (bytes) => Buffer.from(decoder.decode(bytes, { stream: true }), 'utf8'),
    end: () => Buffer.from(decoder.decode(), 'utf8'),
  };
}

const enum Phase { Scan, Parse, Done }

/**
 * Reads CSV records from a byte snapshot; the reader owns and closes the snapshot.
 * `checksum: false` leaves `sha256` null: the reading thread's caller computes it.
 */
export function csvReader(bytes: ByteSnapshot, { checksum = true }: { checksum?: boolean } = {}): RecordReader & { nextSync: () => readonly InputRecord[] | null } {
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  const scan = new Scan(checksum);
  let phase = Phase.Scan;
  let pos = 0;
  let parser: CsvRecordParser | null = null;
  let transcode: ReturnType<typeof windows1252ToUtf8> | null = null;
  const outcome: ReadOutcome = { sha256: null, failure: null, broken: null, encoding: null, sheet: null };

  const isDone = (): boolean => phase === Phase.Done;
  const finish = (): null => {
    phase = Phase.Done;
    bytes.close();
    return null;
  };

  const startParse = (): void => {
    scan.finish();
    outcome.sha256 = scan.hash ? scan.hash.digest('hex') : null;
    if (scan.failure) {
      outcome.failure = scan.failure;
      return void finish();
    }
    outcome.encoding = scan.validUtf8 ? 'utf-8' : 'windows-1252';
    if (outcome.encoding === 'windows-1252') transcode = windows1252ToUtf8();
    parser = new CsvRecordParser(scan.lineEnds.lineEnds());
    // A byte-order mark is not text; a Windows-1252 file that starts with one (a stray
    // byte in a file saved as UTF-8) still has it removed, or it glues itself to the first header.
    pos = scan.utf8Bom ? 3 : 0;
    phase = Phase.Parse;
  };

  const nextSync = (): readonly InputRecord[] | null => {
    try {
      if (phase === Phase.Scan) {
        const n = bytes.readAt(buf, pos);
        if (n > 0) {
          pos += n;
          scan.update(buf.subarray(0, n));
          return [];
        }
        startParse();
        return isDone() ? null : [];
      }
      if (phase === Phase.Parse) {
        const p = parser!;
        // A fresh buffer each time: csv-parse keeps a view of a chunk's unfinished tail.
        const chunkBuf = Buffer.allocUnsafe(CHUNK_BYTES);
        const n = bytes.readAt(chunkBuf, pos);
        let records: InputRecord[];
        if (n > 0) {
          pos += n;
          readMeter.bytes += n;
          const chunk = chunkBuf.subarray(0, n);
          records = p.push(transcode ? transcode.write(chunk) : chunk);
        } else {
          records = transcode ? p.push(transcode.end()) : []; // a sequence cut at the very end
          for (const r of p.end()) records.push(r);
        }
        if (p.broken) outcome.broken = p.broken;
        if (n === 0 || p.broken) finish();
        return records.length === 0 && isDone() ? null : records;
      }
      return null;
    } catch (err) {
      // A read error partway (the disk, a network share): the file could not be read.
      outcome.failure = cannotRead(describeFsError(err));
      return finish();
    }
  };

  return {
    nextSync,
    next: () => Promise.resolve(nextSync()),
    outcome: () => outcome,
    close: () => {
      if (phase !== Phase.Done) finish();
    },
  };
}

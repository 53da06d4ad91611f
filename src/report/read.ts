// Reading a JSON report back (for `diff`, `--baseline` and `trend`). Every refusal is
// a plain sentence naming the file. The shape is checked by the zod ReportSchema (the
// one source of the report's shape), and the bytes read are bounded: a report file
// over REPORT_SIZE_LIMIT, a device such as /dev/zero or a FIFO that never ends is
// refused rather than read until memory runs out, and a FIFO is read without blocking
// the event loop, so Ctrl-C and SIGTERM stop the read (see `readReportFile`'s signal).
import { startFifo } from '../fifo.js';
import { constants as bufferConstants } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync, constants as fsConstants } from 'node:fs';
import { Socket } from 'node:net';
import type { z } from 'zod';
import type { Report } from '../types.js';
import { ReportSchema } from './schema.js';

/**
 * The largest report file read: 512 MiB (exactly, V8's longest string, 2^29 - 24
 * characters on 64-bit Node). JSON.parse needs the whole text as one string, so a
 * larger report could not be read at all (docs/exit-codes.md: about 700,000 findings).
 */
export const REPORT_SIZE_LIMIT = Math.min(1024 * 1024 * 1024, bufferConstants.MAX_STRING_LENGTH);

const MIB = 1024 * 1024;

/** A refusal with a plain message (the caller adds what the file was for). */
export class ReportReadError extends Error {}

function notAReport(path: string, why: string): never {
  throw new ReportReadError(`${path} is not a moc-check JSON report: ${why}`);
}

function cannotRead(path: string, why: string): never {
  throw new ReportReadError(`cannot read ${path}: ${why}`);
}

function tooLarge(path: string): never {
  throw new ReportReadError(`${path} is larger than ${Math.round(REPORT_SIZE_LIMIT / MIB)} MiB, the most a report file may hold; it was not read`);
}

/** True when the text cannot start a JSON object or list (so a stream of zeros is refused at once). */
function cannotStartObject(head: Buffer): boolean {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  return i < head.length && head[i] !== 0x7b && head[i] !== 0x5b; // '{' or '['
}

/** Reads a FIFO (or anything that is not a regular file) through the event loop, bounded. */
function readStream(fd: number, path: string, signal: AbortSignal | undefined): Promise<Buffer> {
  const start = startFifo(fd);
  if (start.kind === 'failed') cannotRead(path, (start.error as Error).message);
  if (start.kind === 'empty') return Promise.resolve(Buffer.alloc(0));
  const head = start.head;
  return new Promise((resolve, reject) => {
    const socket = new Socket({ fd, readable: true, writable: false });
    const chunks: Buffer[] = [];
    let size = 0;
    const take = (chunk: Buffer): Error | null => {
      if (size === 0 && cannotStartObject(chunk)) return new ReportReadError(`${path} is not a moc-check JSON report: it is not JSON (write the report with --format json)`);
      size += chunk.length;
      if (size > REPORT_SIZE_LIMIT) return new ReportReadError(`${path} is larger than ${Math.round(REPORT_SIZE_LIMIT / MIB)} MiB, the most a report file may hold; it was not read`);
      chunks.push(chunk);
      return null;
    };
    const stop = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    const onAbort = () => stop(new ReportReadError(`reading ${path} was stopped`));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const refused = head ? take(head) : null;
    if (refused) return stop(refused);
    socket.on('data', (chunk: Buffer) => {
      const err = take(chunk);
      if (err) stop(err);
    });
    socket.on('error', (err) => stop(new ReportReadError(`cannot read ${path}: ${err.message}`)));
    socket.on('end', () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks, size));
    });
  });
}

/**
 * The bytes of a report file, at most REPORT_SIZE_LIMIT of them. Opening never blocks
 * (a FIFO without a writer reads as empty); devices are refused.
 */
export async function readReportBytes(path: string, signal?: AbortSignal): Promise<Buffer> {
  let fd: number;
  try {
    fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    cannotRead(path, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message);
  }
  const st = fstatSync(fd);
  if (st.isDirectory() || st.isCharacterDevice() || st.isBlockDevice()) {
    closeSync(fd);
    cannotRead(path, st.isDirectory() ? 'it is a directory' : 'it is a device, not a report file');
  }
  if (!st.isFile()) return readStream(fd, path, signal);
  try {
    if (st.size > REPORT_SIZE_LIMIT) tooLarge(path);
    // one byte more than the limit, so a file that grows while it is read is caught
    const data = Buffer.allocUnsafe(Math.min(st.size, REPORT_SIZE_LIMIT) + 1);
    let size = 0;
    for (;;) {
      const n = readSync(fd, data, size, data.length - size, null);
      if (n === 0) break;
      size += n;
      if (size > REPORT_SIZE_LIMIT) tooLarge(path);
      if (size === data.length) break;
    }
    return data.subarray(0, size);
  } catch (err) {
    if (err instanceof ReportReadError) throw err;
    cannotRead(path, (err as Error).message);
  } finally {
    closeSync(fd);
  }
}

/** What a zod issue's path names, in words: "finding 3", "its ruleset". */
function where(path: PropertyKey[]): string {
  const [top, index] = path;
  if ((top === 'findings' || top === 'exemptions' || top === 'data_issues' || top === 'inputs') && typeof index === 'number') {
    const noun = { findings: 'finding', exemptions: 'exemption', data_issues: 'data issue', inputs: 'input' }[top];
    return `${noun} ${index + 1}`;
  }
  return 'it';
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let value = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** The first schema problem, as a sentence: "finding 1 has no id", "its as_of: …". */
function describeIssue(data: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path;
  const subject = where(path);
  const key = String(path.length > 0 ? path[path.length - 1] : '');
  const rest = path.slice(subject === 'it' ? 0 : 2).map(String).join('.');
  if (path.length === 1 && path[0] === 'findings' && valueAt(data, path) === undefined) return 'it has no findings list';
  if (valueAt(data, path) === undefined && path.length > 0) return `${subject} has no ${rest || key}`;
  return `${subject === 'it' ? 'its' : `${subject}'s`} ${rest || 'value'} is not valid (${issue.message})`;
}

/** Checks a report's text against ReportSchema; throws a ReportReadError with a plain message. */
export function parseReportText(text: string, path = 'input'): Report {
  let data: unknown;
  try {
    data = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    notAReport(path, 'it is not JSON (write the report with --format json)');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) notAReport(path, 'it is not a JSON object');
  const format = (data as Record<string, unknown>)['format'];
  if (format !== 'moc-report/v1') {
    notAReport(path, format === undefined ? 'it has no "format": "moc-report/v1"' : `its format is ${JSON.stringify(format)}, not "moc-report/v1"`);
  }
  const result = ReportSchema.safeParse(data);
  if (!result.success) notAReport(path, describeIssue(data, result.error.issues[0]!));
  // Validated by the schema; the object itself is returned so that what a newer
  // version added (and the schema does not name) is kept, as report.md asks of readers.
  return data as Report;
}

/** Reads a JSON report written by `moc-check check --format json`. Throws a ReportReadError otherwise. */
export async function readReportFile(path: string, signal?: AbortSignal): Promise<Report> {
  const bytes = await readReportBytes(path, signal);
  if (cannotStartObject(bytes.subarray(0, 64))) notAReport(path, 'it is not JSON (write the report with --format json)');
  return parseReportText(bytes.toString('utf8'), path);
}

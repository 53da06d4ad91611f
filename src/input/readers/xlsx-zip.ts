// The zip container of a workbook, through fflate: the declared sizes of its central
// directory checked against the zip-bomb limits (engagements.md section 4, reading 24)
// before anything is decompressed, then chosen parts streamed out in small chunks with
// their real sizes held to what was declared, so nothing expands past the limit.
import type * as Fflate from 'fflate';

// Required when a workbook is first read, not imported: evaluating fflate builds its
// tables and loads worker_threads, ~8 ms of every start-up otherwise (docs/performance.md).
// The require is synchronous, so the synchronous check still reads workbooks; esbuild
// bundles it, vitest provides it.
let fflateModule: typeof Fflate | undefined;
const fflate = (): typeof Fflate => (fflateModule ??= require('fflate') as typeof Fflate);

/** 256 MB, read as 256 × 2^20 bytes (reading 24). */
export const MAX_EXPANDED_BYTES = 256 * 2 ** 20;
/** No part may expand beyond 100 times its compressed size (0/0 passes). */
export const MAX_RATIO = 100;
/** Compressed bytes pushed at a time: bounds what one push can expand to (~1,000×). */
const PUSH_BYTES = 8192;

export class WorkbookError extends Error {}

export interface ZipEntry {
  /** the entry's name as stored */
  name: string;
  compressedSize: number;
  size: number;
}

/** Part names are compared case-insensitively (OOXML part names are). */
export const partKey = (name: string): string => name.replace(/^\/+/, '').toLowerCase();

/** Reads the central directory and applies the limits; decompresses nothing. */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  try {
    fflate().unzipSync(bytes, {
      filter(file) {
        const key = partKey(file.name);
        if (!entries.has(key)) entries.set(key, { name: file.name, compressedSize: file.size, size: file.originalSize });
        return false;
      },
    });
  } catch {
    throw new WorkbookError('the workbook cannot be opened: the file is damaged or is not an .xlsx file; open it in Excel and save it again as .xlsx, or as "CSV UTF-8"');
  }
  let total = 0;
  for (const entry of entries.values()) {
    total += entry.size;
    const tooDense = entry.compressedSize === 0 ? entry.size > 0 : entry.size > MAX_RATIO * entry.compressedSize;
    if (tooDense) {
      throw new WorkbookError(`the workbook looks like a zip bomb: its part ${entry.name} would expand to more than ${MAX_RATIO} times its compressed size, so it was not opened`);
    }
  }
  if (total > MAX_EXPANDED_BYTES) {
    throw new WorkbookError(`the workbook looks like a zip bomb: its parts would expand to more than 256 MB, so it was not opened`);
  }
  return entries;
}

export interface PartSink {
  data(chunk: Uint8Array): void;
  end(): void;
}

/**
 * Streams the parts that `want` asks for (by lower-cased name) to their sinks, one
 * generator step per chunk of the file. A part that expands beyond its declared size
 * (a central directory that lies) stops the read.
 */
export function* streamParts(
  bytes: Uint8Array,
  entries: Map<string, ZipEntry>,
  want: (key: string) => PartSink | null,
  done: () => boolean = () => false,
): Generator<void, void> {
  let failure: Error | null = null;
  const { Unzip, UnzipInflate } = fflate();
  const unzip = new Unzip((file) => {
    if (failure) return;
    const key = partKey(file.name);
    const sink = want(key);
    if (!sink) return;
    const declared = entries.get(key);
    if (!declared) {
      failure = new WorkbookError('the workbook cannot be opened: the file is damaged (its parts do not match its directory)');
      return;
    }
    let expanded = 0;
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = new WorkbookError(`the workbook cannot be opened: its part ${declared.name} is damaged`);
        return;
      }
      expanded += chunk.length;
      if (expanded > declared.size) {
        file.terminate();
        failure = new WorkbookError(`the workbook looks like a zip bomb: its part ${declared.name} expands beyond the size it declares, so it was not read`);
        return;
      }
      try {
        if (chunk.length > 0) sink.data(chunk);
        if (final) sink.end();
      } catch (e) {
        failure = e instanceof Error ? e : new Error(String(e));
      }
    };
    try {
      file.start();
    } catch {
      failure = new WorkbookError(`the workbook cannot be opened: its part ${declared.name} uses a compression method that cannot be read (is the file encrypted?)`);
    }
  });
  unzip.register(UnzipInflate);
  for (let pos = 0; pos < bytes.length; pos += PUSH_BYTES) {
    const end = Math.min(bytes.length, pos + PUSH_BYTES);
    try {
      unzip.push(bytes.subarray(pos, end), end === bytes.length);
    } catch {
      failure ??= new WorkbookError('the workbook cannot be opened: the file is damaged');
    }
    if (failure) throw failure;
    if (done()) return;
    yield;
  }
}

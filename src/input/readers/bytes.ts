// The bytes of one input, fixed when it is opened (issue 12, item 13): a regular file
// is read up to the size it had then, however it grows meanwhile, so that its
// checksum, its encoding check and its records describe the same bytes; a pipe or
// standard input, which cannot be read twice, is read once, whole, within a limit
// (stream.ts).
import { closeSync, fstatSync, openSync, readSync, constants as fsConstants } from 'node:fs';
import type { ReadFailure, ReadOutcome } from './types.js';

/** `-` names standard input. */
export const STDIN_PATH = '-';

/**
 * The most read from standard input or a pipe, which are held in memory to be read
 * twice (encoding check, then records): 1 GiB. A regular file has no such limit.
 */
export const MAX_STREAM_BYTES = 1024 * 1024 * 1024;

export interface ByteSnapshot {
  readonly size: number;
  /** a regular file's descriptor (which a reading thread may read too); absent for bytes in memory */
  readonly fd?: number;
  /** Copies up to buf.length bytes from pos into buf; 0 at the end of the snapshot. */
  readAt(buf: Buffer, pos: number): number;
  close(): void;
}

export type Opened = { bytes: ByteSnapshot; failure: null } | { bytes: null; failure: ReadFailure };

/** The failure of a file that could not be read, opened or partway: `reason` in plain words. */
export const cannotRead = (reason: string): ReadFailure => ({ kind: 'cannot_open', message: `cannot read the file: ${reason}` });

export const cannotOpen = (reason: string): Opened => ({ bytes: null, failure: cannotRead(reason) });

/** The outcome of a read that ended in `failure`: no records, no encoding. */
export const failedOutcome = (failure: ReadFailure, sha256: string | null = null): ReadOutcome => ({
  sha256, failure, broken: null, encoding: null, sheet: null,
});

/** A snapshot over chunks already in memory (a stream read whole), read front to back. */
export function chunksSnapshot(chunks: readonly Buffer[], size: number): ByteSnapshot {
  let index = 0;
  let start = 0; // offset of chunks[index]
  return {
    size,
    readAt(buf, pos) {
      if (pos < start) {
        index = 0;
        start = 0;
      }
      while (index < chunks.length && start + chunks[index]!.length <= pos) start += chunks[index++]!.length;
      let copied = 0;
      for (let i = index, at = start; i < chunks.length && copied < buf.length; at += chunks[i]!.length, i++) {
        copied += chunks[i]!.copy(buf, copied, pos + copied - at);
      }
      return copied;
    },
    close: () => {},
  };
}

/** A regular file up to `size`, the size it had when opened. */
export function fileSnapshot(fd: number, size: number, ownsFd = true): ByteSnapshot {
  let open = true;
  return {
    size,
    fd,
    readAt(buf, pos) {
      const want = Math.min(buf.length, size - pos);
      return want <= 0 ? 0 : readSync(fd, buf, 0, want, pos);
    },
    close() {
      if (open && ownsFd) closeSync(fd);
      open = false;
    },
  };
}

export type OpenedInput = Opened | { bytes: null; failure: null; fifo: number };

/**
 * Opens a named input without blocking (O_NONBLOCK: a FIFO without a writer would
 * otherwise hold the process in open(2), deaf to signals). A regular file becomes a
 * snapshot; a FIFO is handed back as its descriptor, to be read as a stream.
 */
export function openInput(path: string): OpenedInput {
  let fd: number;
  try {
    fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (err) {
    return cannotOpen(describeFsError(err));
  }
  try {
    const st = fstatSync(fd);
    // A device such as /dev/zero never ends: refuse it rather than read for ever.
    // A pipe (FIFO) is allowed: it is how `<(command)` names its output.
    const refusal = st.isDirectory()
      ? 'it is a folder, not a file'
      : st.isCharacterDevice() || st.isBlockDevice() || st.isSocket()
        ? 'it is not an ordinary file (a device or socket)'
        : null;
    if (refusal !== null) {
      closeSync(fd);
      return cannotOpen(refusal);
    }
    if (st.isFIFO()) return { bytes: null, failure: null, fifo: fd };
    return { bytes: fileSnapshot(fd, st.size), failure: null };
  } catch (err) {
    closeSync(fd);
    return cannotOpen(describeFsError(err));
  }
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

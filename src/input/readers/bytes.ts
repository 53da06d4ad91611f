// The bytes of one input, fixed when it is opened (issue 12, item 13): a regular file
// is read up to the size it had then, however it grows meanwhile, so that its
// checksum, its encoding check and its records describe the same bytes; a pipe or
// standard input, which cannot be read twice, is read once, whole, within a limit.
import { closeSync, fstatSync, openSync, readSync, constants as fsConstants } from 'node:fs';
import type { ReadFailure } from './types.js';

/** `-` names standard input. */
export const STDIN_PATH = '-';

/**
 * The most read from standard input or a pipe, which are held in memory to be read
 * twice (encoding check, then records): 1 GiB. A regular file has no such limit.
 */
export const MAX_STREAM_BYTES = 1024 * 1024 * 1024;

export interface ByteSnapshot {
  readonly size: number;
  /** Copies up to buf.length bytes from pos into buf; 0 at the end of the snapshot. */
  readAt(buf: Buffer, pos: number): number;
  close(): void;
}

export type Opened = { bytes: ByteSnapshot; failure: null } | { bytes: null; failure: ReadFailure };

export const cannotOpen = (reason: string): Opened => ({
  bytes: null, failure: { kind: 'cannot_open', message: `cannot read the file: ${reason}` },
});

export function bufferSnapshot(data: Buffer): ByteSnapshot {
  return {
    size: data.length,
    readAt: (buf, pos) => (pos >= data.length ? 0 : data.copy(buf, 0, pos, Math.min(data.length, pos + buf.length))),
    close: () => {},
  };
}

function fileSnapshot(fd: number, size: number): ByteSnapshot {
  let open = true;
  return {
    size,
    readAt(buf, pos) {
      const want = Math.min(buf.length, size - pos);
      return want <= 0 ? 0 : readSync(fd, buf, 0, want, pos);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** Reads a pipe or standard input to its end, refusing more than MAX_STREAM_BYTES. */
function readStreamWhole(fd: number): Buffer | 'too_large' {
  const parts: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(1 << 16);
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((err as NodeJS.ErrnoException).code === 'EOF') break;
      throw err;
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_STREAM_BYTES) return 'too_large';
    parts.push(n === buf.length ? buf : buf.subarray(0, n));
  }
  return Buffer.concat(parts, total);
}

const tooLarge = (): Opened => ({
  bytes: null,
  failure: {
    kind: 'too_large',
    message: `the input is larger than ${MAX_STREAM_BYTES / 1024 / 1024 / 1024} GB, the most read from standard input or a pipe; name the file itself instead`,
  },
});

/** Opens an input for reading, synchronously. */
export function openSnapshotSync(path: string): Opened {
  if (path === STDIN_PATH) {
    try {
      const data = readStreamWhole(0);
      return data === 'too_large' ? tooLarge() : { bytes: bufferSnapshot(data), failure: null };
    } catch (err) {
      return cannotOpen(describeFsError(err));
    }
  }
  let fd: number;
  try {
    fd = openSync(path, fsConstants.O_RDONLY);
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
    if (st.isFIFO()) {
      const data = readStreamWhole(fd);
      closeSync(fd);
      return data === 'too_large' ? tooLarge() : { bytes: bufferSnapshot(data), failure: null };
    }
    return { bytes: fileSnapshot(fd, st.size), failure: null };
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
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

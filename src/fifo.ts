// The first read of a FIFO opened without blocking, shared by the input readers and
// the report reader. A FIFO that no process has open for writing reads as its end at
// once (and Linux would never wake a poll on it), so one non-blocking read tells
// "empty" from "a writer, perhaps with no data yet".
import { closeSync, readSync } from 'node:fs';

export type FifoStart =
  /** no writer: the FIFO was closed */
  | { kind: 'empty' }
  /** the read failed (not EAGAIN): the FIFO was closed */
  | { kind: 'failed'; error: unknown }
  /** a writer: `head` is what it had written already (null: nothing yet); read the rest through the event loop */
  | { kind: 'open'; head: Buffer | null };

export function startFifo(fd: number): FifoStart {
  const first = Buffer.allocUnsafe(1 << 16);
  let n: number;
  try {
    n = readSync(fd, first, 0, first.length, null);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
      closeSync(fd);
      return { kind: 'failed', error };
    }
    return { kind: 'open', head: null };
  }
  if (n === 0) {
    closeSync(fd);
    return { kind: 'empty' };
  }
  return { kind: 'open', head: Buffer.from(first.subarray(0, n)) };
}

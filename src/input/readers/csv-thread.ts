// A large CSV file read on a second thread (issue 13): csv-parse is about half of a
// check's time and cannot be made cheaper, so for a regular file above THREAD_BYTES
// a Worker (csv-worker.ts) runs the same two passes as csvReader while this thread
// checks rows. The records, their lines and the outcome are the same either way (the
// worker runs csvReader itself); docs/decisions.md has the design and what it corrects.
//
// The batches are taken synchronously (receiveMessageOnPort, Atomics.wait with a
// short timeout), so the reader keeps nextSync: the synchronous check runs it too,
// and the asynchronous one gets a step at least every WAIT_MS to let signals in.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { cannotRead, failedOutcome, type ByteSnapshot } from './bytes.js';
import { CONTROL_SLOTS, decodeBatch, IN_FLIGHT, STOP, type WorkerInput, type WorkerMessage } from './csv-batch.js';
import { readMeter } from '../meter.js';
import type { InputRecord, ReadOutcome, RecordReader } from './types.js';

/**
 * Files from this size on are read on a second thread: 8 MiB (about 55,000 narrow
 * rows, whose parse takes about 0.35 s). The thread costs 40-130 ms to start, about
 * 0.1 s of CPU and 40 MB of memory whatever the file, so a smaller file gains little
 * or nothing. `MOC_CHECK_CSV_THREAD_BYTES` (bytes) overrides it, for tests and
 * measurement: `0` reads every named regular file on the thread.
 */
export const THREAD_BYTES = 8 * 1024 * 1024;

/** Bytes checksummed per step while a batch is awaited. */
const CHECKSUM_CHUNK = 1 << 18;

/** The longest nextSync waits for a batch before returning an empty one (a step). */
const WAIT_MS = 50;

export function threadThreshold(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.MOC_CHECK_CSV_THREAD_BYTES;
  if (text === undefined || !/^\d+$/.test(text)) return THREAD_BYTES;
  return Number(text);
}

type WorkerThreads = typeof import('node:worker_threads');
let threads: WorkerThreads | undefined;
/** node:worker_threads, loaded when a file is first read on a thread: a run that reads none (most) pays nothing for it. */
const workerThreads = (): WorkerThreads => (threads ??= createRequire(import.meta.url)('node:worker_threads') as WorkerThreads);

let script: URL | null | undefined;

/**
 * Where the worker's code is: beside the bundle (dist/csv-worker.js, found from dist/
 * or dist/chunks/), or, when the TypeScript sources run (vitest), in the build they
 * were built to; null when there is none, and the file is read on this thread.
 */
export function workerScript(): URL | null {
  if (script === undefined) {
    script = null;
    for (const candidate of ['./csv-worker.js', '../csv-worker.js', '../../../dist/csv-worker.js']) {
      const url = new URL(candidate, import.meta.url);
      if (existsSync(url)) {
        script = url;
        break;
      }
    }
  }
  return script;
}

/** Whether a snapshot of this size is read on a second thread, and with which code. */
export function threadFor(bytes: ByteSnapshot, env: NodeJS.ProcessEnv = process.env): URL | null {
  if (bytes.fd === undefined || bytes.size < threadThreshold(env)) return null;
  // one core: the thread would only take turns with this one
  if (env.MOC_CHECK_CSV_THREAD_BYTES === undefined && availableParallelism() < 2) return null;
  return workerScript();
}

export interface ThreadReader extends RecordReader {
  nextSync: () => readonly InputRecord[] | null;
  /** Settles when the thread has ended and the file is closed (tests). */
  stopped: Promise<void>;
}

/** Reads a regular file's snapshot on a second thread; the reader owns and closes the snapshot. */
export function csvThreadReader(bytes: ByteSnapshot, fd: number, code: URL): ThreadReader {
  const { MessageChannel, receiveMessageOnPort, Worker } = workerThreads();
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  const { port1, port2 } = new MessageChannel();
  const input: WorkerInput = { fd, size: bytes.size, control: control.buffer as SharedArrayBuffer, port: port2 };
  const worker = new Worker(code, { workerData: input, transferList: [port2] });
  // Never what keeps the process alive: close() stops it, and an ended read has no thread.
  worker.unref();
  let outcome: ReadOutcome = { sha256: null, failure: null, broken: null, encoding: null, sheet: null };
  let reading = true;
  let failure: string | null = null;
  let fileClosed = false;
  // The checksum is computed here, a chunk at a time while this thread would otherwise
  // wait for the reading thread's next batch: it is a twentieth of a bare parse, and the
  // reading thread is the one the check waits for (docs/decisions.md, the second thread).
  const checksum = createHash('sha256');
  const checksumBuf = Buffer.allocUnsafe(CHECKSUM_CHUNK);
  let checksummed = 0;
  let sha256: string | null | undefined; // undefined: not finished
  const checksumStep = (): boolean => {
    if (sha256 !== undefined) return false;
    try {
      const n = checksummed < bytes.size ? bytes.readAt(checksumBuf, checksummed) : 0;
      if (n > 0) {
        checksum.update(checksumBuf.subarray(0, n));
        checksummed += n;
        return true;
      }
      sha256 = checksum.digest('hex');
    } catch {
      sha256 = null; // a read error: the reading thread meets it too and says so
    }
    return false;
  };
  const finishChecksum = (): void => {
    while (checksumStep());
  };
  const closeFile = (): void => {
    if (fileClosed) return;
    finishChecksum(); // the descriptor is read here too: finish before it closes
    bytes.close();
    fileClosed = true;
  };
  const stopped = new Promise<void>((resolve) => {
    worker.once('error', (err) => {
      failure = err instanceof Error ? err.message : String(err);
    });
    worker.once('exit', () => {
      failure ??= 'the reading thread stopped';
      // only now: the thread may have been inside a read until it stopped
      closeFile();
      // the batches it posted before it ended are still to be taken
      if (!reading) port1.close();
      resolve();
    });
  });

  const finish = (result: ReadOutcome): null => {
    outcome = result;
    reading = false;
    port1.close();
    return null;
  };

  const take = (): WorkerMessage | undefined => {
    const received = receiveMessageOnPort(port1);
    if (received === undefined) return undefined;
    Atomics.sub(control, IN_FLIGHT, 1);
    Atomics.notify(control, IN_FLIGHT);
    return received.message as WorkerMessage;
  };

  const nextSync = (): readonly InputRecord[] | null => {
    if (!reading) return null;
    let message = take();
    // nothing yet: a step of the checksum before waiting
    while (message === undefined && checksumStep()) message = take();
    if (message === undefined) {
      Atomics.wait(control, IN_FLIGHT, 0, WAIT_MS);
      message = take();
      if (message === undefined) {
        // the thread ended without its last word (it could not start, or crashed)
        if (failure !== null) return finish(failedOutcome(cannotRead(failure)));
        return [];
      }
    }
    readMeter.bytes += message.bytes;
    if (message.kind === 'end') {
      // the thread has finished reading: the descriptor is free to close
      closeFile();
      return finish(message.outcome);
    }
    if (message.outcome) outcome = message.outcome;
    return decodeBatch(message);
  };

  return {
    nextSync,
    next: () => Promise.resolve(nextSync()),
    outcome: () => {
      // a read stopped early (a header without the required columns) still has its checksum
      if (!fileClosed) finishChecksum();
      return outcome.failure?.kind === 'cannot_open' || sha256 === undefined ? outcome : { ...outcome, sha256 };
    },
    stopped,
    close: () => {
      if (!reading) return;
      reading = false;
      port1.close();
      Atomics.store(control, STOP, 1);
      Atomics.notify(control, IN_FLIGHT);
      void worker.terminate();
    },
  };
}

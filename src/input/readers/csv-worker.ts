// The reading thread of a large CSV file (csv-thread.ts starts it): the same reader
// the main thread would run (csv.ts: sniffing, NUL, strict UTF-8 and line-end checks,
// then csv-parse; the checksum is the main thread's), over the same descriptor and snapshot size, its batches posted to
// the main thread as they come, never more than MAX_IN_FLIGHT ahead of it.
import { workerData } from 'node:worker_threads';
import { cannotRead, describeFsError, failedOutcome, fileSnapshot } from './bytes.js';
import { csvReader } from './csv.js';
import { CONTROL_SLOTS, encodeBatch, IN_FLIGHT, MAX_IN_FLIGHT, STOP, type WorkerInput, type WorkerMessage } from './csv-batch.js';
import { readMeter } from '../meter.js';
import type { ReadOutcome } from './types.js';

const { fd, size, control: shared, port } = workerData as WorkerInput;
const control = new Int32Array(shared, 0, CONTROL_SLOTS);

function post(message: WorkerMessage): void {
  port.postMessage(message, message.kind === 'batch' ? [message.counts.buffer, message.lines.buffer] : []);
  Atomics.add(control, IN_FLIGHT, 1);
  Atomics.notify(control, IN_FLIGHT);
}

/** Waits until the main thread has room for another batch; false when it asked to stop. */
function room(): boolean {
  for (;;) {
    if (Atomics.load(control, STOP) !== 0) return false;
    const inFlight = Atomics.load(control, IN_FLIGHT);
    if (inFlight < MAX_IN_FLIGHT) return true;
    Atomics.wait(control, IN_FLIGHT, inFlight);
  }
}

// The descriptor stays the main thread's: it closes it once this thread is done with it.
// The checksum is the main thread's, computed while it waits for batches (csv-thread.ts).
const reader = csvReader(fileSnapshot(fd, size, false), { checksum: false });
let outcome: ReadOutcome;
let counted = 0; // readMeter.bytes already posted
let first = true;
try {
  for (let batch = reader.nextSync(); batch !== null && room(); batch = reader.nextSync()) {
    if (batch.length === 0) continue; // a step of the first pass, or a chunk inside one long record
    const encoded = encodeBatch(batch, readMeter.bytes - counted);
    if (first) encoded.outcome = { ...reader.outcome() };
    first = false;
    post(encoded);
    counted = readMeter.bytes;
  }
  outcome = reader.outcome();
} catch (err) {
  // csvReader turns read errors into its outcome; anything else is this thread's own failure
  outcome = failedOutcome(cannotRead(describeFsError(err)));
} finally {
  reader.close();
}
// the port closes with the thread, once the main thread has taken what was posted
if (Atomics.load(control, STOP) === 0) post({ kind: 'end', outcome: outcome!, bytes: readMeter.bytes - counted });

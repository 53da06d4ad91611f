// Signal handling, in one place. Ctrl-C (SIGINT) and SIGTERM stop a check between
// chunks, before anything is written; once writing has begun they are held until the
// outputs are whole, then the run ends with exit 2 and says so.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** Raised by `untilSignal` when a signal stopped the work. */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`${signal}: interrupted`);
  }
}

/**
 * Runs `work` with an AbortSignal that fires on SIGINT or SIGTERM, or when the heap is
 * nearly full. If the work ends by aborting (it throws after the signal fired), throws
 * Interrupted or OutOfMemory instead.
 */
export async function untilSignal<T>(work: (signal: AbortSignal) => Promise<T>, during = 'during the check'): Promise<T> {
  const controller = new AbortController();
  let received: NodeJS.Signals | 'memory' | null = null;
  const stop = (signal: NodeJS.Signals | 'memory') => {
    received ??= signal;
    controller.abort();
  };
  for (const s of STOP_SIGNALS) process.on(s, stop);
  const watch = setInterval(() => {
    if (heapNearLimit()) stop('memory');
  }, 25);
  try {
    return await work(controller.signal);
  } catch (err) {
    if (received === 'memory') throw new OutOfMemory(during);
    if (received) throw new Interrupted(received);
    throw err;
  } finally {
    clearInterval(watch);
    for (const s of STOP_SIGNALS) process.off(s, stop);
  }
}

/**
 * Runs `work` (writing outputs) with SIGINT/SIGTERM held: a signal that arrives is
 * passed to `onSignal` instead of ending the process, and returned.
 */
export async function holdingSignals(work: () => Promise<void>, onSignal: (signal: NodeJS.Signals) => void): Promise<NodeJS.Signals | null> {
  let received: NodeJS.Signals | null = null;
  const held = (signal: NodeJS.Signals) => {
    if (received) return;
    received = signal;
    onSignal(signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, held);
  try {
    await work();
    // synchronous writes delay a signal's delivery: let the event loop deliver it here
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, held);
  }
  return received;
}

// Memory. V8 aborts the process when the heap reaches its limit ("JavaScript heap out
// of memory", signal 6, nothing said that a person can use). The check yields between
// chunks, so a watch on the heap can stop it first, like a signal, and say so plainly;
// the reports, rendered synchronously, ask `heapNearLimit` between their chunks.
const HEAP_STOP_FRACTION = 0.8;
/** Share of the heap's free room a reader of a spooled list may fill (heapOutgrowing). */
const HEAP_GROWTH_FRACTION = 0.5;
// heap_size_limit counts the young generation's reserve (3 semi-spaces of 16 MB on
// 64-bit Node), which live data never fills: the old space's own limit is what runs out.
const YOUNG_RESERVE = 48 * 2 ** 20;
let collect: (() => void) | null | undefined;

/** A full garbage collection, when V8 lets us ask for one (so garbage is not taken for data). */
function fullGc(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

export function heapLimitMb(): number {
  return Math.round((getHeapStatistics().heap_size_limit - YOUNG_RESERVE) / 2 ** 20);
}

/** True when live data (after a full collection) fills most of the heap V8 allows. */
export function heapNearLimit(): boolean {
  const over = () => {
    const heap = getHeapStatistics();
    return heap.used_heap_size > (heap.heap_size_limit - YOUNG_RESERVE) * HEAP_STOP_FRACTION;
  };
  if (!over()) return false;
  fullGc();
  return over();
}

/**
 * The heap's use when a consumer starts reading (after a full collection), for
 * `heapOutgrowing`: what a consumer that keeps what it reads is measured against.
 */
export function heapBaseline(): number {
  fullGc();
  return getHeapStatistics().used_heap_size;
}

/**
 * True when live data has grown from `baseline` by half the room the heap had left then,
 * or fills most of the heap: a consumer that keeps everything it reads is stopped while
 * there is still room for what it would build next (a report's lines), not at the limit.
 */
export function heapOutgrowing(baseline: number): boolean {
  const room = getHeapStatistics().heap_size_limit - YOUNG_RESERVE;
  const over = () => {
    const used = getHeapStatistics().used_heap_size;
    return used > baseline + (room - baseline) * HEAP_GROWTH_FRACTION || used > room * HEAP_STOP_FRACTION;
  };
  if (!over()) return false;
  fullGc();
  return over();
}

/** Raised when the heap is nearly full: the run stops with exit 2 rather than be killed by V8. */
export class OutOfMemory extends Error {
  constructor(during: string) {
    super(
      `out of memory ${during}: the run needs more than the ${heapLimitMb()} MB of memory Node.js allows it; nothing was written. ` +
        'Check fewer files at once, or allow more: NODE_OPTIONS=--max-old-space-size=MB (docs/exit-codes.md)',
    );
  }
}

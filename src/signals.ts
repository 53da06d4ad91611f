// Signal handling, in one place. Ctrl-C (SIGINT) and SIGTERM stop a check between
// chunks, before anything is written; once writing has begun they are held until the
// outputs are whole, then the run ends with exit 2 and says so.
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** Raised by `untilSignal` when a signal stopped the work. */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`${signal}: interrupted`);
  }
}

/**
 * Runs `work` with an AbortSignal that fires on SIGINT or SIGTERM. If the work ends by
 * aborting (it throws after the signal fired), throws Interrupted instead.
 */
export async function untilSignal<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let received: NodeJS.Signals | null = null;
  const stop = (signal: NodeJS.Signals) => {
    received = signal;
    controller.abort();
  };
  for (const s of STOP_SIGNALS) process.on(s, stop);
  try {
    return await work(controller.signal);
  } catch (err) {
    if (received) throw new Interrupted(received);
    throw err;
  } finally {
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

// A check runs as a generator of steps, one per chunk read, so that the same code
// serves a synchronous caller (tests, embedding) and an asynchronous one that lets
// signals in between chunks. A step is empty, or a promise that a reader which must
// wait (a workbook, a pipe) needs settled before the generator is resumed.
export type Step = Promise<unknown> | void;

/** Runs steps to their end, synchronously; refuses a step that would have to wait. */
export function drain<T>(steps: Generator<Step, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (next.value !== undefined) {
      next.value.catch(() => {});
      steps.return(undefined as never);
      throw new Error('this input can only be read asynchronously (runCheckAsync)');
    }
  }
}

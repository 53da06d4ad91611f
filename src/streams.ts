// The process's stdout and stderr as a command writes to them. A reader that goes
// away (EPIPE: `moc-check … | head -1`) ends the output quietly: the rest is dropped
// and the run keeps the exit code it would have had. Any other failure (ENOSPC:
// `> /dev/full`, a full disk) is kept and reported by `finish` so the run can say so
// plainly and exit 2, instead of Node's "Unhandled 'error' event" and a stack trace.
export interface OutStream {
  /** false when the caller should wait for `drain` before writing more */
  write(text: string): unknown;
  isTTY?: boolean;
  /** the terminal's width in cells, when it is one (read when asked: a terminal can be resized) */
  readonly columns?: number;
  /** the reader went away (EPIPE) or writing failed: further writes are dropped */
  readonly stopped?: boolean;
  drain?(): Promise<void>;
  /** waits for what was written; the write error other than EPIPE, if any */
  finish?(): Promise<NodeJS.ErrnoException | null>;
}


export function guardStream(stream: NodeJS.WriteStream): OutStream {
  let closed = false;
  let failure: NodeJS.ErrnoException | null = null;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') closed = true;
    else failure ??= err;
  });
  const stopped = () => closed || failure !== null || stream.destroyed;
  return {
    isTTY: stream.isTTY,
    get columns() {
      return stream.columns;
    },
    get stopped() {
      return stopped();
    },
    write(text: string): boolean {
      if (stopped()) return true;
      return stream.write(text);
    },
    drain(): Promise<void> {
      if (stopped() || !stream.writableNeedDrain) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          for (const event of ['drain', 'error', 'close']) stream.off(event, done);
          resolve();
        };
        for (const event of ['drain', 'error', 'close']) stream.once(event, done);
      });
    },
    async finish(): Promise<NodeJS.ErrnoException | null> {
      if (!stopped()) await new Promise<void>((resolve) => stream.write('', () => resolve()));
      // errors are emitted on a later turn of the event loop
      await new Promise((resolve) => setImmediate(resolve));
      return failure;
    },
  };
}

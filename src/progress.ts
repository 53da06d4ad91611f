// The progress line of a long check (issue 15 item 5): on stderr, only when stderr is
// a terminal (never redirected to a file or a pipe, never in CI, never on a dumb
// terminal), only once a run has taken two seconds, redrawn at most four times a
// second, and cleared at the end however the run ends (done, error, Ctrl-C), so
// that nothing of it is left among the report's lines.
//
// It samples the counters the readers bump (src/input/meter.ts) on a timer: the
// check itself does no more work for it. The timer runs because the check gives the
// event loop a turn after every chunk (runCheckAsync).
import { plural } from './plural.js';
import { readMeter, type ReadMeter } from './input/meter.js';
import { sanitizeText } from './text.js';
import { cellWidth, DEFAULT_COLUMNS } from './width.js';

export interface ProgressStream {
  isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** Time and timers, injectable so tests need not wait. */
export interface ProgressClock {
  now(): number;
  /** calls `tick` every `ms` until the returned function is called */
  every(ms: number, tick: () => void): () => void;
}

export const SYSTEM_CLOCK: ProgressClock = {
  now: () => Date.now(),
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    timer.unref(); // never keeps the process alive on its own
    return () => clearInterval(timer);
  },
};

export interface ProgressOptions {
  stream: ProgressStream;
  env: Record<string, string | undefined>;
  /** input files the run reads (assignments, leavers and starters registers) */
  totalFiles: number;
  clock?: ProgressClock;
  meter?: ReadMeter;
  /** shown only after this long (2 s) */
  delayMs?: number;
  /** redrawn at most this often (250 ms) */
  intervalMs?: number;
}

export interface Progress {
  /** clears the line (if it was shown) and stops the timer; safe to call twice */
  stop(): void;
}

const NONE: Progress = { stop: () => {} };

/** ESC [ K: erase to the end of the line. */
const CLEAR = '\r\u001b[K';

/** Whether a progress line may be drawn on this stream: a TTY, not CI, not a dumb terminal. */
export function progressWanted(stream: ProgressStream, env: Record<string, string | undefined>): boolean {
  if (!stream.isTTY) return false;
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false;
  return env.TERM !== 'dumb';
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * The line for the counts so far, at most `columns − 1` cells (the last cell of a line
 * makes some terminals wrap): the file's name is shortened from the left when room is
 * short, then the words go; a number is never cut. '' when even that does not fit.
 */
export function progressLine(counts: { records: number; bytes: number; filesDone: number; totalFiles: number; file: string }, columns: number): string {
  const room = columns - 1;
  const rows = counts.records.toLocaleString('en-GB');
  const figures = `moc-check: ${rows} rows, ${megabytes(counts.bytes)} read, ${counts.filesDone} of ${plural(counts.totalFiles, 'file')} done`;
  if (cellWidth(figures) > room) {
    // a narrow terminal: the short form, or nothing (a wrapped line could not be cleared)
    const short = `${rows} rows, ${megabytes(counts.bytes)}, ${counts.filesDone}/${counts.totalFiles} files`;
    return cellWidth(short) <= room ? short : '';
  }
  if (counts.file === '' || counts.filesDone >= counts.totalFiles) return figures;
  const free = room - cellWidth(figures) - ' (reading )'.length;
  if (free < 4) return figures;
  let name = sanitizeText(counts.file); // a file name is typed by someone: no control character reaches the terminal
  if (cellWidth(name) > free) {
    const chars = [...name];
    while (chars.length > 0 && cellWidth(chars.join('')) > free - 1) chars.shift();
    name = `…${chars.join('')}`;
  }
  return `${figures} (reading ${name})`;
}

/**
 * Starts the progress line for one check, or nothing when it is not wanted. The
 * caller stops it before writing anything else to the terminal.
 */
export function startProgress(options: ProgressOptions): Progress {
  const { stream, env } = options;
  if (!progressWanted(stream, env)) return NONE;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const meter = options.meter ?? readMeter;
  const delay = options.delayMs ?? 2000;
  const start = clock.now();
  const base = { records: meter.records, bytes: meter.bytes, filesDone: meter.filesDone };
  let shown = false;
  let last = '';
  const draw = (): void => {
    if (clock.now() - start < delay) return;
    const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : DEFAULT_COLUMNS;
    const line = progressLine({
      records: meter.records - base.records,
      bytes: meter.bytes - base.bytes,
      filesDone: meter.filesDone - base.filesDone,
      totalFiles: options.totalFiles,
      file: meter.file,
    }, columns);
    if (line === last || (line === '' && !shown)) return;
    stream.write(CLEAR + line);
    shown = true;
    last = line;
  };
  const cancel = clock.every(options.intervalMs ?? 250, draw);
  // a run ended by process.exit or an uncaught error leaves no half line behind
  const onExit = (): void => stop();
  process.once('exit', onExit);
  let stopped = false;
  function stop(): void {
    if (stopped) return;
    stopped = true;
    cancel();
    process.off('exit', onExit);
    if (shown) stream.write(CLEAR);
  }
  return { stop };
}

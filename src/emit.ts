// Output emission, in one place: every report of a check is rendered, the file
// reports are staged and renamed together (all or none, src/output.ts), then the
// --format report goes to stdout, then the GitHub job summary is appended.
import { UsageError, say, type Io, type OutputTarget } from './commands/common.js';
import { EXIT_NOT_CHECKED } from './exit.js';
import { appendInPlace, describeWriteError, writeFilesAtomic } from './output.js';
import { formatDescriptor, type ChunkedFormatter } from './report/index.js';
import { OutOfMemory, heapNearLimit, holdingSignals } from './signals.js';
import type { Report, Ruleset } from './types.js';
import { terminalColumns } from './width.js';

export interface EmitRequest {
  ruleset: Ruleset;
  /** the --format report, printed to stdout unless `toStdout` is false */
  format: string;
  toStdout: boolean;
  /** file reports: --output and every --write */
  files: OutputTarget[];
  verbose: boolean;
  names: boolean;
  /** --no-color given */
  noColor: boolean;
}

export interface Emitted {
  /** paths of the file reports written */
  written: string[];
  /** exit 2 when a signal arrived while writing (the outputs are whole nonetheless) */
  code: number | null;
}

export function useColor(noColor: boolean, stream: Io['stdout'], env: Io['env']): boolean {
  if (noColor) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY);
}

/** A format that could not be rendered (a bug, or a report beyond what it can hold). */
class RenderFailed extends Error {
  constructor(readonly format: string, readonly reason: unknown) {
    super(`could not build the ${format} report: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

/**
 * The chunks, with a failure while producing them named as the format's, not the
 * disk's; between chunks, a heap nearly full stops the run (OutOfMemory) before V8 would.
 */
function* rendering(format: string, produce: () => Iterable<string>): Generator<string> {
  try {
    for (const chunk of produce()) {
      yield chunk;
      if (heapNearLimit()) throw new OutOfMemory('while writing the reports');
    }
  } catch (err) {
    if (err instanceof OutOfMemory) throw err;
    throw new RenderFailed(format, err);
  }
}

/** The GitHub job summary file to append to: GITHUB_STEP_SUMMARY when one of the formats asks for it. */
export function jobSummaryPath(env: Io['env'], formats: string[]): string | null {
  const path = env.GITHUB_STEP_SUMMARY;
  return path && formats.some((f) => formatDescriptor(f).jobSummary) ? path : null;
}

export async function emitReports(io: Io, report: Report, request: EmitRequest): Promise<Emitted> {
  const base = { ruleset: request.ruleset, verbose: request.verbose, names: request.names };
  const { assignments: _points, ...plain } = report;
  const reportFor = (format: string): Report => (formatDescriptor(format).needsPoints ? report : plain);
  const renderers = new Map<string, ChunkedFormatter>();
  for (const name of new Set([...request.files.map((o) => o.format), request.format])) renderers.set(name, await formatDescriptor(name).loadChunked());
  // files get the terminal format at 80 columns, unbroken lines; stdout fits its terminal
  const render = (format: string, color: boolean, terminal: { columns?: number; wrap?: boolean } = {}): Iterable<string> =>
    rendering(format, () => renderers.get(format)!(reportFor(format), { ...base, color, ...terminal }));
  // A format that cannot be rendered loses only its own report: the others are still written.
  const failed = new Map<string, RenderFailed>();
  const written: string[] = [];
  const signal = await holdingSignals(
    async () => {
      let targets = request.files;
      while (targets.length > 0) {
        try {
          writeFilesAtomic(targets.map((target) => ({ path: target.path, chunks: render(target.format, false) })));
          break;
        } catch (err) {
          if (err instanceof OutOfMemory) throw err;
          if (!(err instanceof RenderFailed)) {
            const paths = targets.map((o) => o.path).join(', ');
            throw new UsageError(`could not write ${paths}: ${describeWriteError(err)}; nothing half-written was left behind`, 'output');
          }
          failed.set(err.format, err);
          targets = targets.filter((t) => !failed.has(t.format));
        }
      }
      for (const target of targets) {
        say(io, `moc-check: wrote the ${target.format} report to ${target.path}`);
        written.push(target.path);
      }
      if (request.toStdout && !failed.has(request.format)) {
        const color = formatDescriptor(request.format).terminal && useColor(request.noColor, io.stdout, io.env);
        try {
          const terminal = { columns: terminalColumns({ stream: io.stdout, env: io.env }), wrap: Boolean(io.stdout.isTTY) };
          for (const chunk of render(request.format, color, terminal)) {
            if (io.stdout.stopped) break; // the reader went away: nothing more to say
            if (io.stdout.write(chunk) === false) await io.stdout.drain?.();
          }
        } catch (err) {
          if (!(err instanceof RenderFailed)) throw err;
          failed.set(err.format, err);
        }
      }
    },
    // The writes are synchronous, so a signal arriving now is handled only after
    // every file is in place: say so rather than dying between renames.
    (s) => say(io, `moc-check: ${s}: stopped after writing the reports in full`),
  );
  const summaryPath = jobSummaryPath(io.env, [request.format, ...request.files.map((o) => o.format)]);
  if (summaryPath !== null) {
    const { githubJobSummary } = await import('./report/github.js');
    try {
      appendInPlace(summaryPath, githubJobSummary(plain, { ...base, color: false }));
    } catch (err) {
      // the report already printed or written stands: say so, keep the exit code
      say(io, `moc-check: could not append the job summary to ${summaryPath} (GITHUB_STEP_SUMMARY): ${describeWriteError(err)}; the report stands`);
    }
  }
  if (failed.size > 0) {
    const lost = request.files.filter((t) => failed.has(t.format)).map((t) => t.path);
    const first = [...failed.values()][0]!;
    const others = written.length > 0 ? `; the other reports were written (${written.join(', ')})` : '';
    throw new UsageError(`${first.message}; ${lost.length > 0 ? `${lost.join(', ')} not written` : 'nothing printed'}${others}`, 'output');
  }
  return { written, code: signal ? EXIT_NOT_CHECKED : null };
}

// `moc-check check`: read the exports, evaluate the ruleset, emit the reports.
import { applyBaseline } from '../baseline.js';
import { runCheckAsync } from '../check/index.js';
import { emitReports, jobSummaryPath } from '../emit.js';
import { EXIT_NOT_CHECKED, exitCodeFor } from '../exit.js';
import { STDIN_PATH } from '../input/readers/index.js';
import { samePath } from '../output.js';
import { FORMAT_NAMES, formatDescriptor, isFormatName } from '../report/index.js';
import { plural } from '../report/shared.js';
import { Interrupted, OutOfMemory, heapNearLimit, untilSignal } from '../signals.js';
import type { FailOn, Report } from '../types.js';
import { parsePeriod, type Period } from '../period.js';
import { startProgress } from '../progress.js';
import { expandFileArguments } from './globs.js';
import { UsageError, checkOutputPaths, loadOrFail, loadProfilesOrFail, parseAsOf, say, type Io, type Outcome, type OutputTarget } from './common.js';

export interface CheckFlags {
  rules: string;
  leavers: string[];
  /** permanent starters registers (--starters); commander gives [] when none */
  starters?: string[];
  profile?: string[];
  asOf?: string;
  period?: string;
  format: string;
  output?: string;
  write: string[];
  failOn: FailOn;
  color?: boolean;
  verbose?: boolean;
  names?: boolean;
  redact?: boolean;
  baseline?: string;
}

/** `--period`, or a usage error that shows the accepted forms. */
export function parsePeriodFlag(value: string | undefined): Period | undefined {
  if (value === undefined) return undefined;
  const result = parsePeriod(value);
  if (!result.ok) throw new UsageError(result.message);
  return result.period;
}

/** `--write FORMAT=PATH` values, checked against the known formats. */
function parseWriteTargets(values: string[]): OutputTarget[] {
  return values.map((value) => {
    const eq = value.indexOf('=');
    const format = eq < 0 ? '' : value.slice(0, eq);
    const path = eq < 0 ? '' : value.slice(eq + 1);
    if (!isFormatName(format) || path === '') {
      throw new UsageError(`--write "${value}" should be FORMAT=PATH with FORMAT one of ${FORMAT_NAMES.join(', ')}`);
    }
    return { format, path };
  });
}

export async function checkCommand(io: Io, typedFiles: string[], flags: CheckFlags): Promise<Outcome> {
  const files = await expandFileArguments(typedFiles);
  flags = { ...flags, leavers: await expandFileArguments(flags.leavers), starters: await expandFileArguments(flags.starters ?? []) };
  const starters = flags.starters ?? [];
  if (files.length === 0) throw new UsageError('no assignments file named: give at least one CSV file to check');
  if (!isFormatName(flags.format)) throw new UsageError(`--format "${flags.format}" is not one of ${FORMAT_NAMES.join(', ')}`);
  if (flags.redact && flags.names) throw new UsageError('--redact and --names contradict each other: choose one');
  if ([...files, ...flags.leavers, ...starters].filter((f) => f === STDIN_PATH).length > 1) {
    throw new UsageError('standard input (-) can be read only once');
  }
  const period = parsePeriodFlag(flags.period);
  // reading 22: --as-of wins; the period only supplies the default
  const asOf = flags.asOf === undefined && period ? period.to : parseAsOf(flags.asOf);
  const written = parseWriteTargets(flags.write);
  const fileOutputs = flags.output === undefined ? written : [{ format: flags.format, path: flags.output }, ...written];
  const inputs = [...files, ...flags.leavers, ...starters, ...(flags.profile ?? []), flags.rules, ...(flags.baseline ? [flags.baseline] : [])];
  checkOutputPaths(fileOutputs, inputs);
  const summary = jobSummaryPath(io.env, [flags.format, ...fileOutputs.map((o) => o.format)]);
  if (summary !== null) {
    // appended to, so refused like any output that is an input (or another output)
    if (inputs.some((input) => input !== STDIN_PATH && samePath(input, summary))) {
      throw new UsageError(`GITHUB_STEP_SUMMARY ${summary} is one of the input files; refusing to append the job summary to it`);
    }
    const clash = fileOutputs.find((o) => samePath(o.path, summary));
    if (clash) throw new UsageError(`GITHUB_STEP_SUMMARY ${summary} is also where the ${clash.format} report goes`);
  }

  const ruleset = loadOrFail(io, flags.rules);
  const profiles = await loadProfilesOrFail(io, flags.profile ?? []);
  // once: the terminal report says it at its top, so stderr says it only when that report is not on screen
  const reportSaysIt = flags.output === undefined && formatDescriptor(flags.format).terminal;
  if (ruleset.status === 'illustrative' && !reportSaysIt) {
    say(io, `warning: ruleset "${ruleset.id}" is illustrative: its figures are examples, not adopted caps`);
  }
  let baseline: Report | undefined;
  if (flags.baseline !== undefined) {
    const path = flags.baseline;
    // the report reader (and its zod schema) is loaded only for --baseline
    const { readReportFile } = await import('../report/read.js');
    try {
      baseline = await untilSignal((signal) => readReportFile(path, signal));
    } catch (err) {
      if (err instanceof Interrupted) throw new UsageError(`${err.signal}: stopped while reading --baseline ${path}; nothing was checked`, 'interrupted');
      throw new UsageError(`--baseline: ${(err as Error).message}`);
    }
  }

  // The HTML report plots every checked assignment; only a format that needs them asks the core for the points.
  const points = [flags.format, ...fileOutputs.map((o) => o.format)].some((f) => formatDescriptor(f).needsPoints);
  let report: Report;
  // a line on stderr for a long run, on a terminal only; gone before anything else is written
  const progress = startProgress({ stream: io.stderr, env: io.env, totalFiles: files.length + flags.leavers.length + starters.length });
  try {
    report = await untilSignal((signal) => runCheckAsync({ ruleset, files, leavers: flags.leavers, starters, ...(profiles ? { profiles } : {}), asOf, names: Boolean(flags.names), points, ...(period ? { period } : {}) }, signal));
  } catch (err) {
    if (err instanceof Interrupted) throw new UsageError(`${err.signal}: the check was stopped before the end; no report was written`, 'interrupted');
    throw err;
  } finally {
    progress.stop();
  }
  // the copies below double the findings for a moment: stop here rather than in V8
  if (heapNearLimit()) throw new OutOfMemory('after the check');
  if (baseline) report = applyBaseline(report, baseline);
  if (flags.redact) {
    const { PSEUDONYM_KEY_ENV, pseudonymKeyFromEnv, redactReport } = await import('../redact.js');
    const { key, source } = pseudonymKeyFromEnv(io.env);
    if (source === 'random') say(io, `note: ${PSEUDONYM_KEY_ENV} is not set, so SWE pseudonyms are stable within this run only`);
    report = redactReport(report, key);
  }

  const emitted = await emitReports(io, report, {
    ruleset,
    format: flags.format,
    toStdout: flags.output === undefined,
    files: fileOutputs,
    verbose: Boolean(flags.verbose),
    names: Boolean(flags.names),
    noColor: flags.color === false,
  });
  const s = report.summary;
  say(io, `moc-check: ${plural(s.rows, 'row')}, ${s.checked} checked${s.out_of_period === undefined ? '' : ` (${s.out_of_period} outside the period)`}: ${plural(s.breaches, 'breach', 'breaches')}, ${s.exempted} exempted, ${s.unknown} unknown, ${plural(s.data_errors, 'data error')}, ${plural(s.data_warnings, 'data warning')}`);
  if (emitted.code === EXIT_NOT_CHECKED) {
    return { code: EXIT_NOT_CHECKED, written: emitted.written, notChecked: { code: 'interrupted', message: 'interrupted while writing the reports' } };
  }
  return { code: exitCodeFor(report, flags.failOn), written: emitted.written };
}

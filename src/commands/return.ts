// `moc-check return`: the quarterly data return the DfE collects (return.md). The check
// runs as `check` would, over the period's rows; the return is built from its result.
// Exit 0 when the return was written, 2 when not. Breaches and data errors do not
// change the exit code (a document, not a gate); data errors are counted on stderr and
// in the notes sheet.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { runCheckAsync } from '../check/index.js';
import { EXIT_OK } from '../exit.js';
import { STDIN_PATH } from '../input/readers/index.js';
import { describeWriteError, writeFilesAtomic } from '../output.js';
import { PSEUDONYM_KEY_ENV, pseudonymKeyFromEnv } from '../redact.js';
import { ReturnCollector } from '../return/build.js';
import { dataErrorCount } from '../return/sheets.js';
import { Interrupted, untilSignal } from '../signals.js';
import { parsePeriodFlag } from './check.js';
import { UsageError, checkOutputPaths, loadOrFail, loadProfilesOrFail, parseAsOf, plural, say, type Io, type Outcome } from './common.js';

export const RETURN_FORMATS = ['xlsx', 'csv', 'json', 'markdown'] as const;
export type ReturnFormat = (typeof RETURN_FORMATS)[number];

export interface ReturnFlags {
  rules: string;
  period: string;
  asOf?: string;
  leavers: string[];
  profile?: string[];
  format?: string;
  output?: string;
  redact?: boolean;
}

const BY_EXTENSION: Record<string, ReturnFormat> = { '.xlsx': 'xlsx', '.json': 'json', '.md': 'markdown', '.markdown': 'markdown' };

/** `--format`, else what `--output` names (return.md "Command"), else markdown on stdout. */
export function returnFormatFor(format: string | undefined, output: string | undefined): ReturnFormat {
  if (format !== undefined) {
    if (!(RETURN_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format "${format}" is not one of ${RETURN_FORMATS.join(', ')}`);
    return format as ReturnFormat;
  }
  if (output === undefined) return 'markdown';
  const isFolder = output.endsWith('/') || output.endsWith('\\') || (existsSync(output) && statSync(output).isDirectory());
  if (isFolder) return 'csv';
  const byExtension = BY_EXTENSION[extname(output).toLowerCase()];
  if (byExtension) return byExtension;
  if (extname(output) === '') return 'csv';
  throw new UsageError(`--output ${output}: give --format, or an output ending .xlsx, .json or .md (or a folder, for CSV files)`);
}

export async function returnCommand(io: Io, files: string[], flags: ReturnFlags): Promise<Outcome> {
  if (files.length === 0) throw new UsageError('no assignments file named: give at least one export to build the return from');
  if (files.filter((f) => f === STDIN_PATH).length + flags.leavers.filter((f) => f === STDIN_PATH).length > 1) {
    throw new UsageError('standard input (-) can be read only once');
  }
  const period = parsePeriodFlag(flags.period)!;
  const asOf = flags.asOf === undefined ? period.to : parseAsOf(flags.asOf);
  const format = returnFormatFor(flags.format, flags.output);
  if ((format === 'xlsx' || format === 'csv') && flags.output === undefined) {
    throw new UsageError(format === 'xlsx' ? '--format xlsx needs --output FILE.xlsx (a workbook is not for the terminal)' : '--format csv needs --output FOLDER (one CSV file per sheet)');
  }
  const inputs = [...files, ...flags.leavers, ...(flags.profile ?? []), flags.rules];
  const ruleset = loadOrFail(io, flags.rules);
  const profiles = await loadProfilesOrFail(io, flags.profile ?? []);
  if (ruleset.status === 'illustrative') say(io, `warning: ruleset "${ruleset.id}" is illustrative: its figures are examples, not adopted caps`);

  let key: string | undefined;
  if (flags.redact) {
    const k = pseudonymKeyFromEnv(io.env);
    if (k.source === 'random') say(io, `note: ${PSEUDONYM_KEY_ENV} is not set, so SWE pseudonyms are stable within this run only`);
    key = k.key;
  }
  const collector = new ReturnCollector(ruleset, key);
  let report;
  try {
    report = await untilSignal((signal) => runCheckAsync({ ruleset, files, leavers: flags.leavers, ...(profiles ? { profiles } : {}), asOf, period, rowSink: collector }, signal));
  } catch (err) {
    if (err instanceof Interrupted) throw new UsageError(`${err.signal}: the run was stopped before the end; no return was written`, 'interrupted');
    throw err;
  }
  const ret = collector.build(report, period);

  let targets: Array<{ path: string; chunks: Array<string | Uint8Array> }>;
  switch (format) {
    case 'xlsx': {
      const { returnWorkbook } = await import('../return/xlsx.js');
      targets = [{ path: flags.output!, chunks: [await returnWorkbook(ret, ruleset)] }];
      break;
    }
    case 'csv': {
      const { returnCsvFiles } = await import('../return/csv.js');
      const folder = flags.output!;
      try {
        mkdirSync(folder, { recursive: true });
      } catch (err) {
        throw new UsageError(`could not create the folder ${folder}: ${describeWriteError(err)}`, 'output');
      }
      targets = returnCsvFiles(ret, ruleset).map((f) => ({ path: join(folder, f.name), chunks: [f.text] }));
      break;
    }
    case 'json': {
      const { returnJson } = await import('../return/json.js');
      targets = flags.output === undefined ? [] : [{ path: flags.output, chunks: [returnJson(ret)] }];
      if (flags.output === undefined) io.stdout.write(returnJson(ret));
      break;
    }
    case 'markdown': {
      const { returnMarkdown } = await import('../return/markdown.js');
      targets = flags.output === undefined ? [] : [{ path: flags.output, chunks: [returnMarkdown(ret)] }];
      if (flags.output === undefined) io.stdout.write(returnMarkdown(ret));
      break;
    }
  }
  checkOutputPaths(targets.map((t) => ({ format, path: t.path })), inputs);
  if (targets.length > 0) {
    try {
      writeFilesAtomic(targets);
    } catch (err) {
      throw new UsageError(`could not write ${flags.output}: ${describeWriteError(err)}; nothing half-written was left behind`, 'output');
    }
    say(io, `moc-check: wrote the ${format} return to ${flags.output}${format === 'csv' ? ` (${targets.map((t) => t.path.slice(flags.output!.length).replace(/^[\\/]/, '')).join(', ')})` : ''}`);
  }
  const { errors, warnings } = dataErrorCount(ret);
  const rows = ret.assignments.length;
  say(io, `moc-check: return for ${ret.period.from} to ${ret.period.to}: ${plural(ret.councils.length, 'council')}, ${plural(rows, 'assignment')}; ${plural(errors, 'data error')}, ${plural(warnings, 'data warning')}${errors > 0 ? ' (see the notes sheet)' : ''}`);
  return { code: EXIT_OK, written: targets.map((t) => t.path) };
}

// The command line: parses arguments, calls the core, writes output, sets the exit code.
// No checking logic lives here.
import { appendFileSync } from 'node:fs';
import { Argument, Command, CommanderError, Option } from 'commander';
import { applyBaseline, readBaseline } from './baseline.js';
import { STDIN_PATH } from './input/file.js';
import { PSEUDONYM_KEY_ENV, pseudonymKeyFromEnv, redactReport } from './redact.js';
import { DIFF_FORMATS, type DiffFormat } from './report/diff-format.js';
import { CheckInterrupted, runCheckAsync, type CheckOptions } from './check/index.js';
import { parseIsoDate, todayLocal } from './dates.js';
import { EXIT_NOT_CHECKED, EXIT_OK, exitCodeFor } from './exit.js';
import { samePath, writeFileAtomic, writeFilesAtomic } from './output.js';
import { FORMAT_NAMES, TERMINAL_FORMATS, isFormatName, loadChunkedFormatter, type ChunkedFormatter } from './report/index.js';
import { formatProblem, loadRuleset, type RulesProblem } from './ruleset/load.js';
import { sanitizeLines, sanitizeText } from './text.js';
import type { FailOn, Report, Ruleset } from './types.js';
import { TOOL_VERSION } from './version.js';

/**
 * Why a run was not checked, for the JSON error document: with `--format json` and no
 * `--output`, stdout always holds one JSON document, even when the exit code is 2.
 */
interface NotChecked {
  code: 'usage' | 'ruleset' | 'interrupted' | 'output' | 'internal';
  message: string;
  problems?: RulesProblem[];
}
let notChecked: NotChecked | null = null;
/** stdout already holds the report: never add an error document after it */
let reportOnStdout = false;

function wantsJsonOnStdout(argv: string[]): boolean {
  const args = argv.slice(2);
  if (args.some((a) => a === '--output' || a.startsWith('--output='))) return false;
  const i = args.lastIndexOf('--format');
  return (i >= 0 && args[i + 1] === 'json') || args.includes('--format=json');
}

/** Set when a signal arrived while reports were being written (see checkCommand). */
let interruptedBy: NodeJS.Signals | null = null;

/** A plain problem (usage, an unreadable baseline, an interruption): message to stderr, exit 2, no stack trace. */
class UsageError extends Error {
  constructor(message: string, readonly kind: NotChecked['code'] = 'usage') {
    super(message);
  }
}

interface GlobalFlags {
  debug: boolean;
}

function say(text: string): void {
  // paths, arguments and cells quoted in messages are untrusted: neutralised (src/text.ts)
  process.stderr.write(sanitizeLines(text.endsWith('\n') ? text : text + '\n'));
}

function parseAsOf(value: string | undefined): string {
  if (value === undefined) return todayLocal();
  const date = parseIsoDate(value);
  if (!date) throw new UsageError(`--as-of "${value}" is not a date as YYYY-MM-DD`);
  return date;
}

function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY);
}

/** Loads a ruleset or prints every problem and returns null. */
function loadOrReport(path: string): Ruleset | null {
  const result = loadRuleset(path);
  if (result.ok) return result.ruleset;
  for (const problem of result.problems) say(formatProblem(problem));
  const message = `the ruleset ${path} has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; nothing was checked`;
  say(`moc-check: ${message}`);
  notChecked = { code: 'ruleset', message, problems: result.problems };
  return null;
}

function warnIfIllustrative(ruleset: Ruleset): void {
  if (ruleset.status === 'illustrative') {
    say(`warning: ruleset "${ruleset.id}" is illustrative: its figures are examples, not adopted caps`);
  }
}

interface CheckFlags {
  rules: string;
  leavers: string[];
  asOf?: string;
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

/** Runs the check; Ctrl-C (SIGINT) or SIGTERM stops it between chunks, before anything is written. */
async function checkUntilInterrupted(options: CheckOptions): Promise<Report> {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    interruptedBy = signal;
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    return await runCheckAsync(options, controller.signal);
  } catch (err) {
    if (err instanceof CheckInterrupted) throw new UsageError(`${interruptedBy ?? 'interrupted'}: the check was stopped before the end; no report was written`, 'interrupted');
    throw err;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

interface OutputTarget {
  format: string;
  path: string;
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

/** Refuses outputs that would overwrite an input or each other. */
function checkOutputPaths(outputs: OutputTarget[], inputs: string[]): void {
  for (const [i, out] of outputs.entries()) {
    for (const input of inputs) {
      if (input !== STDIN_PATH && samePath(input, out.path)) throw new UsageError(`the output ${out.path} is one of the input files; refusing to overwrite it`);
    }
    for (const other of outputs.slice(i + 1)) {
      if (samePath(other.path, out.path)) throw new UsageError(`two reports would be written to ${out.path}`);
    }
  }
}

async function checkCommand(files: string[], flags: CheckFlags): Promise<number> {
  if (files.length === 0) throw new UsageError('no assignments file named: give at least one CSV file to check');
  if (!isFormatName(flags.format)) throw new UsageError(`--format "${flags.format}" is not one of ${FORMAT_NAMES.join(', ')}`);
  if (flags.redact && flags.names) throw new UsageError('--redact and --names contradict each other: choose one');
  if (files.filter((f) => f === STDIN_PATH).length + flags.leavers.filter((f) => f === STDIN_PATH).length > 1) {
    throw new UsageError('standard input (-) can be read only once');
  }
  const asOf = parseAsOf(flags.asOf);
  const written = parseWriteTargets(flags.write);
  const fileOutputs = flags.output === undefined ? written : [{ format: flags.format, path: flags.output }, ...written];
  checkOutputPaths(fileOutputs, [...files, ...flags.leavers, flags.rules, ...(flags.baseline ? [flags.baseline] : [])]);

  const ruleset = loadOrReport(flags.rules);
  if (!ruleset) return EXIT_NOT_CHECKED;
  warnIfIllustrative(ruleset);
  let baseline: Report | undefined;
  if (flags.baseline !== undefined) {
    try {
      baseline = readBaseline(flags.baseline);
    } catch (err) {
      throw new UsageError(`--baseline: ${(err as Error).message}`);
    }
  }

  // The HTML report plots every checked assignment; only it asks the core for the points.
  const points = flags.format === 'html' || fileOutputs.some((o) => o.format === 'html');
  let report = await checkUntilInterrupted({ ruleset, files, leavers: flags.leavers, asOf, names: Boolean(flags.names), points });
  if (baseline) report = applyBaseline(report, baseline);
  if (flags.redact) {
    const { key, source } = pseudonymKeyFromEnv(process.env);
    if (source === 'random') say(`note: ${PSEUDONYM_KEY_ENV} is not set, so SWE pseudonyms are stable within this run only`);
    report = redactReport(report, key);
  }

  await emitReports(report, ruleset, flags, fileOutputs);
  const s = report.summary;
  say(`moc-check: ${s.rows} rows, ${s.checked} checked: ${s.breaches} breaches, ${s.exempted} exempted, ${s.unknown} unknown, ${s.data_errors} data errors, ${s.data_warnings} data warnings`);
  return exitCodeFor(report, flags.failOn);
}

/** Writes the file reports (all or none), then the --format report to stdout, then the GitHub job summary. */
async function emitReports(report: Report, ruleset: Ruleset, flags: CheckFlags, fileOutputs: OutputTarget[]): Promise<void> {
  const base = { ruleset, verbose: Boolean(flags.verbose), names: Boolean(flags.names) };
  const { assignments: _points, ...plain } = report;
  const reportFor = (format: string): Report => (format === 'html' ? report : plain);
  // Each file report is rendered into its temporary file, then all are renamed together.
  const renderers = new Map<string, ChunkedFormatter>();
  for (const name of new Set([...fileOutputs.map((o) => o.format), flags.format])) renderers.set(name, await loadChunkedFormatter(name));
  const render = (format: string, color: boolean) => renderers.get(format)!(reportFor(format), { ...base, color });
  if (fileOutputs.length > 0) {
    // The writes are synchronous, so a signal arriving now is handled only after
    // every file is in place: say so rather than dying between renames.
    const interrupted = (signal: NodeJS.Signals) => {
      say(`moc-check: ${signal}: stopped after writing the reports in full`);
      interruptedBy = signal;
      process.exitCode = EXIT_NOT_CHECKED;
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    try {
      writeFilesAtomic(fileOutputs.map((target) => ({ path: target.path, chunks: render(target.format, false) })));
    } catch (err) {
      const paths = fileOutputs.map((o) => o.path).join(', ');
      throw new UsageError(`could not write ${paths}: ${describeWriteError(err)}; nothing half-written was left behind`, 'output');
    }
    for (const target of fileOutputs) say(`moc-check: wrote the ${target.format} report to ${target.path}`);
  }
  if (flags.output === undefined) {
    reportOnStdout = true;
    for (const chunk of render(flags.format, TERMINAL_FORMATS.has(flags.format) && useColor(flags.color, process.stdout))) {
      process.stdout.write(chunk);
    }
  }
  if ((flags.format === 'github' || fileOutputs.some((o) => o.format === 'github')) && process.env.GITHUB_STEP_SUMMARY) {
    const { githubJobSummary } = await import('./report/github.js');
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, githubJobSummary(plain, { ...base, color: false }));
  }
}

async function diffCommand(oldPath: string, newPath: string, flags: { format: DiffFormat; output?: string }): Promise<number> {
  const { diffReports, diffExitCode } = await import('./diff.js');
  const { formatDiff } = await import('./report/diff-format.js');
  const { readReportFile } = await import('./report/read.js');
  let diff;
  try {
    diff = diffReports(readReportFile(oldPath), readReportFile(newPath));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  for (const warning of diff.warnings) say(`warning: ${warning}`);
  const text = formatDiff(diff, flags.format);
  if (flags.output !== undefined) {
    checkOutputPaths([{ format: flags.format, path: flags.output }], [oldPath, newPath]);
    writeFileAtomic(flags.output, text);
  } else {
    process.stdout.write(text);
  }
  return diffExitCode(diff);
}

async function validateCommand(files: string[]): Promise<number> {
  let failed = false;
  for (const file of files) {
    const result = loadRuleset(file);
    if (result.ok) {
      const rs = result.ruleset;
      process.stdout.write(sanitizeText(`${file}: ok — ${rs.id} version ${rs.version} (${rs.status}), ${plural(rs.rules.length, 'rule')}, ${plural(rs.exemptions.length, 'exemption')}`) + '\n');
    } else {
      failed = true;
      for (const problem of result.problems) process.stdout.write(formatProblem(problem) + '\n');
    }
  }
  return failed ? EXIT_NOT_CHECKED : EXIT_OK;
}

async function showCommand(file: string, asOfText: string | undefined): Promise<number> {
  const asOf = parseAsOf(asOfText);
  const ruleset = loadOrReport(file);
  if (!ruleset) return EXIT_NOT_CHECKED;
  const { showRuleset } = await import('./ruleset/show.js');
  process.stdout.write(showRuleset(ruleset, asOf));
  return EXIT_OK;
}

function describeWriteError(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'a folder on the output path does not exist';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'the output path is a folder';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function buildProgram(run: (code: number) => void, flags: GlobalFlags): Command {
  const program = new Command('moc-check')
    .description("Check councils' agency social-worker assignments against a region's Memorandum of Cooperation and the national agency rules.")
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .option('--debug', 'show stack traces for internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(sanitizeLines(s)), writeOut: (s) => process.stdout.write(s) })
    .addHelpText('after', `
Examples:
  moc-check check --rules rules/south-east.yaml exports/kent-2025-11.csv
  moc-check rules validate rules/south-east.yaml
  moc-check rules show rules/south-east.yaml

Exit codes: 0 no failing breach or data error, 1 breaches or data errors, 2 not checked.`);
  program.hook('preAction', (cmd) => {
    flags.debug = Boolean(cmd.opts().debug);
  });

  program
    .command('check')
    .description('check assignment exports (CSV) against a ruleset and print the report')
    .argument('<files...>', 'agency assignment exports (CSV)')
    .requiredOption('--rules <file>', 'the ruleset (YAML)')
    .option('--leavers <file>', 'a leavers register (CSV); repeatable', collect, [])
    .option('--as-of <date>', 'the reporting date, YYYY-MM-DD (default: today)')
    .addOption(new Option('--format <format>', 'report format').choices(FORMAT_NAMES).default('table'))
    .option('--output <file>', 'write the report to this file instead of stdout (written whole or not at all)')
    .option('--write <format=path>', 'also write a report in another format, e.g. csv=oct.csv; repeatable', collect, [])
    .option('--baseline <report.json>', 'a previous JSON report: breaches already in it are marked known and do not fail the run')
    .option('--names', 'show worker names (personal data) in the reports that can hold them')
    .option('--redact', 'no worker names anywhere; SWE numbers replaced by pseudonyms (key: MOC_CHECK_PSEUDONYM_KEY)')
    .addOption(new Option('--fail-on <level>', 'which breaches make the exit code 1').choices(['error', 'warning', 'never']).default('error'))
    .option('--no-color', 'no colour in the terminal report (also NO_COLOR)')
    .option('--verbose', 'list unknown findings one per line')
    .addHelpText('after', `
Examples:
  HR lead, monthly check:
    moc-check check --rules rules/south-east.yaml exports/kent-2025-11.csv
  Regional group, every council plus the shared leavers register:
    moc-check check --rules rules/south-east.yaml --leavers leavers.csv exports/*.csv
  CI, machine-readable:
    moc-check check --rules rules/south-east.yaml --format json --output report.json exports/*.csv
  Board paper and spreadsheet from one run:
    moc-check check --rules rules/south-east.yaml --write markdown=oct.md --write csv=oct.csv exports/*.csv
  Read the export from standard input:
    cat kent.csv | moc-check check --rules rules/south-east.yaml -`)
    .action(async (files: string[], opts: CheckFlags) => run(await checkCommand(files, opts)));

  program
    .command('diff')
    .description('compare two JSON reports: new, resolved and persisting breaches, exemption status changes')
    .argument('<old>', 'the earlier report (--format json)')
    .argument('<new>', 'the later report (--format json)')
    .addOption(new Option('--format <format>', 'output format').choices([...DIFF_FORMATS]).default('table'))
    .option('--output <file>', 'write to this file instead of stdout')
    .addHelpText('after', '\nExit code 1 when there are new breaches.\n\nExample:\n  moc-check diff reports/2025-10.json reports/2025-11.json --format markdown')
    .action(async (oldPath: string, newPath: string, opts: { format: DiffFormat; output?: string }) => run(await diffCommand(oldPath, newPath, opts)));

  program
    .command('schema')
    .description('print a JSON Schema generated from the zod schemas: rules (for editors) or report (for consumers)')
    .addArgument(new Argument('<which>', 'which schema').choices(['rules', 'report']))
    .addHelpText('after', '\nExample:\n  moc-check schema rules > rules.schema.json\n\nThe same schemas are committed under schema/; shipped rulesets point editors at them with\n  # yaml-language-server: $schema=../schema/rules.schema.json')
    .action(async (which: 'rules' | 'report') => {
      const { jsonSchemaText } = await import('./schemas.js');
      process.stdout.write(jsonSchemaText(which));
      run(EXIT_OK);
    });

  const rules = program
    .command('rules')
    .description('work with rulesets: validate them, or show one merged')
    .addHelpText('after', '\nExamples:\n  moc-check rules validate rules/*.yaml\n  moc-check rules show rules/south-east.yaml --as-of 2025-11-30');
  rules
    .command('validate')
    .description('validate rulesets; every problem is printed as file:line:column: message')
    .argument('<files...>', 'rulesets (YAML)')
    .addHelpText('after', '\nExample:\n  moc-check rules validate rules/south-east.yaml rules/london-2016.yaml')
    .action(async (files: string[]) => run(await validateCommand(files)));
  rules
    .command('show')
    .description('print the merged ruleset as a person reads it')
    .argument('<file>', 'ruleset (YAML)')
    .option('--as-of <date>', 'the date for exemption statuses, YYYY-MM-DD (default: today)')
    .addHelpText('after', '\nExample:\n  moc-check rules show rules/south-east.yaml --as-of 2025-11-30')
    .action(async (file: string, opts: { asOf?: string }) => run(await showCommand(file, opts.asOf)));
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const flags: GlobalFlags = { debug: argv.includes('--debug') };
  let code = EXIT_OK;
  try {
    const program = buildProgram((c) => {
      code = c;
    }, flags);
    await program.parseAsync(argv);
  } catch (err) {
    code = handleError(err, flags);
  }
  if (interruptedBy) code = EXIT_NOT_CHECKED;
  if (code === EXIT_NOT_CHECKED && !reportOnStdout && wantsJsonOnStdout(argv)) {
    const error = notChecked ?? { code: 'usage', message: 'nothing was checked' };
    process.stdout.write(JSON.stringify({ format: 'moc-error/v1', tool: { name: 'moc-check', version: TOOL_VERSION }, checked: false, error }, null, 2) + '\n');
  }
  process.exitCode = code;
}

function handleError(err: unknown, flags: GlobalFlags): number {
  if (err instanceof CommanderError) {
    // help and version are "errors" only to commander
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
    notChecked = { code: 'usage', message: err.message.replace(/^error: /, '') };
    return EXIT_NOT_CHECKED;
  }
  if (err instanceof UsageError) {
    say(`moc-check: ${err.message}`);
    notChecked = { code: err.kind, message: err.message };
    return EXIT_NOT_CHECKED;
  }
  const message = err instanceof Error ? err.message : String(err);
  notChecked = { code: 'internal', message };
  say(`moc-check: ${message}`);
  if (flags.debug && err instanceof Error && err.stack) say(err.stack);
  else say('(run again with --debug for details)');
  return EXIT_NOT_CHECKED;
}

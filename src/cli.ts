// The command line: parses arguments, calls the core, writes output, sets the exit code.
// No checking logic lives here.
import { Command, CommanderError, Option } from 'commander';
import { runCheck } from './check.js';
import { parseIsoDate, todayLocal } from './dates.js';
import { EXIT_NOT_CHECKED, EXIT_OK, exitCodeFor } from './exit.js';
import { samePath, writeFileAtomic } from './output.js';
import { FORMAT_NAMES, isFormatName, loadFormatter } from './report/index.js';
import { formatProblem, loadRuleset } from './ruleset/load.js';
import type { FailOn, Ruleset } from './types.js';
import { TOOL_VERSION } from './version.js';

/** A problem with how the tool was called: message to stderr, exit 2. */
class UsageError extends Error {}

interface GlobalFlags {
  debug: boolean;
}

function say(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : text + '\n');
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
  say(`moc-check: the ruleset ${path} has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; nothing was checked`);
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
  failOn: FailOn;
  color?: boolean;
  verbose?: boolean;
}

async function checkCommand(files: string[], flags: CheckFlags): Promise<number> {
  if (files.length === 0) throw new UsageError('no assignments file named: give at least one CSV file to check');
  if (!isFormatName(flags.format)) throw new UsageError(`--format "${flags.format}" is not one of ${FORMAT_NAMES.join(', ')}`);
  const asOf = parseAsOf(flags.asOf);
  if (flags.output !== undefined) {
    for (const input of [...files, ...flags.leavers, flags.rules]) {
      if (samePath(input, flags.output)) throw new UsageError(`--output ${flags.output} is one of the input files; refusing to overwrite it`);
    }
  }
  const ruleset = loadOrReport(flags.rules);
  if (!ruleset) return EXIT_NOT_CHECKED;
  warnIfIllustrative(ruleset);

  const report = runCheck({ ruleset, files, leavers: flags.leavers, asOf });
  const formatter = await loadFormatter(flags.format);
  const stream = process.stdout;
  const text = formatter(report, {
    ruleset,
    color: flags.output === undefined ? useColor(flags.color, stream) : false,
    verbose: Boolean(flags.verbose),
  });
  if (flags.output !== undefined) {
    writeFileAtomic(flags.output, text);
    say(`moc-check: wrote the ${flags.format} report to ${flags.output}`);
  } else {
    stream.write(text);
  }
  const s = report.summary;
  say(`moc-check: ${s.rows} rows, ${s.checked} checked: ${s.breaches} breaches, ${s.exempted} exempted, ${s.unknown} unknown, ${s.data_errors} data errors, ${s.data_warnings} data warnings`);
  return exitCodeFor(report, flags.failOn);
}

async function validateCommand(files: string[]): Promise<number> {
  let failed = false;
  for (const file of files) {
    const result = loadRuleset(file);
    if (result.ok) {
      const rs = result.ruleset;
      process.stdout.write(`${file}: ok — ${rs.id} version ${rs.version} (${rs.status}), ${rs.rules.length} rules, ${rs.exemptions.length} exemptions\n`);
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
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
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
    moc-check check --rules rules/south-east.yaml --format json --output report.json exports/*.csv`)
    .action(async (files: string[], opts: CheckFlags) => run(await checkCommand(files, opts)));

  const rules = program.command('rules').description('work with rulesets');
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
  process.exitCode = code;
}

function handleError(err: unknown, flags: GlobalFlags): number {
  if (err instanceof CommanderError) {
    // help and version are "errors" only to commander
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
    return EXIT_NOT_CHECKED;
  }
  if (err instanceof UsageError) {
    say(`moc-check: ${err.message}`);
    return EXIT_NOT_CHECKED;
  }
  const message = err instanceof Error ? err.message : String(err);
  say(`moc-check: ${message}`);
  if (flags.debug && err instanceof Error && err.stack) say(err.stack);
  else say('(run again with --debug for details)');
  return EXIT_NOT_CHECKED;
}

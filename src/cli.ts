// The command line, arguments only: commander definitions and `main`. Each command
// lives in src/commands/ and returns an Outcome; output emission is src/emit.ts,
// signal handling src/signals.ts. No checking logic lives here.
import { Argument, Command, CommanderError, Option } from 'commander';
import type { CheckFlags } from './commands/check.js';
import { UsageError, processIo, say, type Io, type NotChecked, type Outcome } from './commands/common.js';
import type { DiffFlags } from './commands/diff.js';
import type { InitFlags } from './commands/init.js';
import type { ReturnFlags } from './commands/return.js';
import { EXIT_NOT_CHECKED, EXIT_OK } from './exit.js';
import { describeWriteError } from './output.js';
import { OutOfMemory } from './signals.js';
import { DIFF_FORMATS } from './report/diff-format-names.js';
import { FORMAT_NAMES } from './report/index.js';
import { escapeJsonForTerminal, sanitizeLines } from './text.js';
import { TOOL_VERSION } from './version.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The program; `done` receives the outcome of the command that ran. */
export function buildProgram(io: Io, done: (outcome: Outcome) => void, flags: { debug: boolean }): Command {
  const program = new Command('moc-check')
    .description("Check councils' agency social-worker assignments against a region's Memorandum of Cooperation and the national agency rules.")
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .option('--debug', 'show stack traces for internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => io.stderr.write(sanitizeLines(s)), writeOut: (s) => io.stdout.write(s) })
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
    .option('--starters <file>', 'a permanent starters register (CSV or xlsx), for the head_hunting rules; repeatable', collect, [])
    .option('--profile <file>', 'a profile (YAML) saying how an export layout is read; repeatable (see docs/profiles.md)', collect, [])
    .option('--as-of <date>', "the reporting date, YYYY-MM-DD (default: the period's last day, else today)")
    .option('--period <period>', 'check only the assignments of a month (2025-11), quarter (2025-Q3) or range (2025-07-01..2025-09-30)')
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
    .action(async (files: string[], opts: CheckFlags) => done(await (await import('./commands/check.js')).checkCommand(io, files, opts)));

  program
    .command('diff')
    .description('compare two JSON reports: new, resolved and persisting breaches, exemption status changes')
    .argument('<old>', 'the earlier report (--format json)')
    .argument('<new>', 'the later report (--format json)')
    .addOption(new Option('--format <format>', 'output format').choices([...DIFF_FORMATS]).default('table'))
    .option('--output <file>', 'write to this file instead of stdout')
    .addHelpText('after', '\nExit code 1 when there are new breaches.\n\nExample:\n  moc-check diff reports/2025-10.json reports/2025-11.json --format markdown')
    .action(async (oldPath: string, newPath: string, opts: DiffFlags) => done(await (await import('./commands/diff.js')).diffCommand(io, oldPath, newPath, opts)));

  program
    .command('trend')
    .description('monthly JSON reports (any order) as a time series: breaches by rule and council, exemptions, spend above caps')
    .argument('<reports...>', 'JSON reports of several months (check --format json)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'markdown', 'json', 'html']).default('table'))
    .option('--output <file>', 'write to this file instead of stdout (written whole or not at all)')
    .option('--no-color', 'no colour in the table (also NO_COLOR)')
    .option('--rules <file>', "optional: the reports' ruleset, for its rule order and titles and the region's council names")
    .addHelpText('after', '\nExample:\n  moc-check trend reports/2025-*.json --format html --output trend.html')
    .action(async (files: string[], opts: { format: string; output?: string; color?: boolean; rules?: string }) =>
      done(await (await import('./commands/trend.js')).trendCommand(io, files, opts)),
    );

  program
    .command('return')
    .description("the DfE quarterly data return: councils, compliance, assignments, sign-offs and notes (xlsx, csv, json or markdown)")
    .argument('<files...>', 'agency assignment exports')
    .requiredOption('--rules <file>', 'the ruleset (YAML)')
    .requiredOption('--period <period>', 'the return period: a quarter (2025-Q3), a month (2025-11) or a range (2025-07-01..2025-09-30)')
    .option('--as-of <date>', "the reporting date, YYYY-MM-DD (default: the period's last day)")
    .option('--leavers <file>', 'a leavers register (CSV); repeatable', collect, [])
    .option('--profile <file>', 'a profile (YAML) saying how an export layout is read; repeatable (see docs/profiles.md)', collect, [])
    .option('--format <format>', 'xlsx, csv (one file per sheet into a folder), json or markdown (default: from --output, else markdown)')
    .option('--output <path>', 'the workbook, JSON or markdown file, or the folder for CSV files')
    .option('--redact', 'SWE numbers replaced by pseudonyms (key: MOC_CHECK_PSEUDONYM_KEY); worker names never appear')
    .addHelpText('after', '\nExamples:\n  moc-check return --rules rules/south-east.yaml --period 2025-Q3 --output kent-2025-Q3.xlsx exports/kent-*.csv\n  moc-check return --rules rules/south-east.yaml --period 2025-Q3 exports/*.csv   # markdown summary\n\nExit 0 when the return was written (breaches and data errors included), 2 when not.')
    .action(async (files: string[], opts: ReturnFlags) => done(await (await import('./commands/return.js')).returnCommand(io, files, opts)));

  program
    .command('schema')
    .description('print a JSON Schema generated from the zod schemas: rules (for editors) or report (for consumers)')
    .addArgument(new Argument('<which>', 'which schema').choices(['rules', 'report', 'return', 'trend', 'profile']))
    .addHelpText('after', '\nExample:\n  moc-check schema rules > rules.schema.json\n\nThe same schemas are committed under schema/; shipped rulesets point editors at them with\n  # yaml-language-server: $schema=../schema/rules.schema.json')
    .action(async (which: 'rules' | 'report' | 'return' | 'trend' | 'profile') => done(await (await import('./commands/schema.js')).schemaCommand(io, which)));

  program
    .command('init')
    .description('write a draft profile (YAML) from a sample export: its headers matched to columns, what is missing, values to map')
    .argument('<file>', 'a sample export (CSV or .xlsx), or - for standard input')
    .option('--rules <file>', 'the ruleset whose roles, council names and column names the draft is read against (default: national-dfe-2024)')
    .addOption(new Option('--kind <kind>', 'what the file is').choices(['assignments', 'leavers', 'starters']).default('assignments'))
    .option('--output <file>', 'write the draft to this file (whole) instead of stdout; an existing file is not replaced')
    .option('--force', 'with --output: replace an existing file')
    .option('--sheet <name>', 'the worksheet of a workbook to read (default: the first visible one); written into the draft')
    .addHelpText('after', '\nExamples:\n  moc-check init exports/kent-2025-11.xlsx --rules south-east --output profiles/kent.yaml\n  moc-check init leavers.csv --kind leavers > profiles/leavers.yaml\n\nFill in every TODO, then: moc-check check --rules south-east --profile profiles/kent.yaml exports/kent-*.xlsx')
    .action(async (file: string, opts: InitFlags) => done(await (await import('./commands/init.js')).initCommand(io, file, opts)));

  const rules = program
    .command('rules')
    .description('work with rulesets: validate them, show one merged, or list the shipped ones')
    .addHelpText('after', '\nExamples:\n  moc-check rules validate rules/*.yaml\n  moc-check rules show rules/south-east.yaml --as-of 2025-11-30\n  moc-check rules list');
  rules
    .command('list')
    .description('name the rulesets shipped with moc-check (usable by name: --rules south-east), with status and sources')
    .addHelpText('after', '\nExample:\n  moc-check rules list\n  moc-check rules show south-east')
    .action(async () => done(await (await import('./commands/rules.js')).listCommand(io)));
  rules
    .command('validate')
    .description('validate rulesets; every problem is printed as file:line:column: message')
    .argument('<files...>', 'rulesets (YAML)')
    .addHelpText('after', '\nExample:\n  moc-check rules validate rules/south-east.yaml rules/london-2016.yaml')
    .action(async (files: string[]) => done(await (await import('./commands/rules.js')).validateCommand(io, files)));
  rules
    .command('show')
    .description('print the merged ruleset as a person reads it')
    .argument('<file>', 'ruleset (YAML)')
    .option('--as-of <date>', 'the date for exemption statuses, YYYY-MM-DD (default: today)')
    .addHelpText('after', '\nExample:\n  moc-check rules show rules/south-east.yaml --as-of 2025-11-30')
    .action(async (file: string, opts: { asOf?: string }) => done(await (await import('./commands/rules.js')).showCommand(io, file, opts.asOf)));
  return program;
}

/** With `--format json` and no `--output`, a run that checked nothing still prints one JSON document. */
function wantsJsonOnStdout(argv: string[]): boolean {
  const args = argv.slice(2);
  if (args.some((a) => a === '--output' || a.startsWith('--output='))) return false;
  const i = args.lastIndexOf('--format');
  return (i >= 0 && args[i + 1] === 'json') || args.includes('--format=json');
}

/** Runs the command line `argv` (as process.argv: node, script, arguments…) and returns its exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  const flags = { debug: argv.includes('--debug') };
  // Whatever a command wrote to stdout stands: an error document is never added after it.
  let stdoutUsed = false;
  const out = io.stdout;
  const runIo: Io = {
    ...io,
    stdout: {
      isTTY: out.isTTY,
      get columns() {
        return out.columns;
      },
      get stopped() {
        return out.stopped;
      },
      write: (text) => ((stdoutUsed = true), out.write(text)),
      drain: () => out.drain?.() ?? Promise.resolve(),
    },
  };
  let outcome: Outcome = { code: EXIT_OK };
  try {
    await buildProgram(runIo, (o) => (outcome = o), flags).parseAsync(argv);
  } catch (err) {
    outcome = outcomeOfError(runIo, err, flags.debug);
  }
  if (outcome.code === EXIT_NOT_CHECKED && !stdoutUsed && wantsJsonOnStdout(argv)) {
    const error: NotChecked = outcome.notChecked ?? { code: 'usage', message: 'nothing was checked' };
    const doc = JSON.stringify({ format: 'moc-error/v1', tool: { name: 'moc-check', version: TOOL_VERSION }, checked: false, error }, null, 2);
    // JSON escapes C0 controls itself; C1 controls and bidi overrides in an echoed argument are escaped too
    out.write(escapeJsonForTerminal(doc) + '\n');
  }
  const failure = (await out.finish?.()) ?? null;
  if (failure) {
    // not reported: the output is incomplete, whatever the check found
    say(io, `moc-check: could not write to standard output: ${describeWriteError(failure)}; the output is incomplete`);
    return EXIT_NOT_CHECKED;
  }
  return outcome.code;
}

export async function main(argv: string[]): Promise<void> {
  process.exitCode = await run(argv, processIo());
}

function outcomeOfError(io: Io, err: unknown, debug: boolean): Outcome {
  if (err instanceof CommanderError) {
    // help and version are "errors" only to commander
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return { code: EXIT_OK };
    return { code: EXIT_NOT_CHECKED, notChecked: { code: 'usage', message: err.message.replace(/^error: /, '') } };
  }
  if (err instanceof OutOfMemory) {
    say(io, `moc-check: ${err.message}`);
    return { code: EXIT_NOT_CHECKED, notChecked: { code: 'memory', message: err.message } };
  }
  if (err instanceof UsageError) {
    say(io, `moc-check: ${err.message}`);
    const notChecked: NotChecked = { code: err.kind, message: err.message };
    if (err.problems) notChecked.problems = err.problems;
    return { code: EXIT_NOT_CHECKED, notChecked };
  }
  const message = err instanceof Error ? err.message : String(err);
  say(io, `moc-check: ${message}`);
  if (debug && err instanceof Error && err.stack) say(io, err.stack);
  else say(io, '(run again with --debug for details)');
  return { code: EXIT_NOT_CHECKED, notChecked: { code: 'internal', message } };
}

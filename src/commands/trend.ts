// `moc-check trend REPORT.json...`: monthly JSON reports (any order) as a time series.
// Exit 0 when the trend was written; 2 when not: a report that cannot be read, is cut
// short or is not a moc-check report (named), reports of different rulesets, two
// reports for one month, or an output problem. Breaches never change the exit code:
// the trend is a document, not a gate.
import { useColor } from '../emit.js';
import { EXIT_OK } from '../exit.js';
import { describeWriteError, writeFileAtomic } from '../output.js';
import { readReportFile } from '../report/read.js';
import { TREND_FORMATS, loadTrendFormatter } from '../trend/format.js';
import { terminalColumns } from '../width.js';
import { TrendError, buildTrend, type TrendSource } from '../trend/series.js';
import { expandFileArguments } from './globs.js';
import { UsageError, checkOutputPaths, loadOrFail, plural, say, type Io, type Outcome } from './common.js';

export interface TrendFlags {
  format: string;
  output?: string;
  color?: boolean;
  /** optional: the ruleset, for the rules' order and titles and the region's council names */
  rules?: string;
}

export async function trendCommand(io: Io, typedFiles: string[], flags: TrendFlags): Promise<Outcome> {
  const files = await expandFileArguments(typedFiles);
  if (!TREND_FORMATS.includes(flags.format)) throw new UsageError(`--format "${flags.format}" is not one of ${TREND_FORMATS.join(', ')}`);
  if (files.length === 0) throw new UsageError('no report named: give the JSON reports of several months (moc-check check --format json)');
  if (flags.output !== undefined) checkOutputPaths([{ format: flags.format, path: flags.output }], [...files, ...(flags.rules ? [flags.rules] : [])]);
  const ruleset = flags.rules === undefined ? undefined : loadOrFail(io, flags.rules);
  const sources: TrendSource[] = [];
  for (const file of files) {
    try {
      sources.push({ file, report: await readReportFile(file) });
    } catch (err) {
      throw new UsageError(`${(err as Error).message}; no trend was written`);
    }
  }
  let trend;
  try {
    trend = buildTrend(
      sources,
      ruleset && { id: ruleset.id, rules: ruleset.rules, councilNames: ruleset.region.las },
    );
  } catch (err) {
    if (err instanceof TrendError) throw new UsageError(`${err.message}; no trend was written`);
    throw err;
  }
  const color = flags.format === 'table' && flags.output === undefined && useColor(flags.color === false, io.stdout, io.env);
  const columns = terminalColumns({ stream: flags.output === undefined ? io.stdout : {}, env: io.env });
  const text = (await loadTrendFormatter(flags.format))(trend, { color, columns });
  const gaps = trend.points.filter((p) => p.figures === null).length;
  const summary = `moc-check: trend over ${plural(trend.points.length, trend.granularity)} from ${plural(sources.length, 'report')}${gaps > 0 ? `, ${gaps} without a report` : ''}`;
  if (flags.output === undefined) {
    io.stdout.write(text);
    say(io, summary);
    return { code: EXIT_OK };
  }
  try {
    writeFileAtomic(flags.output, text);
  } catch (err) {
    throw new UsageError(`could not write ${flags.output}: ${describeWriteError(err)}; nothing half-written was left behind`, 'output');
  }
  say(io, `moc-check: wrote the ${flags.format} trend to ${flags.output}`);
  say(io, summary);
  return { code: EXIT_OK, written: [flags.output] };
}

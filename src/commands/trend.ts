// `moc-check trend REPORT.json...`: monthly JSON reports (any order) as a time series.
// Exit 0 when the trend was written; 2 when not: a report that cannot be read, is cut
// short or is not a moc-check report (named), reports of different rulesets, two
// reports for one month, or an output problem. Breaches never change the exit code:
// the trend is a document, not a gate.
import { writeFileAtomic, samePath } from '../output.js';
import { readReportFile } from '../report/read.js';
import { TREND_FORMATS, loadTrendFormatter } from '../trend/format.js';
import { TrendError, buildTrend, type TrendSource } from '../trend/series.js';

export const TREND_FORMAT_NAMES = TREND_FORMATS;

export interface TrendFlags {
  format: string;
  output?: string;
  color?: boolean;
}

export interface TrendIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
}

/** Runs the command; every refusal is one plain line on stderr and exit code 2. */
export async function trendCommand(io: TrendIo, files: string[], flags: TrendFlags): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`moc-check: ${message}\n`);
    return 2;
  };
  if (!TREND_FORMATS.includes(flags.format)) return fail(`--format "${flags.format}" is not one of ${TREND_FORMATS.join(', ')}`);
  if (files.length === 0) return fail('no report named: give the JSON reports of several months (moc-check check --format json)');
  if (flags.output !== undefined) {
    const output = flags.output;
    const clash = files.find((f) => samePath(f, output));
    if (clash !== undefined) return fail(`the output ${output} is one of the reports read; refusing to overwrite it`);
  }
  const sources: TrendSource[] = [];
  for (const file of files) {
    try {
      sources.push({ file, report: readReportFile(file) });
    } catch (err) {
      return fail(`${(err as Error).message}; no trend was written`);
    }
  }
  let trend;
  try {
    trend = buildTrend(sources);
  } catch (err) {
    if (err instanceof TrendError) return fail(`${err.message}; no trend was written`);
    throw err;
  }
  const noColor = io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '';
  const color = flags.format === 'table' && flags.output === undefined && flags.color !== false && !noColor && Boolean(io.stdout.isTTY);
  const text = (await loadTrendFormatter(flags.format))(trend, { color });
  if (flags.output === undefined) {
    io.stdout.write(text);
  } else {
    try {
      writeFileAtomic(flags.output, text);
    } catch (err) {
      return fail(`could not write ${flags.output}: ${(err as Error).message}; nothing half-written was left behind`);
    }
    io.stderr.write(`moc-check: wrote the ${flags.format} trend to ${flags.output}\n`);
  }
  const gaps = trend.points.filter((p) => p.figures === null).length;
  io.stderr.write(`moc-check: trend over ${trend.points.length} ${trend.granularity}${trend.points.length === 1 ? '' : 's'} from ${sources.length} report${sources.length === 1 ? '' : 's'}${gaps > 0 ? `, ${gaps} without a report` : ''}\n`);
  return 0;
}

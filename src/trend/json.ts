// `trend --format json`: the series as one document, `moc-trend/v1`. A gap month has
// `"report": null` and no figures, so a reader cannot mistake it for a month of zeros.
import { TOOL_VERSION } from '../version.js';
import { escapeJsonForTerminal } from '../text.js';
import type { TrendFormatOptions } from './format-types.js';
import type { Trend } from './series.js';

export function trendDocument(trend: Trend): Record<string, unknown> {
  return {
    format: 'moc-trend/v1',
    tool: { name: 'moc-check', version: TOOL_VERSION },
    ruleset: trend.ruleset,
    granularity: trend.granularity,
    rules: trend.rules,
    ...(trend.ruleTitles ? { rule_titles: trend.ruleTitles } : {}),
    councils: trend.councils,
    exemptions: trend.exemptions,
    points: trend.points.map((p) => (p.figures ? { key: p.key, gap: false, report: p.figures.file, ...withoutFile(p.figures) } : { key: p.key, gap: true, report: null })),
  };
}

function withoutFile<T extends { file: string }>(figures: T): Omit<T, 'file'> {
  const { file: _file, ...rest } = figures;
  return rest;
}

export function formatTrendJson(trend: Trend, _options: TrendFormatOptions): string {
  return escapeJsonForTerminal(JSON.stringify(trendDocument(trend), null, 2)) + '\n';
}

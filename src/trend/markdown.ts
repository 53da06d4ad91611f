// `trend --format markdown`: the same views as pipe tables, for a board paper.
import { mdCell } from '../report/markdown-text.js';
import type { TrendFormatOptions } from './format-types.js';
import type { Trend } from './series.js';
import { allViews, GAP_TEXT, headline } from './view.js';

export function formatTrendMarkdown(trend: Trend, _options: TrendFormatOptions): string {
  const out: string[] = [`# ${mdCell(`Trend: ruleset ${trend.ruleset.id}`)}`, '', mdCell(headline(trend)) + '.', ''];
  if (trend.ruleset.status === 'illustrative') out.push('> **Illustrative ruleset**: its caps and exemptions are examples, not adopted figures.', '');
  for (const view of allViews(trend)) {
    out.push(`## ${mdCell(view.title)}`, '', mdCell(view.note), '');
    if (view.rows.length === 0) {
      out.push('None.', '');
      continue;
    }
    out.push(`| | ${trend.points.map((p) => p.key).join(' | ')} |`);
    out.push(`| --- |${trend.points.map(() => ' ---: |').join('')}`);
    for (const row of view.rows) {
      const label = row.sublabel ? `${mdCell(row.sublabel)} (${mdCell(row.label)})` : mdCell(row.label);
      out.push(`| ${label} | ${row.cells.map((cell) => (cell.gap ? `*${GAP_TEXT}*` : mdCell(cell.text))).join(' | ')} |`);
    }
    out.push('');
  }
  if (trend.points.some((p) => p.figures === null)) out.push(`*${GAP_TEXT}*: no report was given for that ${trend.granularity}; it is a gap, not zero.`, '');
  return out.join('\n');
}

// `trend --format table`: the months as columns, one table per view.
import { Chalk } from 'chalk';
import { drawGrids, splitGrid, type Grid } from '../report/table-fit.js';
import { DEFAULT_COLUMNS } from '../width.js';
import { sanitizeText } from '../text.js';
import type { TrendFormatOptions } from './format-types.js';
import type { Trend } from './series.js';
import { allViews, GAP_TEXT, headline } from './view.js';

export function formatTrendTable(trend: Trend, options: TrendFormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [c.bold(sanitizeText(headline(trend))), ''];
  if (trend.ruleset.status === 'illustrative') out.splice(1, 0, c.yellow('warning: an illustrative ruleset: its caps and exemptions are examples, not adopted figures'));
  for (const view of allViews(trend)) {
    out.push(c.bold(view.title), `  ${sanitizeText(view.note)}`);
    if (view.rows.length === 0) {
      out.push('  None.', '');
      continue;
    }
    const grid: Grid = { head: ['', ...trend.points.map((p) => p.key)].map((h) => c.bold(h)), rows: [] };
    for (const row of view.rows) {
      const label = sanitizeText(row.sublabel ? `${row.sublabel} (${row.label})` : row.label);
      grid.rows.push([label, ...row.cells.map((cell) => (cell.gap ? c.dim(GAP_TEXT) : sanitizeText(cell.text)))]);
    }
    // A year of months is wider than a terminal: the months go on in a second table
    // under the first, the row labels repeated, rather than lines wrapping mid-row.
    out.push(drawGrids(splitGrid(grid, 1, options.columns ?? DEFAULT_COLUMNS)), '');
  }
  if (trend.points.some((p) => p.figures === null)) out.push(`"${GAP_TEXT}": no report was given for that ${trend.granularity}; it is a gap, not zero.`);
  return out.join('\n') + '\n';
}

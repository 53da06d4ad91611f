// What every trend format shows, as rows of cells, one cell per month: the table,
// markdown and HTML formats render these same rows, so their figures always agree.
// Text here is not yet escaped: each format neutralises it for its own medium.
import { formatPounds } from '../money.js';
import type { Trend, TrendFigures } from './series.js';

/** A month with no report: shown as a gap, never as 0. */
export const GAP_TEXT = 'no report';
/** A figure that does not apply in a month that has a report (a council with no checked rows). */
export const NONE_TEXT = '–';

export interface TrendCell {
  text: string;
  /** the number behind the text, for charts; null for a gap or a figure that does not apply */
  value: number | null;
  gap: boolean;
}

export interface TrendRow {
  label: string;
  /** a council's name, shown beside its code */
  sublabel?: string;
  cells: TrendCell[];
}

export interface TrendView {
  title: string;
  /** one line saying what the rows count */
  note: string;
  rows: TrendRow[];
}

const gapCell: TrendCell = { text: GAP_TEXT, value: null, gap: true };

function countCell(n: number | null): TrendCell {
  return n === null ? { text: NONE_TEXT, value: null, gap: false } : { text: String(n), value: n, gap: false };
}

export function percentText(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function row(trend: Trend, label: string, cell: (f: TrendFigures) => TrendCell, sublabel?: string): TrendRow {
  return { label, ...(sublabel ? { sublabel } : {}), cells: trend.points.map((p) => (p.figures ? cell(p.figures) : gapCell)) };
}

/** The headline figures per month. */
export function summaryView(trend: Trend): TrendView {
  const rows: TrendRow[] = [
    row(trend, 'Assignments checked', (f) => countCell(f.checked)),
    row(trend, 'Breaches', (f) => countCell(f.breaches)),
    row(trend, 'Exempted', (f) => countCell(f.exempted)),
    row(trend, 'Unknown', (f) => countCell(f.unknown)),
    row(trend, 'Assignments with no breach', (f) =>
      f.no_breach_share === null ? { text: NONE_TEXT, value: null, gap: false } : { text: percentText(f.no_breach_share), value: f.no_breach_share, gap: false },
    ),
    row(trend, 'Spend above caps (est. per month)', (f) => ({
      text: formatPounds(f.spend_above_caps_pence) + (f.spend_unpriced > 0 ? ` (${f.spend_unpriced} unpriced)` : ''),
      value: f.spend_above_caps_pence / 100,
      gap: false,
    })),
    row(trend, 'Data errors', (f) => countCell(f.data_errors)),
    row(trend, 'Ruleset version', (f) => ({ text: f.ruleset_version, value: null, gap: false })),
    row(trend, 'As of', (f) => ({ text: f.as_of, value: null, gap: false })),
  ];
  return { title: 'Month by month', note: 'Breaches, exempted and unknown count findings; the share and the spend are per checked assignment.', rows };
}

export function byRuleView(trend: Trend): TrendView {
  return {
    title: 'Breaches by rule',
    note: 'Breaches (not exempted) of each rule.',
    rows: trend.rules.map((id) => row(trend, id, (f) => countCell(f.breaches_by_rule[id] ?? 0), trend.ruleTitles?.[id])),
  };
}

export function byCouncilView(trend: Trend): TrendView {
  return {
    title: 'Breaches by council',
    note: `Breaches (not exempted) at each council; ${NONE_TEXT} where the council had no checked assignment that month.`,
    rows: trend.councils.map((c) => row(trend, c.la_code, (f) => countCell(f.breaches_by_council[c.la_code] ?? null), c.la_name ?? undefined)),
  };
}

export function exemptionsView(trend: Trend): TrendView {
  return {
    title: 'Exemptions',
    note: `Each exemption's status on the month's as-of date, and the breaches it covered (applied); ${NONE_TEXT} where the report does not list it.`,
    rows: trend.exemptions.map((id) =>
      row(trend, id, (f) => {
        const e = f.exemptions[id];
        return e ? { text: `${e.status} (${e.applied})`, value: e.applied, gap: false } : { text: NONE_TEXT, value: null, gap: false };
      }),
    ),
  };
}

export function allViews(trend: Trend): TrendView[] {
  return [summaryView(trend), byRuleView(trend), byCouncilView(trend), exemptionsView(trend)];
}

/** One line for people: the ruleset, the span and the gaps. */
export function headline(trend: Trend): string {
  const points = trend.points;
  const gaps = points.filter((p) => p.figures === null).map((p) => p.key);
  const unit = trend.granularity;
  const span = `${points.length} ${unit}${points.length === 1 ? '' : 's'}, ${points[0]!.key} to ${points[points.length - 1]!.key}`;
  const versions = trend.ruleset.versions.length === 1 ? `version ${trend.ruleset.versions[0]}` : `versions ${trend.ruleset.versions.join(', ')}`;
  const gapText = gaps.length === 0 ? 'no gaps' : `no report for ${gaps.join(', ')}`;
  return `Trend for ruleset ${trend.ruleset.id} (${versions}): ${span}; ${gapText}`;
}

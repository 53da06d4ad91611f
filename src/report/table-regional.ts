// The council × rule table of the terminal report (issue 3), fitted to the terminal
// (issue 15 item 1). Layouts, fullest first; the first that fits is drawn:
//   1. councils as rows, one column per rule headed by its id;
//   2. the same with short rule headings (R1, R2, …) and a legend below;
//   3. turned: rules as rows, councils as columns (more rules than room);
//   4. turned and split: the council columns in several tables, the rule labels in each.
// Numbers are never cut: only headings and names are broken, at spaces.
import type { ChalkInstance } from 'chalk';
import { formatPounds } from '../money.js';
import type { Ruleset } from '../types.js';
import { sanitizeText as s } from '../text.js';
import { wrapCells } from '../width.js';
import type { RegionalRow, RegionalTable } from './regional.js';
import { colourLines, drawGrid, drawGrids, gridWidth, splitGrid, wrapCell, type Grid } from './table-fit.js';

const INTRO = 'Breaches per council and rule, exempted in brackets; estimated monthly spend above the caps = (rate − cap) × hours × 52 / 12.';

/** A council's heading in a turned table: its name broken at spaces, its code below. */
const COUNCIL_HEAD_WIDTH = 12;

interface Cells {
  rule: (row: RegionalRow, id: string) => string;
  unknown: (row: RegionalRow) => string;
  noBreach: (row: RegionalRow) => string;
  spend: (row: RegionalRow, narrow: boolean) => string;
}

function cellsFor(c: ChalkInstance): Cells {
  return {
    rule: (row, id) => {
      const n = row.rules.get(id) ?? { breaches: 0, exempted: 0 };
      const text = n.exempted > 0 ? `${n.breaches} (${n.exempted})` : String(n.breaches);
      return n.breaches > 0 ? c.red(text) : text;
    },
    unknown: (row) => String(row.unknown),
    noBreach: (row) => (row.noBreachShare === null ? '–' : `${Math.round(row.noBreachShare * 100)}%`),
    spend: (row, narrow) =>
      formatPounds(row.spend.pence) + (row.spend.noHours > 0 ? `${narrow ? '\n' : ' '}(${row.spend.noHours} without hours)` : ''),
  };
}

/** The regional section (heading, intro, table, legend), or nothing for a one-council run. */
export function regionalSection(regional: RegionalTable, ruleset: Ruleset, c: ChalkInstance, columns: number): string[] {
  // a row per council the report lists or a finding names
  if (regional.rows.length < 2) return [];
  const cells = cellsFor(c);
  const bold = (h: string): string => colourLines(h, c.bold);
  const rows = [...regional.rows, regional.totals];
  const councilName = (row: RegionalRow): string =>
    row === regional.totals ? c.bold('Total') : s(row.la_name === row.la_code ? row.la_code : `${row.la_name} (${row.la_code})`);

  const byCouncil = (ruleHeads: string[], tail: string[]): Grid => ({
    head: ['Council', ...ruleHeads, ...tail].map(bold),
    rows: rows.map((row) => [
      councilName(row),
      ...regional.ruleIds.map((id) => cells.rule(row, id)),
      cells.unknown(row),
      cells.noBreach(row),
      cells.spend(row, false),
    ]),
  });
  const intro = wrapCells(`  ${INTRO}`, columns, '  ');
  const out = (body: string, legend: string[] = []): string[] => [c.bold.underline('Regional breach table'), ...intro, body, ...legend];

  const full = byCouncil(regional.ruleIds.map((id) => s(id)), ['Unknown', 'No breach', 'Over caps / month']);
  if (gridWidth(full) <= columns) return out(drawGrid(full));

  const codes = regional.ruleIds.map((_, i) => `R${i + 1}`);
  const short = byCouncil(codes, ['Unknown', 'No\nbreach', 'Over caps\n/ month']);
  if (gridWidth(short) <= columns) {
    const legend = regional.ruleIds.flatMap((id, i) => {
      const title = [...ruleset.rules, ...ruleset.starterRules].find((r) => r.id === id)?.title;
      return wrapCells(`  ${codes[i]} ${s(id)}${title ? `: ${s(title)}` : ''}`, columns, '     ');
    });
    return out(drawGrid(short), legend);
  }

  // turned: one column per council, the totals last
  const councilHead = (row: RegionalRow): string => {
    if (row === regional.totals) return 'Total';
    const name = wrapCell(s(row.la_name), COUNCIL_HEAD_WIDTH);
    return row.la_name === row.la_code ? name : `${name}\n${s(row.la_code)}`;
  };
  const turned: Grid = {
    head: ['', ...rows.map(councilHead)].map(bold),
    rows: [
      ...regional.ruleIds.map((id) => [s(id), ...rows.map((row) => cells.rule(row, id))]),
      ['Unknown', ...rows.map(cells.unknown)],
      ['No breach', ...rows.map(cells.noBreach)],
      ['Over caps / month', ...rows.map((row) => cells.spend(row, true))],
    ],
  };
  return out(drawGrids(splitGrid(turned, 1, columns)));
}

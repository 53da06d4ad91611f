// The exemption summary of the terminal report (`--format table`): one row per
// exemption with its window, status and tallies, unused and expiring ones marked.
import type { ChalkInstance } from 'chalk';
import { daysBetween } from '../dates.js';
import type { Exemption, ExemptionTally, Report, Ruleset } from '../types.js';
import { sanitizeText as s } from '../text.js';
import { wrapCells } from '../width.js';
import { exemptionIndex, plural } from './shared.js';
import { colourLines, drawGrid, drawGrids, gridWidth, splitGrid, wrapCell, type Grid } from './table-fit.js';

/** Widths (in cells) that list, window and note cells are broken to when the full table does not fit. */
const NARROW_LIST = 22;
const NARROW_NOTE = 12;

/**
 * The exemption summary table of the terminal report, headed, fitted to `columns`
 * (issue 15 item 1): the full table when it fits; else with councils, rules, window
 * and notes broken onto lines of their own; else that table in parts, each with the
 * exemption ids.
 */
export function exemptionSection(report: Report, ruleset: Ruleset, c: ChalkInstance, columns = 80): string[] {
  const heading = (text: string): string => c.bold.underline(text);
  if (report.exemptions.length === 0) return [heading('Exemptions'), '  None defined in this ruleset.'];
  const exemption = exemptionIndex(ruleset);

  let unused = 0;
  let expiring = 0;
  const grid = (narrow: boolean): Grid => {
    const list = (items: string[]): string => (narrow ? wrapCell(items.join(', '), NARROW_LIST, ', ') : items.join(', '));
    const head = ['Exemption', 'Councils', 'Rules', 'Window', 'Status', 'Applied', 'Cited', narrow ? 'Cited, not\ncovering' : 'Cited, not covering', 'Note'];
    const rows = report.exemptions.map((tally) => {
      const ex = exemption(tally.id);
      const notes: string[] = [];
      if (tally.applied === 0) notes.push(c.red('UNUSED'));
      if (tally.status === 'expiring') notes.push(colourLines(narrow ? wrapCell(expiringNote(report.as_of, ex), NARROW_NOTE) : expiringNote(report.as_of, ex), c.yellow));
      const highlight = (text: string): string =>
        tally.status === 'expiring' ? c.yellow(text) : tally.applied === 0 ? c.red(text) : text;
      return [
        highlight(s(tally.id)),
        ex ? (ex.las ? list(ex.las.map(s)) : 'all') : '?',
        ex ? list(ex.rules.map(s)) : '?',
        ex ? `${s(ex.from)} –${narrow ? '\n' : ' '}${s(ex.to)}` : '?',
        statusCell(c, tally),
        tally.applied === 0 ? c.red('0') : String(tally.applied),
        String(tally.cited),
        tally.cited_not_covering > 0 ? c.yellow(String(tally.cited_not_covering)) : '0',
        notes.join(narrow ? ',\n' : ', '),
      ];
    });
    return { head: head.map((h) => colourLines(h, c.bold)), rows };
  };
  for (const tally of report.exemptions) {
    if (tally.applied === 0) unused++;
    if (tally.status === 'expiring') expiring++;
  }
  const full = grid(false);
  const body = gridWidth(full) <= columns ? drawGrid(full) : drawGrids(splitGrid(grid(true), 1, columns));
  const lines = [heading(`Exemptions (${report.exemptions.length})`), body];
  const marks: string[] = [];
  if (unused > 0) marks.push(`${plural(unused, 'exemption')} unused (applied to no finding)`);
  if (expiring > 0) marks.push(`${plural(expiring, 'exemption')} expiring within 30 days`);
  if (marks.length > 0) lines.push(...wrapCells(`  Note: ${marks.join('; ')}.`, columns, '    ').map((line) => c.yellow(line)));
  return lines;
}

function expiringNote(asOf: string, ex: Exemption | undefined): string {
  if (!ex) return 'EXPIRING';
  const days = daysBetween(asOf, ex.to);
  return days === 0 ? 'EXPIRING today' : `EXPIRING in ${plural(days, 'day')}`;
}

function statusCell(c: ChalkInstance, tally: ExemptionTally): string {
  switch (tally.status) {
    case 'active':
      return c.green('active');
    case 'expiring':
      return c.yellow('expiring');
    case 'expired':
      return c.dim('expired');
    case 'pending':
      return c.cyan('pending');
    default:
      return s(tally.status);
  }
}


// The exemption summary of the terminal report (`--format table`): one row per
// exemption with its window, status and tallies, unused and expiring ones marked.
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { daysBetween } from '../dates.js';
import type { Exemption, ExemptionTally, Report, Ruleset } from '../types.js';
import { sanitizeText as s } from '../text.js';
import { exemptionIndex, plural } from './shared.js';

/** The exemption summary table of the terminal report, headed. */
export function exemptionSection(report: Report, ruleset: Ruleset, c: ChalkInstance): string[] {
  const heading = (text: string): string => c.bold.underline(text);
  if (report.exemptions.length === 0) return [heading('Exemptions'), '  None defined in this ruleset.'];
  const exemption = exemptionIndex(ruleset);

  const table = new Table({
    head: ['Exemption', 'Councils', 'Rules', 'Window', 'Status', 'Applied', 'Cited', 'Cited, not covering', 'Note'].map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
  });
  let unused = 0;
  let expiring = 0;
  for (const tally of report.exemptions) {
    const ex = exemption(tally.id);
    const notes: string[] = [];
    if (tally.applied === 0) {
      unused++;
      notes.push(c.red('UNUSED'));
    }
    if (tally.status === 'expiring') {
      expiring++;
      notes.push(c.yellow(expiringNote(report.as_of, ex)));
    }
    const highlight = (text: string): string =>
      tally.status === 'expiring' ? c.yellow(text) : tally.applied === 0 ? c.red(text) : text;
    table.push([
      highlight(s(tally.id)),
      ex ? (ex.las ? ex.las.map(s).join(', ') : 'all') : '?',
      ex ? ex.rules.map(s).join(', ') : '?',
      ex ? `${s(ex.from)} – ${s(ex.to)}` : '?',
      statusCell(c, tally),
      tally.applied === 0 ? c.red('0') : String(tally.applied),
      String(tally.cited),
      tally.cited_not_covering > 0 ? c.yellow(String(tally.cited_not_covering)) : '0',
      notes.join(', '),
    ]);
  }
  const lines = [heading(`Exemptions (${report.exemptions.length})`), table.toString()];
  const marks: string[] = [];
  if (unused > 0) marks.push(`${plural(unused, 'exemption')} unused (applied to no finding)`);
  if (expiring > 0) marks.push(`${plural(expiring, 'exemption')} expiring within 30 days`);
  if (marks.length > 0) lines.push(c.yellow(`  Note: ${marks.join('; ')}.`));
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


// Output of `moc-check diff OLD.json NEW.json [--format table|markdown|json]`.
// Rows of the council × rule table keep a council's rules together and name the council
// once; a persisting breach whose rate or cap changed says so (old → new); the spend
// above caps is shown per council, before and now. Terminal columns are measured in
// cells (src/width.ts), so accented or wide council names stay aligned.
import { rateRose, type DiffBreach, type ExemptionChange, type ExemptionChangeKind, type PersistingBreach, type ReportDiff, type ResolvedBreach } from '../diff.js';
import { formatPounds, moneyFromNumber } from '../money.js';
import { mdCell, mdTable } from './markdown-text.js';
import { append, maxOf, rowName, STARTER_ROW } from './shared.js';
import { sanitizeText as s } from '../text.js';
import { cellWidth, padCells } from '../width.js';
import type { DiffFormat } from './diff-format-names.js';


const CHANGE_WORDS: Record<ExemptionChangeKind, string> = {
  became_active: 'became active',
  started_expiring: 'started expiring (ends within 30 days)',
  expired: 'expired',
  became_pending: 'became pending',
  removed: 'no longer in the ruleset',
};

const NOW_WORDS: Record<ResolvedBreach['now'], string> = {
  exempted: 'now exempted',
  unknown: 'now unknown (a value is not recorded)',
  breach: 'still a breach',
  absent: 'no longer reported',
};

function council(b: { la_code: string; la_name: string | null }): string {
  return b.la_name ? `${b.la_name} (${b.la_code})` : b.la_code;
}

function pounds(n: number): string {
  const m = moneyFromNumber(n);
  return m ? formatPounds(m.pence) : String(n);
}

/** A signed change of pence: "+£12.00", "−£3.50", "£0.00". */
function signedPounds(pence: number): string {
  return pence > 0 ? `+${formatPounds(pence)}` : pence < 0 ? `−${formatPounds(-pence)}` : formatPounds(0);
}

/** What changed in a persisting breach: "rate £56.00/h → £60.00/h (up £4.00/h)", a cap likewise; '' when nothing did. */
export function persistingChange(b: PersistingBreach): string {
  const parts: string[] = [];
  if (b.rate !== null && b.old_rate !== null && b.rate !== b.old_rate) {
    // the difference of the amounts as shown (pence), not of the floating-point rates
    const before = moneyFromNumber(b.old_rate)?.pence;
    const now = moneyFromNumber(b.rate)?.pence;
    const by = before !== undefined && now !== undefined ? ` (${now >= before ? 'up' : 'down'} ${formatPounds(Math.abs(now - before))}/h)` : '';
    parts.push(`rate ${pounds(b.old_rate)}/h → ${pounds(b.rate)}/h${by}`);
  }
  if (b.cap !== null && b.old_cap !== null && b.cap !== b.old_cap) parts.push(`cap ${pounds(b.old_cap)}/h → ${pounds(b.cap)}/h`);
  return parts.join('; ');
}

/** A column shown once per group: blank where it repeats the row above. */
function onceEach(values: string[]): string[] {
  return values.map((v, i) => (i > 0 && values[i - 1] === v ? '' : v));
}

export function formatDiff(diff: ReportDiff, format: DiffFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(diff, null, 2) + '\n';
    case 'markdown':
      return diffMarkdown(diff);
    case 'table':
      return diffTable(diff);
    default:
      throw new Error(`unknown diff format "${String(format)}"`);
  }
}

// ---------------------------------------------------------------- table (terminal)

function diffTable(diff: ReportDiff): string {
  const out: string[] = [];
  out.push(`moc-check diff: ${s(diff.old.as_of)} (${s(diff.old.ruleset.id)} ${s(diff.old.ruleset.version)}) → ${s(diff.new.as_of)} (${s(diff.new.ruleset.id)} ${s(diff.new.ruleset.version)})`);
  for (const w of diff.warnings) out.push(`WARNING: ${s(w)}`);
  const rose = diff.totals.rate_rose > 0 ? ` (${diff.totals.rate_rose} at a higher rate)` : '';
  out.push(
    `Breaches: ${diff.old.breaches} → ${diff.new.breaches}; new ${diff.totals.new}, resolved ${diff.totals.resolved}, persisting ${diff.totals.persisting}${rose}`,
    `Estimated monthly spend above caps: ${formatPounds(diff.totals.old_spend_pence)} → ${formatPounds(diff.totals.new_spend_pence)} (${signedPounds(diff.totals.new_spend_pence - diff.totals.old_spend_pence)})`,
    '',
  );
  if (diff.counts.length > 0) {
    out.push('By council and rule (new / resolved / persisting):');
    const names = onceEach(diff.counts.map((c) => s(council(c))));
    append(out, aligned(['Council', 'Rule', 'New', 'Resolved', 'Persisting'], diff.counts.map((c, i) => [names[i]!, s(c.rule), String(c.new), String(c.resolved), String(c.persisting)]), 2));
    out.push('');
  }
  if (diff.spend.length > 0) {
    out.push('Estimated monthly spend above caps by council:');
    append(out, aligned(['Council', 'Before', 'Now', 'Change'], diff.spend.map((c) => [s(council(c)), formatPounds(c.old_pence), formatPounds(c.new_pence), signedPounds(c.change_pence)]), 1));
    out.push('');
  }
  const list = <T extends DiffBreach>(title: string, items: T[], extra: (b: T) => string = () => ''): void => {
    out.push(`${title} (${items.length})${items.length === 0 ? ': none' : ':'}`);
    for (const b of items) {
      out.push(`  ${s(b.id)}  ${s(b.rule)}  ${s(council(b))}  ${s(rowName(b))}: ${s(b.message)}${extra(b)}`);
    }
    out.push('');
  };
  list('New breaches', diff.new_breaches);
  list('Resolved breaches', diff.resolved_breaches, (b) => ` [${NOW_WORDS[b.now]}]`);
  list('Persisting breaches', diff.persisting_breaches, (b) => {
    const change = persistingChange(b);
    return change === '' ? '' : ` [${rateRose(b) ? 'RATE UP: ' : ''}${change}]`;
  });
  out.push(`Exemption changes (${diff.exemption_changes.length})${diff.exemption_changes.length === 0 ? ': none' : ':'}`);
  for (const c of diff.exemption_changes) out.push(`  ${s(c.id)}: ${changeText(c)}`);
  return out.join('\n') + '\n';
}

/** Rows aligned in terminal cells, indented two; columns from `rightFrom` on are right-aligned (numbers). */
function aligned(head: string[], rows: string[][], rightFrom: number): string[] {
  const widths = head.map((h, i) => Math.max(cellWidth(h), maxOf(rows.map((r) => cellWidth(r[i]!)))));
  const fmt = (r: string[]): string => '  ' + r.map((c, i) => padCells(c, widths[i]!, i >= rightFrom ? 'start' : 'end')).join('  ').trimEnd();
  return [fmt(head), ...rows.map(fmt)];
}

function changeText(c: ExemptionChange): string {
  return `${CHANGE_WORDS[c.change]} (${c.from ?? 'not defined'} → ${c.to ?? 'not defined'})`;
}

// ---------------------------------------------------------------- markdown

function diffMarkdown(diff: ReportDiff): string {
  const out: string[] = [
    `# Month on month: ${mdCell(diff.old.as_of)} → ${mdCell(diff.new.as_of)}`,
    '',
    `Ruleset ${mdCell(diff.old.ruleset.id)} ${mdCell(diff.old.ruleset.version)} → ${mdCell(diff.new.ruleset.id)} ${mdCell(diff.new.ruleset.version)}.`,
  ];
  for (const w of diff.warnings) out.push('', `> **Warning:** ${mdCell(w)}`);
  out.push('');
  append(
    out,
    mdTable(
      ['Breaches before', 'Breaches now', 'New', 'Resolved', 'Persisting', 'At a higher rate', 'Spend above caps before', 'Spend above caps now'],
      [
        [
          String(diff.old.breaches),
          String(diff.new.breaches),
          String(diff.totals.new),
          String(diff.totals.resolved),
          String(diff.totals.persisting),
          String(diff.totals.rate_rose),
          formatPounds(diff.totals.old_spend_pence),
          formatPounds(diff.totals.new_spend_pence),
        ],
      ],
    ),
  );
  out.push('', '## By council and rule', '');
  if (diff.counts.length === 0) out.push('No breaches in either report.');
  else {
    append(
      out,
      mdTable(
        ['Council', 'Rule', 'New', 'Resolved', 'Persisting'],
        ((names) => diff.counts.map((c, i) => [names[i]!, mdCell(c.rule), String(c.new), String(c.resolved), String(c.persisting)]))(
          onceEach(diff.counts.map((c) => mdCell(council(c)))),
        ),
      ),
    );
  }
  if (diff.spend.length > 0) {
    out.push('', '## Estimated monthly spend above caps by council', '');
    append(
      out,
      mdTable(
        ['Council', 'Before', 'Now', 'Change'],
        diff.spend.map((c) => [mdCell(council(c)), formatPounds(c.old_pence), formatPounds(c.new_pence), signedPounds(c.change_pence)]),
      ),
    );
  }
  const section = (title: string, items: DiffBreach[], withNow: boolean, withChange = false): void => {
    out.push('', `## ${title} (${items.length})`, '');
    if (items.length === 0) {
      out.push('None.');
      return;
    }
    const head = ['Id', 'Rule', 'Council', 'Assignment', 'Detail'];
    if (withNow) head.push('Now');
    if (withChange) head.push('Change');
    append(
      out,
      mdTable(
        head,
        items.map((b) => {
          const cells = [mdCell(b.id), mdCell(b.rule), mdCell(council(b)), mdCell(b.assignment_id ?? STARTER_ROW), mdCell(b.message)];
          if (withNow) cells.push(NOW_WORDS[(b as ResolvedBreach).now]);
          if (withChange) cells.push(mdCell(persistingChange(b as PersistingBreach)));
          return cells;
        }),
      ),
    );
  };
  section('New breaches', diff.new_breaches, false);
  section('Resolved breaches', diff.resolved_breaches, true);
  section('Persisting breaches', diff.persisting_breaches, false, true);
  out.push('', `## Exemption changes (${diff.exemption_changes.length})`, '');
  if (diff.exemption_changes.length === 0) out.push('None.');
  else {
    append(
      out,
      mdTable(
        ['Exemption', 'Change', 'Before', 'Now'],
        diff.exemption_changes.map((c) => [mdCell(c.id), CHANGE_WORDS[c.change], c.from ?? 'not defined', c.to ?? 'not defined']),
      ),
    );
  }
  return out.join('\n') + '\n';
}

// Output of `moc-check diff OLD.json NEW.json [--format table|markdown|json]`.
import type { DiffBreach, ExemptionChange, ExemptionChangeKind, ReportDiff, ResolvedBreach } from '../diff.js';
import { mdCell, mdTable } from './markdown-text.js';
import { append, maxOf } from './shared.js';
import { cellWidth, padCells, sanitizeText as s } from '../text.js';

export type DiffFormat = 'table' | 'markdown' | 'json';
export const DIFF_FORMATS: readonly DiffFormat[] = ['table', 'markdown', 'json'];

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
  out.push(
    `Breaches: ${diff.old.breaches} → ${diff.new.breaches}; new ${diff.totals.new}, resolved ${diff.totals.resolved}, persisting ${diff.totals.persisting}`,
    '',
  );
  if (diff.counts.length > 0) {
    out.push('By council and rule (new / resolved / persisting):');
    const rows = diff.counts.map((c) => [s(council(c)), s(c.rule), String(c.new), String(c.resolved), String(c.persisting)]);
    const head = ['Council', 'Rule', 'New', 'Resolved', 'Persisting'];
    // widths in terminal cells, not UTF-16 units: a council name with accents or wide characters stays aligned
    const widths = head.map((h, i) => Math.max(cellWidth(h), maxOf(rows.map((r) => cellWidth(r[i]!)))));
    const fmt = (r: string[]): string => '  ' + r.map((c, i) => padCells(c, widths[i]!, i >= 2 ? 'start' : 'end')).join('  ').trimEnd();
    out.push(fmt(head));
    append(out, rows.map(fmt));
    out.push('');
  }
  const list = (title: string, items: DiffBreach[], extra: (b: DiffBreach) => string = () => ''): void => {
    out.push(`${title} (${items.length})${items.length === 0 ? ': none' : ':'}`);
    for (const b of items) {
      out.push(`  ${s(b.id)}  ${s(b.rule)}  ${s(council(b))}  assignment ${s(b.assignment_id)}: ${s(b.message)}${extra(b)}`);
    }
    out.push('');
  };
  list('New breaches', diff.new_breaches);
  list('Resolved breaches', diff.resolved_breaches, (b) => ` [${NOW_WORDS[(b as ResolvedBreach).now]}]`);
  list('Persisting breaches', diff.persisting_breaches);
  out.push(`Exemption changes (${diff.exemption_changes.length})${diff.exemption_changes.length === 0 ? ': none' : ':'}`);
  for (const c of diff.exemption_changes) out.push(`  ${s(c.id)}: ${changeText(c)}`);
  return out.join('\n') + '\n';
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
      ['Breaches before', 'Breaches now', 'New', 'Resolved', 'Persisting'],
      [[String(diff.old.breaches), String(diff.new.breaches), String(diff.totals.new), String(diff.totals.resolved), String(diff.totals.persisting)]],
    ),
  );
  out.push('', '## By council and rule', '');
  if (diff.counts.length === 0) out.push('No breaches in either report.');
  else {
    append(
      out,
      mdTable(
        ['Council', 'Rule', 'New', 'Resolved', 'Persisting'],
        diff.counts.map((c) => [mdCell(council(c)), mdCell(c.rule), String(c.new), String(c.resolved), String(c.persisting)]),
      ),
    );
  }
  const section = (title: string, items: DiffBreach[], withNow: boolean): void => {
    out.push('', `## ${title} (${items.length})`, '');
    if (items.length === 0) {
      out.push('None.');
      return;
    }
    const head = ['Id', 'Rule', 'Council', 'Assignment', 'Detail'];
    if (withNow) head.push('Now');
    append(
      out,
      mdTable(
        head,
        items.map((b) => {
          const cells = [mdCell(b.id), mdCell(b.rule), mdCell(council(b)), mdCell(b.assignment_id), mdCell(b.message)];
          if (withNow) cells.push(NOW_WORDS[(b as ResolvedBreach).now]);
          return cells;
        }),
      ),
    );
  };
  section('New breaches', diff.new_breaches, false);
  section('Resolved breaches', diff.resolved_breaches, true);
  section('Persisting breaches', diff.persisting_breaches, false);
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

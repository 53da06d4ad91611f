// `moc-check rules show`: the merged ruleset as a person reads it, in plain text.
import type { CapWindow, EngagementType, Exemption, HeadHuntingRule, IsoDate, Rule, Ruleset } from '../types.js';
import { ENGAGEMENT_TYPES } from './schema.js';
import { daysBetween } from '../dates.js';
import { exemptionStatus } from '../exemptions.js';
import { formatPounds } from '../money.js';
import { sanitizeText } from '../text.js';
import { cellWidth, padCells } from '../width.js';

const KIND_NAMES: Record<Rule['kind'], string> = {
  pay_cap: 'pay cap',
  cooling_off: 'cooling-off period',
  min_pqe: 'minimum post-qualifying experience',
  references: 'references',
  min_notice: 'minimum notice period',
  project_team: 'no project teams',
};

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}

/** Left-aligned columns, two spaces apart, measured in terminal cells (a role label may hold wide characters). */
function table(cells: string[][], indent: string): string[] {
  // sanitised before measuring: a control character is shown as a placeholder several cells wide
  const rows = cells.map((row) => row.map(sanitizeText));
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cellWidth(cell))));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : padCells(cell, widths[i]!))).join('  ').trimEnd());
}

const TYPE_HEADINGS: Record<EngagementType, string> = { paye: 'PAYE', umbrella: 'umbrella', limited_company: 'limited company' };

/** A window with caps by engagement type: one row per role, one column per type (an hour, in pounds). */
function typedWindowTable(w: CapWindow, label: (key: string) => string): string[] {
  const rows: string[][] = [['role', ...ENGAGEMENT_TYPES.map((t) => TYPE_HEADINGS[t])]];
  for (const [key, m] of w.rates) rows.push([label(key), ...ENGAGEMENT_TYPES.map(() => formatPounds(m.pence))]);
  for (const [key, byType] of w.ratesByType) {
    rows.push([label(key), ...ENGAGEMENT_TYPES.map((t) => {
      const m = byType[t];
      return m ? formatPounds(m.pence) : 'not capped';
    })]);
  }
  return [...table(rows, '      '), '      (an hour; a role with one figure has the same cap for every type)'];
}

function headHuntingLines(rule: HeadHuntingRule, rs: Ruleset): string[] {
  const out = [`  ${rule.id}: no head-hunting (head_hunting)${rule.severity === 'warning' ? ', warning only' : ''}`];
  if (rule.title) out.push(`    ${rule.title}`);
  const from = rule.scope === 'any_other_la' ? 'any other council' : rs.region.las.size > 0 ? 'another council of the region' : 'another council';
  out.push(`    a permanent starter who came from ${from} must be moving to a promotion (scope: ${rule.scope}); checked on the starters register (--starters)`);
  return out;
}

function ruleLines(rule: Rule, rs: Ruleset): string[] {
  const out: string[] = [];
  const head = `${rule.id}: ${KIND_NAMES[rule.kind]} (${rule.kind})${rule.severity === 'warning' ? ', warning only' : ''}`;
  out.push(`  ${head}`);
  if (rule.title) out.push(`    ${rule.title}`);
  const label = (key: string) => rs.roles.find((r) => r.key === key)?.label ?? key;
  switch (rule.kind) {
    case 'pay_cap':
      out.push(`    compares: ${rule.basis}`);
      for (const w of rule.caps) {
        out.push(`    ${w.to === null ? `from ${w.from}, open-ended` : `${w.from} to ${w.to}`}:`);
        if (w.rates.size === 0 && w.ratesByType.size === 0) out.push('      (no caps in this window)');
        else if (w.ratesByType.size === 0) out.push(...table([...w.rates].map(([key, m]) => [label(key), `${formatPounds(m.pence)} an hour`]), '      '));
        else out.push(...typedWindowTable(w, label));
      }
      break;
    case 'cooling_off':
      out.push(
        `    a worker may not start within ${plural(rule.months, 'month')} of leaving a permanent post at ${
          rule.scope === 'same_la' ? 'the same council' : rs.region.las.size > 0 ? 'any council of the region' : 'any council'
        } (scope: ${rule.scope})`,
      );
      break;
    case 'min_pqe':
      out.push(`    at least ${plural(rule.months, 'month')} of post-qualifying experience`);
      break;
    case 'references':
      out.push(`    at least ${plural(rule.min_count, 'reference')}`);
      out.push(`    on the standard template: ${rule.template_required ? 'required' : 'not required'}`);
      out.push(`    complete before the start date: ${rule.before_start ? 'required' : 'not required'}`);
      break;
    case 'min_notice':
      out.push(`    a notice period of at least ${plural(rule.weeks, 'week')}`);
      break;
    case 'project_team':
      out.push('    workers may not be supplied as part of a project team or packaged model');
      break;
  }
  return out;
}

function exemptionLines(ex: Exemption, rs: Ruleset, asOf: IsoDate): string[] {
  const status = exemptionStatus(ex, asOf);
  const label = (key: string) => rs.roles.find((r) => r.key === key)?.label ?? key;
  const council = (code: string) => {
    const name = rs.region.las.get(code);
    return name ? `${code} (${name})` : code;
  };
  const out = [`  ${ex.id}: ${status}, ${ex.from} to ${ex.to}`];
  if (status === 'expiring') out[0] += ` (ends in ${plural(daysBetween(asOf, ex.to), 'day')})`;
  const rows: string[][] = [
    ['waives', ex.rules.map((id) => (rs.rules.some((r) => r.id === id) ? id : `${id} (not in this ruleset)`)).join(', ')],
    ['councils', ex.las ? ex.las.map(council).join(', ') : 'every council'],
    ['roles', ex.roles ? ex.roles.map(label).join(', ') : 'every role'],
    ['workers', ex.swe_numbers ? ex.swe_numbers.join(', ') : 'every worker'],
  ];
  if (ex.max_rate) rows.push(['up to', `${formatPounds(ex.max_rate.pence)} an hour (for its pay caps)`]);
  rows.push(['applies to', ex.blanket ? 'every matching row (blanket)' : 'rows that cite it in exemption_ref']);
  rows.push(['approved by', ex.approved_by.join(', ') + (ex.approved_on ? ` on ${ex.approved_on}` : '')]);
  if (ex.reason) rows.push(['reason', ex.reason]);
  out.push(...table(rows.map(([k, v]) => [`${k}:`, v!]), '    '));
  return out;
}

/** The merged ruleset as plain text (no colour), ending with a newline. */
export function showRuleset(rs: Ruleset, asOf: string): string {
  const out: string[] = [];
  out.push(`${rs.name}`);
  out.push(...table([
    ['id:', rs.id],
    ['version:', rs.version],
    ['status:', rs.status],
    ['sha256:', rs.sha256],
  ], ''));
  if (rs.status === 'illustrative') {
    out.push('WARNING: this ruleset is illustrative: its figures are examples, not adopted policy.');
  }
  out.push('');
  out.push(rs.files.length > 1 ? 'Files (parent first):' : 'File:');
  for (const f of rs.files) out.push(`  ${f}`);
  if (rs.sources.length > 0) {
    out.push('Sources:');
    for (const s of rs.sources) out.push(`  ${s}`);
  }

  out.push('');
  out.push(`Region: ${rs.region.name ?? '(no name given)'}`);
  if (rs.region.las.size === 0) {
    out.push('  no councils listed (a cooling-off rule with scope "region" then counts every council)');
  } else {
    out.push(`  ${plural(rs.region.las.size, 'council')}:`);
    out.push(...table([...rs.region.las].map(([code, name]) => [code, name]), '    '));
  }

  out.push('');
  out.push(`Roles (${rs.roles.length}):`);
  if (rs.roles.length === 0) out.push('  none');
  out.push(
    ...table(
      rs.roles.map((r) => [
        r.key,
        r.label,
        ...(rs.roles.some((x) => x.grade !== undefined) ? [r.grade === undefined ? '' : `grade ${r.grade}`] : []),
        ...(rs.roles.some((x) => x.dfe_role !== undefined) ? [r.dfe_role === undefined ? '' : `DfE: ${r.dfe_role}`] : []),
        r.aliases.length > 0 ? `also: ${r.aliases.join(', ')}` : '',
      ]),
      '  ',
    ),
  );

  if (rs.columns.size > 0) {
    out.push('');
    out.push('Column headers (column: local names also accepted):');
    out.push(...table([...rs.columns].map(([col, names]) => [col, names.map((n) => JSON.stringify(n)).join(', ')]), '  '));
  }

  out.push('');
  out.push(`Rules (${rs.rules.length + rs.starterRules.length}):`);
  if (rs.rules.length + rs.starterRules.length === 0) out.push('  none');
  for (const rule of rs.rules) out.push(...ruleLines(rule, rs));
  for (const rule of rs.starterRules) out.push(...headHuntingLines(rule, rs));

  out.push('');
  out.push(`Exemptions (${rs.exemptions.length}), status on ${asOf}:`);
  if (rs.exemptions.length === 0) out.push('  none');
  for (const ex of rs.exemptions) out.push(...exemptionLines(ex, rs, asOf));

  // Labels, names and reasons are typed by people: no control character reaches the terminal.
  return out.map(sanitizeText).join('\n') + '\n';
}

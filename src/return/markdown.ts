// `return --format markdown`: a summary of `councils` and `compliance` for a board paper.
import { formatPounds } from '../money.js';
import { mdCell, mdTable } from '../report/markdown-text.js';
import { periodLabel } from '../period.js';
import type { DataReturn } from './schema.js';
import { dataErrorCount, rulesetLine } from './sheets.js';

function share(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

export function returnMarkdown(ret: DataReturn): string {
  const { errors } = dataErrorCount(ret);
  const out: string[] = [
    `# Agency social work data return: ${mdCell(periodLabel(ret.period))}`,
    '',
    `${mdCell(rulesetLine(ret))}; period ${ret.period.from} to ${ret.period.to}; as of ${ret.as_of}.`,
    '',
  ];
  if (errors > 0) out.push(`> **${errors} data error${errors === 1 ? '' : 's'}** in this run: rows with them may be left out or not checked for some rules. Fix them in the source system and run again.`, '');
  out.push('## Councils', '');
  out.push(
    ...mdTable(
      ['Council', 'Assignments', 'Fully compliant', 'Cap breaches', 'Signed off', 'Not signed off', 'Monthly cost', 'Agencies affecting compliance'],
      ret.councils.map((c) => [
        c.la_name ? `${mdCell(c.la_name)} (${mdCell(c.la_code)})` : mdCell(c.la_code),
        String(c.assignments),
        String(c.assignments_fully_compliant),
        String(c.cap_breaches),
        String(c.cap_breaches_signed_off),
        String(c.cap_breaches_not_signed_off),
        formatPounds(Math.round(c.monthly_cost * 100)) + (c.rows_not_priced > 0 ? ` (${c.rows_not_priced} not priced)` : ''),
        mdCell(c.agencies_affecting_compliance ?? '–'),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
  );
  out.push('## Compliance by rule', '', 'Share compliant = (compliant + exempted) ÷ (assignments − not checked − unknown).', '');
  out.push(
    ...mdTable(
      ['Council', 'Rule', 'Compliant', 'Breach', 'Exempted', 'Unknown', 'Not checked', 'Share compliant'],
      ret.compliance.map((c) => [
        mdCell(c.la_name ?? c.la_code),
        mdCell(c.title ? `${c.rule} (${c.title})` : c.rule),
        String(c.compliant),
        String(c.breach),
        String(c.exempted),
        String(c.unknown),
        String(c.not_checked),
        share(c.share_compliant),
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
  );
  out.push("Copy these figures into the DfE's template of the day; the workbook (`--format xlsx`) holds every sheet.", '');
  return out.join('\n');
}

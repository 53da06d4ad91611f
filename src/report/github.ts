// --format github: GitHub Actions workflow commands, one line per result.
//
//   ::error file=F,line=L,title=T::MESSAGE      breach of an error rule, data error
//   ::warning file=F,line=L,title=T::MESSAGE    breach of a warning rule, data warning
//   ::notice file=F,line=L,title=T::MESSAGE     breach known in the baseline
//
// Exempted and unknown findings get no line. `line` is left out when the report
// has none (whole-file issues). The column's position is not known to the report,
// so a cell issue names its column in the message. Property values escape
// % CR LF : , and the message escapes % CR LF, as the runner requires.
// Worker names are never written (workflow logs are widely readable).
//
// githubJobSummary gives the markdown the CLI appends to $GITHUB_STEP_SUMMARY.
import type { DataIssue, Finding, Report, Severity } from '../types.js';
import type { FormatOptions } from './types.js';
import { sanitizeText } from '../text.js';
import { mdTable } from './markdown-text.js';
import { append, plural } from './shared.js';

/**
 * Escapes a workflow-command message: % CR LF as the runner requires; then any other
 * control or bidi-override character (ESC of an ANSI sequence, which the log viewer
 * would act on) becomes a visible placeholder such as `\x1B`.
 */
export function escapeData(text: string): string {
  return sanitizeText(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escapes a workflow-command property value: % CR LF : , */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type Command = 'error' | 'warning' | 'notice';

export function command(name: Command, props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name}${list ? ` ${list}` : ''}::${escapeData(message)}`;
}

function filePath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

function levelOf(severity: Severity): Command {
  return severity === 'error' ? 'error' : 'warning';
}

export function formatGithub(report: Report, options: FormatOptions): string {
  const titles = new Map(options.ruleset.rules.map((r) => [r.id, r.title] as const));
  const lines: string[] = [];
  for (const f of report.findings) {
    if (f.status !== 'breach') continue;
    const known = f.baseline === 'known';
    const title = titles.get(f.rule);
    lines.push(
      command(
        known ? 'notice' : levelOf(f.severity),
        {
          file: filePath(f.file),
          line: f.line >= 1 ? f.line : undefined,
          title: `${f.rule}${title ? ` ${title}` : ''}${known ? ' (known in baseline)' : ''}`,
        },
        findingMessage(f),
      ),
    );
  }
  for (const d of report.data_issues) {
    lines.push(
      command(
        levelOf(d.severity),
        { file: filePath(d.file), line: d.line !== null && d.line >= 1 ? d.line : undefined, title: `data/${d.code}` },
        issueMessage(d),
      ),
    );
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function findingMessage(f: Finding): string {
  return `${f.message} (council ${f.la_code}, assignment ${f.assignment_id})`;
}

function issueMessage(d: DataIssue): string {
  const extra: string[] = [];
  // The column is named even when the message has it (it is where to look); the value only when the message lacks it.
  if (d.column !== null) extra.push(`column ${d.column}`);
  if (d.value !== undefined && !d.message.includes(d.value)) extra.push(`value ${JSON.stringify(d.value)}`);
  return extra.length ? `${d.message} (${extra.join(', ')})` : d.message;
}

// ------------------------------------------------------------------ job summary

/** Rows listed per table in the job summary (GitHub caps a summary at 1 MiB). */
export const SUMMARY_ROW_LIMIT = 200;

function cell(text: string): string {
  return sanitizeText(text.replace(/\r\n|\r|\n|\u2028|\u2029/g, ' '))
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function table(header: string[], rows: string[][], total: number): string[] {
  const out = mdTable(header, rows);
  if (total > rows.length) out.push('', `…and ${total - rows.length} more (see the full report).`);
  return out;
}

export function githubJobSummary(report: Report, options: FormatOptions): string {
  const s = report.summary;
  const breaches = report.findings.filter((f) => f.status === 'breach');
  const known = breaches.filter((f) => f.baseline === 'known');
  const fresh = breaches.filter((f) => f.baseline !== 'known');
  const baselined = report.findings.some((f) => f.baseline !== undefined);
  const errors = report.data_issues.filter((d) => d.severity === 'error');
  const rs = options.ruleset;

  const out: string[] = [];
  out.push(`## moc-check: ${cell(rs.name || report.ruleset.id)}`, '');
  out.push(
    `Ruleset ${cell(report.ruleset.id)} version ${cell(report.ruleset.version)} (${report.ruleset.status}), as of ${report.as_of}, moc-check ${cell(report.tool.version)}.`,
  );
  if (report.ruleset.status === 'illustrative') out.push('', '> [!WARNING]', '> This ruleset is illustrative: its figures are not adopted caps.');
  out.push('');
  const breachCell = baselined ? `${s.breaches} (${fresh.length} new, ${known.length} known in baseline)` : String(s.breaches);
  append(
    out,
    table(
      ['Rows', 'Checked', 'Breaches', 'Exempted', 'Unknown', 'Data errors', 'Data warnings'],
      [[String(s.rows), String(s.checked), breachCell, String(s.exempted), String(s.unknown), String(s.data_errors), String(s.data_warnings)]],
      1,
    ),
  );

  out.push('', '### Breaches by rule', '');
  const perRule = rs.rules.map((r) => r.id);
  for (const f of breaches) if (!perRule.includes(f.rule)) perRule.push(f.rule);
  const ruleRows = perRule.map((id) => {
    const rule = rs.rules.find((r) => r.id === id);
    const mine = breaches.filter((f) => f.rule === id);
    const row = [cell(id), cell(rule?.title ?? rule?.kind ?? ''), rule?.severity ?? '', String(mine.length)];
    if (baselined) row.push(String(mine.filter((f) => f.baseline === 'known').length));
    return row;
  });
  append(out, table(['Rule', 'Title', 'Severity', 'Breaches', ...(baselined ? ['Known'] : [])], ruleRows, ruleRows.length));

  const findingRows = (list: Finding[]) =>
    list.slice(0, SUMMARY_ROW_LIMIT).map((f) => [
      `${cell(f.file)}:${f.line}`,
      cell(f.rule),
      f.severity,
      cell(f.la_code),
      cell(f.assignment_id),
      cell(f.message),
    ]);
  const findingHeader = ['Where', 'Rule', 'Severity', 'Council', 'Assignment', 'Message'];
  if (fresh.length) {
    out.push('', baselined ? `### New breaches (${fresh.length})` : `### Breaches (${fresh.length})`, '');
    append(out, table(findingHeader, findingRows(fresh), fresh.length));
  }
  if (known.length) {
    out.push('', `<details><summary>Breaches known in the baseline (${known.length}) — do not fail the run</summary>`, '');
    append(out, table(findingHeader, findingRows(known), known.length));
    out.push('', '</details>');
  }
  if (report.data_issues.length) {
    out.push('', `### Data issues (${plural(errors.length, 'error')}, ${plural(report.data_issues.length - errors.length, 'warning')})`, '');
    const rows = report.data_issues.slice(0, SUMMARY_ROW_LIMIT).map((d) => [
      `${cell(d.file)}${d.line === null ? '' : `:${d.line}`}`,
      d.severity,
      `\`${d.code}\``,
      d.column === null ? '' : cell(d.column),
      cell(d.message),
    ]);
    append(out, table(['Where', 'Severity', 'Code', 'Column', 'Message'], rows, report.data_issues.length));
  }
  if (breaches.length === 0 && report.data_issues.length === 0) out.push('', 'No breaches and no data issues.');
  return out.join('\n') + '\n';
}

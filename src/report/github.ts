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
import type { ChunkedFormatter, FormatOptions, Formatter } from './types.js';
import { inChunks, joinChunks } from './chunks.js';
import { sanitizeText } from '../text.js';
import { mdTable } from './markdown-text.js';
import { allRulesOf, append, plural, rowName, STARTER_ROW } from './shared.js';

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

/** The workflow commands, one line a piece, walking the findings and data issues once. */
export function* githubPieces(report: Report, options: FormatOptions): Generator<string> {
  const titles = new Map(allRulesOf(options.ruleset).map((r) => [r.id, r.title] as const));
  for (const f of report.findings) {
    if (f.status !== 'breach') continue;
    const known = f.baseline === 'known';
    const title = titles.get(f.rule);
    yield command(
      known ? 'notice' : levelOf(f.severity),
      {
        file: filePath(f.file),
        line: f.line >= 1 ? f.line : undefined,
        title: `${f.rule}${title ? ` ${title}` : ''}${known ? ' (known in baseline)' : ''}`,
      },
      findingMessage(f),
    ) + '\n';
  }
  for (const d of report.data_issues) {
    yield command(
      levelOf(d.severity),
      { file: filePath(d.file), line: d.line !== null && d.line >= 1 ? d.line : undefined, title: `data/${d.code}` },
      issueMessage(d),
    ) + '\n';
  }
}

/** The workflow commands in chunks of about 64 KB (a million findings are too many for one string). */
export const githubChunks: ChunkedFormatter = (report, options) => inChunks(githubPieces(report, options));

export const formatGithub: Formatter = (report, options) => joinChunks(githubChunks(report, options));

function findingMessage(f: Finding): string {
  return `${f.message} (council ${f.la_code}, ${rowName(f)})`;
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
  const rs = options.ruleset;
  // One pass over the findings (they may be millions, read from disk): counts, and the
  // first rows of each list, never the lists themselves.
  const perRule = new Map<string, { breaches: number; known: number }>(rs.rules.map((r) => [r.id, { breaches: 0, known: 0 }]));
  const fresh: Finding[] = [];
  const known: Finding[] = [];
  let freshCount = 0;
  let knownCount = 0;
  let baselined = false;
  for (const f of report.findings) {
    if (f.baseline !== undefined) baselined = true;
    if (f.status !== 'breach') continue;
    let rule = perRule.get(f.rule);
    if (!rule) perRule.set(f.rule, (rule = { breaches: 0, known: 0 }));
    rule.breaches++;
    if (f.baseline === 'known') {
      rule.known++;
      if (knownCount++ < SUMMARY_ROW_LIMIT) known.push(f);
    } else if (freshCount++ < SUMMARY_ROW_LIMIT) fresh.push(f);
  }
  const breachCount = freshCount + knownCount;
  let errors = 0;
  const issues: DataIssue[] = [];
  for (const d of report.data_issues) {
    if (d.severity === 'error') errors++;
    if (issues.length < SUMMARY_ROW_LIMIT) issues.push(d);
  }
  const issueCount = report.data_issues.length;

  const out: string[] = [];
  out.push(`## moc-check: ${cell(rs.name || report.ruleset.id)}`, '');
  out.push(
    `Ruleset ${cell(report.ruleset.id)} version ${cell(report.ruleset.version)} (${report.ruleset.status}), as of ${report.as_of}, moc-check ${cell(report.tool.version)}.`,
  );
  if (report.ruleset.status === 'illustrative') out.push('', '> [!WARNING]', '> This ruleset is illustrative: its figures are not adopted caps.');
  out.push('');
  const breachCell = baselined ? `${s.breaches} (${freshCount} new, ${knownCount} known in baseline)` : String(s.breaches);
  append(
    out,
    table(
      ['Rows', 'Checked', 'Breaches', 'Exempted', 'Unknown', 'Data errors', 'Data warnings'],
      [[String(s.rows), String(s.checked), breachCell, String(s.exempted), String(s.unknown), String(s.data_errors), String(s.data_warnings)]],
      1,
    ),
  );

  out.push('', '### Breaches by rule', '');
  const ruleRows = [...perRule].map(([id, counts]) => {
    const rule = rs.rules.find((r) => r.id === id);
    const row = [cell(id), cell(rule?.title ?? rule?.kind ?? ''), rule?.severity ?? '', String(counts.breaches)];
    if (baselined) row.push(String(counts.known));
    return row;
  });
  append(out, table(['Rule', 'Title', 'Severity', 'Breaches', ...(baselined ? ['Known'] : [])], ruleRows, ruleRows.length));

  const findingRows = (list: Finding[]) =>
    list.map((f) => [
      `${cell(f.file)}:${f.line}`,
      cell(f.rule),
      f.severity,
      cell(f.la_code),
      cell(f.assignment_id ?? STARTER_ROW),
      cell(f.message),
    ]);
  const findingHeader = ['Where', 'Rule', 'Severity', 'Council', 'Assignment', 'Message'];
  if (freshCount) {
    out.push('', baselined ? `### New breaches (${freshCount})` : `### Breaches (${freshCount})`, '');
    append(out, table(findingHeader, findingRows(fresh), freshCount));
  }
  if (knownCount) {
    out.push('', `<details><summary>Breaches known in the baseline (${knownCount}) — do not fail the run</summary>`, '');
    append(out, table(findingHeader, findingRows(known), knownCount));
    out.push('', '</details>');
  }
  if (issueCount) {
    out.push('', `### Data issues (${plural(errors, 'error')}, ${plural(issueCount - errors, 'warning')})`, '');
    const rows = issues.map((d) => [
      `${cell(d.file)}${d.line === null ? '' : `:${d.line}`}`,
      d.severity,
      `\`${d.code}\``,
      d.column === null ? '' : cell(d.column),
      cell(d.message),
    ]);
    append(out, table(['Where', 'Severity', 'Code', 'Column', 'Message'], rows, issueCount));
  }
  if (breachCount === 0 && issueCount === 0) out.push('', 'No breaches and no data issues.');
  return out.join('\n') + '\n';
}

// `--format csv` (issue 3): one row per finding, for a spreadsheet.
//
// Every JSON finding field is a column (details as JSON text, for scripts), plus the
// finding's context (council name, role by its label, agency, team, hours per week)
// and, for pay-cap findings, the rate and cap in pounds. worker_name is a column only
// when findings carry it (--names), baseline only when findings carry it
// (--baseline). Then the details again as readable columns (src/report/csv-details.ts),
// after every other, so the columns of earlier versions keep their places.
//
// Every cell goes through sanitizeCellText (src/text.ts): a control, bidi or zero-width
// character is written as a visible placeholder (`\x1B`, `\u202E`), so reading back
// gives the placeholder, not the character. Line breaks stay (the cell is quoted, and a
// spreadsheet shows a multi-line cell); a tab becomes `\x09`.
//
// Excel-safe: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting, and
// CSV-injection neutralisation (OWASP "CSV Injection"): a cell whose text begins with
// `=`, `+`, `-`, `@`, tab or carriage return is written with a leading apostrophe `'`,
// so a spreadsheet shows it as text instead of evaluating it. Worker and team names come
// from other people's systems, so `=HYPERLINK(...)` must never reach Excel as a formula.
//
// Identifiers stay text: Excel reads a cell of digits as a number, so a finding id such
// as `140512465302` would show as 1.40512E+11 (and `123e45678901` as 1.23E+47), an
// assignment id `000123` as 123, and `2025-01` as a date. In the identifier columns (id,
// la_code, assignment_id, swe_number, exemption) a cell that a spreadsheet would read
// as a number or a date gets the same leading apostrophe, the mark of text in Excel and
// LibreOffice. Not `="…"` (a formula, which the neutralisation exists to keep out) nor
// a leading tab (a trigger character, and kept in the value by some readers).
//
// Reading back (parseCsvReport): a cell that begins with one or more apostrophes
// followed by a trigger character (`'=…`, `''-…`) loses exactly ONE leading apostrophe,
// and so does an identifier cell of apostrophes then a number-like text; no other cell
// is touched. To keep that reversible, the writer also adds an apostrophe to a cell that
// already begins with apostrophes followed by a trigger character (or, in an identifier
// column, by a number-like text), so `'=x` in the data is written `''=x` and reads back
// as `'=x`.
import { parse } from 'csv-parse/sync';
import { moneyFromNumber } from '../money.js';
import { sanitizeCellText } from '../text.js';
import { payCapDetailsOf } from '../rules/pay_cap.js';
import type { Finding, FindingContext, FindingDetails, FindingStatus, Report, Role, FindingKind, Severity } from '../types.js';
import { inChunks, joinChunks } from './chunks.js';
import { detailColumns } from './csv-details.js';
import type { FormatOptions } from './types.js';

export const CSV_BOM = '\uFEFF';
const EOL = '\r\n';

/** The columns always present, in order. */
export const CSV_BASE_COLUMNS = [
  'id', 'rule', 'kind', 'severity', 'status', 'file', 'line', 'la_code', 'assignment_id', 'swe_number',
  'exemption', 'message', 'details', 'council_name', 'role', 'agency', 'team', 'hours_per_week', 'rate', 'cap',
] as const;

/** First characters a spreadsheet may treat as the start of a formula (OWASP). */
const TRIGGER_RE = /^'*[=+\-@\t\r]/;
const NEUTRALISED_RE = /^'+[=+\-@\t\r]/;

/** The cell text with a leading apostrophe added when a spreadsheet could read it as a formula. */
export function neutraliseCell(text: string): string {
  return TRIGGER_RE.test(text) ? `'${text}` : text;
}

/** The inverse of neutraliseCell: one leading apostrophe removed before a trigger character. */
export function unneutraliseCell(text: string): string {
  return NEUTRALISED_RE.test(text) ? text.slice(1) : text;
}

/** The columns holding identifiers, which must stay text in a spreadsheet. */
export const CSV_ID_COLUMNS: ReadonlySet<string> = new Set(['id', 'la_code', 'assignment_id', 'swe_number', 'exemption']);

/**
 * Text a spreadsheet would turn into a number or a date: digits (with a decimal point,
 * an exponent, thousands commas), and digit groups joined by `-`, `/`, `.` or `:`
 * (dates and times: `2025-01`, `1/2`, `12:30`).
 */
const NUMBER_LIKE = String.raw`(?:[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+(?:[-/.:][0-9]+)+`;
const ID_TRIGGER_RE = new RegExp(`^'*(?:${NUMBER_LIKE})$`);
const ID_NEUTRALISED_RE = new RegExp(`^'+(?:${NUMBER_LIKE})$`);

/** An identifier cell: neutralised as any cell, and marked as text when it reads as a number or a date. */
export function neutraliseIdCell(text: string): string {
  const cell = neutraliseCell(text);
  return cell === text && ID_TRIGGER_RE.test(text) ? `'${text}` : cell;
}

/** The inverse of neutraliseIdCell. */
export function unneutraliseIdCell(text: string): string {
  return ID_NEUTRALISED_RE.test(text) ? text.slice(1) : unneutraliseCell(text);
}

/** Whether a (written) cell would be taken as a formula by a spreadsheet. */
export function isFormulaLeading(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Each cell neutralised twice over: no control, bidi or zero-width character (sanitizeCellText), no formula; identifiers kept as text. */
function csvLine(cells: string[], idColumn: readonly boolean[]): string {
  return cells.map((c, i) => quote((idColumn[i] ? neutraliseIdCell : neutraliseCell)(sanitizeCellText(c)))).join(',');
}

function poundsText(value: unknown): string {
  if (typeof value !== 'number') return '';
  const m = moneyFromNumber(value);
  if (!m) return '';
  return `${Math.floor(m.pence / 100)}.${String(m.pence % 100).padStart(2, '0')}`;
}

function text(value: string | null | undefined): string {
  return value === null || value === undefined ? '' : value;
}

export function formatCsv(report: Report, options?: Partial<FormatOptions>): string {
  return joinChunks(csvChunks(report, options));
}

export function csvChunks(report: Report, options?: Partial<FormatOptions>): Iterable<string> {
  return inChunks(csvPieces(report, options));
}

/** The role's label from the ruleset (the key when the ruleset does not have it). */
function roleLabeller(roles: readonly Role[] | undefined): (key: string | null | undefined) => string {
  const labels = new Map((roles ?? []).map((r) => [r.key, r.label]));
  return (key) => (key === null || key === undefined ? '' : (labels.get(key) ?? key));
}

function* csvPieces(report: Report, options?: Partial<FormatOptions>): Generator<string> {
  let withWorker = false;
  let withBaseline = false;
  // one walk for the header, the findings' rows in a second (a spooled list is read from disk each time)
  const details = detailColumns(options?.ruleset, report.findings, (f) => {
    withWorker ||= f.context !== undefined && Object.hasOwn(f.context, 'worker_name');
    withBaseline ||= f.baseline !== undefined;
  });
  const roleLabel = roleLabeller(options?.ruleset?.roles);
  const header: string[] = [...CSV_BASE_COLUMNS];
  if (withWorker) header.push('worker_name');
  if (withBaseline) header.push('baseline');
  for (const name of details.names) header.push(name);
  const idColumn = header.map((name) => CSV_ID_COLUMNS.has(name));
  yield CSV_BOM + csvLine(header, []) + EOL;
  for (const f of report.findings) {
    const ctx: Partial<FindingContext> = f.context ?? {};
    const payCap = f.kind === 'pay_cap';
    const cells = [
      f.id,
      f.rule,
      f.kind,
      f.severity,
      f.status,
      f.file,
      String(f.line),
      f.la_code,
      text(f.assignment_id),
      f.swe_number,
      text(f.exemption),
      f.message,
      JSON.stringify(f.details ?? {}),
      text(ctx.la_name),
      roleLabel(ctx.role),
      text(ctx.agency),
      text(ctx.team),
      ctx.hours_per_week === null || ctx.hours_per_week === undefined ? '' : String(ctx.hours_per_week),
      payCap ? poundsText(payCapDetailsOf(f)?.rate) : '',
      payCap ? poundsText(payCapDetailsOf(f)?.cap) : '',
    ];
    if (withWorker) cells.push(text(ctx.worker_name));
    if (withBaseline) cells.push(f.baseline ?? '');
    for (const cell of details.cells(f)) cells.push(cell);
    yield csvLine(cells, idColumn) + EOL;
  }
}

// ---------------------------------------------------------------- reading back

const STATUSES: readonly FindingStatus[] = ['breach', 'exempted', 'unknown'];

/**
 * Reads `--format csv` output back into findings: strips the BOM, undoes the
 * apostrophe neutralisation (see the file comment), parses `details` from JSON, turns
 * role labels back into keys (given the ruleset's roles), and
 * maps blank nullable cells (exemption, council name, role, agency, team, hours,
 * worker name) to null. The derived rate and cap columns and the readable detail
 * columns are ignored (they are all in details).
 */
export function parseCsvReport(input: string, roles: readonly Role[] = []): { findings: Finding[] } {
  const body = input.startsWith(CSV_BOM) ? input.slice(1) : input;
  const raw = parse(body, { relax_column_count: true }) as string[][];
  const header = raw.shift()?.map(unneutraliseCell);
  if (!header) throw new Error('empty CSV: no header row');
  const idColumn = header.map((name) => CSV_ID_COLUMNS.has(name));
  const records = raw.map((r) => r.map((cell, i) => (idColumn[i] ? unneutraliseIdCell : unneutraliseCell)(cell)));
  const roleKeys = new Map(roles.map((r) => [r.label, r.key]));
  const col = new Map(header.map((name, i) => [name, i]));
  for (const name of CSV_BASE_COLUMNS) if (!col.has(name)) throw new Error(`CSV lacks the column ${name}`);
  const hasWorker = col.has('worker_name');
  const hasBaseline = col.has('baseline');
  const findings: Finding[] = [];
  records.forEach((cells, n) => {
    const get = (name: string): string => cells[col.get(name) ?? -1] ?? '';
    const orNull = (name: string): string | null => (get(name) === '' ? null : get(name));
    const status = get('status') as FindingStatus;
    if (!STATUSES.includes(status)) throw new Error(`CSV record ${n + 2}: unknown status "${status}"`);
    const hours = get('hours_per_week');
    const context: FindingContext = {
      la_name: orNull('council_name'),
      role: get('role') === '' ? null : (roleKeys.get(get('role')) ?? get('role')),
      agency: orNull('agency'),
      team: orNull('team'),
      hours_per_week: hours === '' ? null : Number(hours),
    };
    if (hasWorker) context.worker_name = orNull('worker_name');
    const finding: Finding = {
      id: get('id'),
      rule: get('rule'),
      kind: get('kind') as FindingKind,
      severity: get('severity') as Severity,
      status,
      file: get('file'),
      line: Number(get('line')),
      la_code: get('la_code'),
      // blank for a starters row's finding (head_hunting): no assignment
      assignment_id: orNull('assignment_id'),
      swe_number: get('swe_number'),
      exemption: orNull('exemption'),
      message: get('message'),
      details: JSON.parse(get('details') || '{}') as FindingDetails,
      context,
    };
    if (hasBaseline && get('baseline') !== '') finding.baseline = get('baseline') as 'known' | 'new';
    findings.push(finding);
  });
  return { findings };
}

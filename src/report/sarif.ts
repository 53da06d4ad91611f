// --format sarif: SARIF 2.1.0 for code scanning (one run, tool "moc-check").
//
// Results: one per finding with status `breach` and one per data issue; nothing
// else. Exempted and unknown findings are NOT results (a suppressed result still
// shows in some viewers and would blur the count), so the number of results is
// always summary.breaches + summary.data_errors + summary.data_warnings.
// - level: the rule's severity for breaches, the issue's severity for data issues.
// - ruleId: the rule id for breaches, `data/<code>` for data issues; ruleIndex
//   points into tool.driver.rules, which lists every ruleset rule (in ruleset
//   order), then any rule a finding names that the ruleset lacks, then every
//   data-issue code of DATA_ISSUE_CODES.
// - location: the file as reported (forward slashes, percent-encoded, relative
//   to %SRCROOT% unless absolute) and region.startLine = line; no region when
//   the line is null. The report does not know a column's position in the file,
//   so a cell issue names its column in properties.column and in the message.
// - partialFingerprints: {"mocFindingId/v1": finding id} for breaches and
//   {"mocDataIssue/v1": hash of code, file, line, column, value} for data issues.
// - baselineState (only when a baseline was applied, i.e. some finding carries
//   `baseline`): known breaches "unchanged", new breaches and data issues "new".
// Worker names are never written (SARIF is uploaded to code scanning).
import { createHash } from 'node:crypto';
import { formatPounds } from '../money.js';
import { allRuleDefinitions } from '../rules/index.js';
import { DATA_ISSUE_CODES, type DataIssue, type DataIssueCode, type AnyRule, type Finding, type FindingKind, type Report, type Ruleset, type Severity } from '../types.js';
import type { FormatOptions } from './types.js';
import { LazyArray, jsonTextChunks } from './json-stream.js';
import { allRulesOf, rowName } from './shared.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_FINDING = 'mocFindingId/v1';
export const FINGERPRINT_DATA = 'mocDataIssue/v1';

/** What each data-issue code means and what to do about it (report.md "Data issues"). */
export const DATA_ISSUE_HELP: Record<DataIssueCode, { severity: Severity; title: string; help: string }> = {
  unreadable_file: {
    severity: 'error', title: 'Unreadable file',
    help: 'The file cannot be opened, is empty or holds only blank records, is UTF-16 or holds NUL bytes, is malformed from some record on, or is a workbook that cannot be read (damaged, an old .xls or password-protected, no visible sheet, a zip bomb). Export it again as .xlsx or UTF-8 CSV.',
  },
  missing_column: {
    severity: 'error', title: 'Missing required column',
    help: 'Required columns are absent, so the file is not checked. Add the columns, or map the local header names in the ruleset\'s columns section.',
  },
  missing_value: { severity: 'error', title: 'Missing value', help: 'A required cell is blank. Fill it in.' },
  invalid_date: {
    severity: 'error', title: 'Invalid date',
    help: 'The cell is not a valid date in an accepted format (for example 2025-04-01 or 01/04/2025).',
  },
  invalid_number: {
    severity: 'error', title: 'Invalid number',
    help: 'The cell is not a valid non-negative number (money, hours or weeks). Write plain digits with an optional decimal point.',
  },
  invalid_integer: {
    severity: 'error', title: 'Invalid whole number',
    help: 'The cell must hold digits only: 36.0 and -3 are errors.',
  },
  invalid_boolean: {
    severity: 'error', title: 'Invalid yes/no value',
    help: 'The cell is not one of the accepted yes/no words.',
  },
  invalid_swe_number: {
    severity: 'error', title: 'Invalid Social Work England number',
    help: 'The cell is not a valid Social Work England registration number (SW followed by digits) after normalising.',
  },
  unknown_role: {
    severity: 'error', title: 'Unknown role',
    help: 'The role matches no role or alias of the ruleset. Use one of the ruleset\'s role names, or add an alias.',
  },
  duplicate_assignment: {
    severity: 'error', title: 'Duplicate assignment',
    help: 'The (la_code, assignment_id) pair was seen earlier in the run; the later row is not checked. Remove the duplicate or correct its id.',
  },
  end_before_start: {
    severity: 'error', title: 'End date before start date',
    help: 'end_date is before start_date; the row is checked as if it had no end date. Correct either date.',
  },
  missing_left_substantive_la: {
    severity: 'error', title: 'Missing council left',
    help: 'left_substantive_date is filled in but left_substantive_la is blank, so the cooling-off rule cannot tell which council the worker left.',
  },
  control_character: {
    severity: 'warning', title: 'Control character in a key cell',
    help: 'la_code or assignment_id holds a control character (often pasted in by accident). The row is checked; its finding ids are computed from an escaped form of the key. Retype the cell.',
  },
  invalid_engagement_type: {
    severity: 'error', title: 'Invalid engagement type',
    help: 'The engagement_type is none of the accepted spellings (PAYE, umbrella, limited company, Ltd, PSC and their variants); the ruleset caps pay by engagement type, so pay_cap is not checked where the row\'s cap depends on it. Correct the cell.',
  },
  council_not_in_region: {
    severity: 'warning', title: 'Council not in the region',
    help: 'The council (after resolving its code, DfE number or name) is not one of the ruleset\'s region.las; its rows are still checked. Check the la_code cells, or add the council to the region.',
  },
  pqe_looks_like_years: {
    severity: 'warning', title: 'PQE looks like years',
    help: 'Every pqe_months value in the file (five at least) is under 12: the column was most likely exported in years (a "PQE (Yrs)" column), which would make nearly every row a PQE breach. The rows are checked as months. If the export gives years, read it with a profile whose units say pqe_months: years (years × 12).',
  },
  summary_row: {
    severity: 'warning', title: 'Totals row',
    help: 'A totals row a spreadsheet added below the data (its identity cells are blank and a cell reads Total, Subtotal, Grand total or ends in " total"); it is not read as a row. Nothing to fix, or delete the row from the export.',
  },
  ragged_row: {
    severity: 'error', title: 'Ragged row',
    help: 'A non-blank cell lies beyond the header\'s width, usually from an unquoted comma; the row is not checked. Quote the cell or remove the comma.',
  },
  unknown_exemption: {
    severity: 'warning', title: 'Unknown exemption',
    help: 'The row cites an exemption id that the ruleset does not define; it is ignored. Check the id or add the exemption to the ruleset.',
  },
  column_missing_for_rule: {
    severity: 'warning', title: 'Column missing for a rule',
    help: 'A column a rule needs is absent, so that rule is not checked in that file. Add the column to the export to check the rule.',
  },
};

interface Descriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: Severity };
  properties: Record<string, unknown>;
}

export function formatSarif(report: Report, options: FormatOptions): string {
  return [...sarifChunks(report, options)].join('');
}

/**
 * The SARIF log in chunks (a million results are too long for one string). Cell text is
 * kept exactly, but C1 controls and bidi overrides are written as \uXXXX escapes so the
 * log is safe to print on a terminal.
 */
export function sarifChunks(report: Report, options: FormatOptions): Iterable<string> {
  return jsonTextChunks(sarifLog(report, options, true));
}

/** The SARIF log as an object (what formatSarif serialises). */
export function buildSarif(report: Report, options: FormatOptions): Record<string, unknown> {
  return sarifLog(report, options, false);
}

/**
 * The log; with `lazy`, its results are a LazyArray made while it is written (one walk
 * of the findings for the rule descriptors, one for the results, none held).
 */
function sarifLog(report: Report, options: FormatOptions, lazy: boolean): Record<string, unknown> {
  const descriptors: Descriptor[] = [];
  const index = new Map<string, number>();
  const add = (d: Descriptor) => {
    if (index.has(d.id)) return;
    index.set(d.id, descriptors.length);
    descriptors.push(d);
  };
  for (const rule of allRulesOf(options.ruleset)) add(ruleDescriptor(rule, options.ruleset));
  let baselined = false;
  for (const f of report.findings) {
    if (f.baseline !== undefined) baselined = true;
    if (f.status === 'breach' && !index.has(f.rule)) add(orphanDescriptor(f));
  }
  for (const code of DATA_ISSUE_CODES) add(dataDescriptor(code));
  const results = lazy ? new LazyArray(() => sarifResults(report, index, baselined)) : [...sarifResults(report, index, baselined)];

  const driver: Record<string, unknown> = {
    name: 'moc-check',
    version: report.tool.version,
    semanticVersion: /^\d+\.\d+\.\d+(?:[-+].*)?$/.test(report.tool.version) ? report.tool.version : undefined,
    rules: descriptors,
  };
  if (driver['semanticVersion'] === undefined) delete driver['semanticVersion'];

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        automationDetails: { id: `moc-check/${report.ruleset.id}/${report.as_of}` },
        columnKind: 'unicodeCodePoints',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory moc-check was run from.' } } },
        invocations: [{ executionSuccessful: true }],
        results,
        properties: {
          as_of: report.as_of,
          ruleset: report.ruleset,
          summary: report.summary,
        },
      },
    ],
  };
}

/** One result per breach, then one per data issue, made one at a time. */
function* sarifResults(report: Report, index: Map<string, number>, baselined: boolean): Generator<Record<string, unknown>> {
  for (const f of report.findings) {
    if (f.status !== 'breach') continue;
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule),
      level: f.severity,
      message: { text: findingMessage(f) },
      locations: [location(f.file, f.line)],
      partialFingerprints: { [FINGERPRINT_FINDING]: f.id },
      properties: {
        findingId: f.id,
        kind: f.kind,
        la_code: f.la_code,
        assignment_id: f.assignment_id,
        details: f.details,
      },
    };
    if (baselined) result['baselineState'] = f.baseline === 'known' ? 'unchanged' : 'new';
    yield result;
  }
  for (const d of report.data_issues) {
    const ruleId = `data/${d.code}`;
    const properties: Record<string, unknown> = { code: d.code, column: d.column };
    if (d.value !== undefined) properties['value'] = d.value;
    if (d.columns !== undefined) properties['columns'] = d.columns;
    if (d.rule !== undefined) properties['rule'] = d.rule;
    const result: Record<string, unknown> = {
      ruleId,
      ruleIndex: index.get(ruleId),
      level: d.severity,
      message: { text: issueMessage(d) },
      locations: [location(d.file, d.line)],
      partialFingerprints: { [FINGERPRINT_DATA]: issueFingerprint(d) },
      properties,
    };
    if (baselined) result['baselineState'] = 'new';
    yield result;
  }
}

// ------------------------------------------------------------------ rules

function kindDescription(kind: FindingKind): string {
  return allRuleDefinitions().find((d) => d.kind === kind)?.description ?? kind;
}

/** The rule's own settings as "name: value" lines (caps one line per window). */
export function ruleParameters(rule: AnyRule, ruleset: Ruleset): string[] {
  const label = (key: string) => ruleset.roles.find((r) => r.key === key)?.label ?? key;
  switch (rule.kind) {
    case 'pay_cap':
      return [
        `basis: ${rule.basis}`,
        ...rule.caps.map((w) => {
          const rates = [...w.rates].map(([role, m]) => `${label(role)} ${formatPounds(m.pence)}/h`).join(', ');
          return `caps from ${w.from}${w.to ? ` to ${w.to}` : ''}: ${rates || 'none'}`;
        }),
      ];
    case 'cooling_off':
      return [`months: ${rule.months}`, `scope: ${rule.scope}`];
    case 'min_pqe':
      return [`months: ${rule.months}`];
    case 'references':
      return [
        `min_count: ${rule.min_count}`,
        `template_required: ${rule.template_required ? 'yes' : 'no'}`,
        `before_start: ${rule.before_start ? 'yes' : 'no'}`,
      ];
    case 'min_notice':
      return [`weeks: ${rule.weeks}`];
    case 'project_team':
      return [];
    case 'head_hunting':
      return [`scope: ${rule.scope}`];
  }
}

function ruleDescriptor(rule: AnyRule, ruleset: Ruleset): Descriptor {
  const description = kindDescription(rule.kind);
  const params = ruleParameters(rule, ruleset);
  const title = rule.title ?? firstClause(description);
  const full = params.length ? `${description} Settings: ${params.join('; ')}.` : description;
  const markdown = [
    `**${mdEscape(rule.id)}** — ${mdEscape(title)} (${rule.kind}, severity ${rule.severity})`,
    '',
    mdEscape(description),
    ...(params.length ? ['', 'Settings in ruleset ' + mdEscape(`${ruleset.id} ${ruleset.version}`) + ':', '', ...params.map((p) => `- ${mdEscape(p)}`)] : []),
  ].join('\n');
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: `${rule.id}: ${title}` },
    fullDescription: { text: full },
    help: { text: `${rule.id} (${rule.kind}, ${rule.severity}): ${full}`, markdown },
    defaultConfiguration: { level: rule.severity },
    properties: { kind: rule.kind, tags: ['moc-check', rule.kind], parameters: params },
  };
}

/** A finding whose rule the loaded ruleset does not define (should not happen). */
function orphanDescriptor(f: Finding): Descriptor {
  const description = kindDescription(f.kind);
  return {
    id: f.rule,
    name: pascal(f.rule),
    shortDescription: { text: `${f.rule}: ${firstClause(description)}` },
    fullDescription: { text: description },
    help: { text: `${f.rule} (${f.kind}): ${description}`, markdown: mdEscape(description) },
    defaultConfiguration: { level: f.severity },
    properties: { kind: f.kind, tags: ['moc-check', f.kind] },
  };
}

function dataDescriptor(code: DataIssueCode): Descriptor {
  const h = DATA_ISSUE_HELP[code];
  return {
    id: `data/${code}`,
    name: pascal(code),
    shortDescription: { text: `Data issue: ${h.title}` },
    fullDescription: { text: h.help },
    help: { text: `${code} (${h.severity}): ${h.help}`, markdown: `**${code}** (${h.severity})\n\n${mdEscape(h.help)}` },
    defaultConfiguration: { level: h.severity },
    properties: { tags: ['moc-check', 'data-quality'] },
  };
}

// ------------------------------------------------------------------ results

function findingMessage(f: Finding): string {
  return `${f.rule}: ${f.message} (council ${f.la_code}, ${rowName(f)})`;
}

function issueMessage(d: DataIssue): string {
  const extra: string[] = [];
  // The column is named even when the message has it (it is where to look); the value only when the message lacks it.
  if (d.column !== null) extra.push(`column ${d.column}`);
  if (d.value !== undefined && !d.message.includes(d.value)) extra.push(`value ${JSON.stringify(d.value)}`);
  return extra.length ? `${d.message} (${extra.join(', ')})` : d.message;
}

function issueFingerprint(d: DataIssue): string {
  const text = [d.code, d.file, d.line ?? '', d.column ?? '', d.value ?? ''].join('\u001f');
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

function location(file: string, line: number | null): Record<string, unknown> {
  const physical: Record<string, unknown> = { artifactLocation: artifactLocation(file) };
  if (line !== null && Number.isInteger(line) && line >= 1) physical['region'] = { startLine: line };
  return { physicalLocation: physical };
}

/** The reported path as a SARIF artifactLocation: relative to %SRCROOT%, or a file: URI when absolute. */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  let path = file.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.exec(path);
  if (drive || path.startsWith('/')) {
    const segments = path.split('/').map((s, i) => (drive && i === 0 ? s : encodeSegment(s)));
    return { uri: `file://${drive ? '/' : ''}${segments.join('/')}` };
  }
  while (path.startsWith('./')) path = path.slice(2);
  return { uri: path.split('/').map(encodeSegment).join('/'), uriBaseId: '%SRCROOT%' };
}

function encodeSegment(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// ------------------------------------------------------------------ text helpers

function firstClause(description: string): string {
  const i = description.indexOf(':');
  return i > 0 ? description.slice(0, i) : description;
}

function pascal(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join('');
  return name || 'Rule';
}

function mdEscape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

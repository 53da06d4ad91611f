// --format junit: JUnit XML for CI test tabs (GitLab, Jenkins, GitHub test reporters,
// Azure DevOps). Valid against the Jenkins xunit plugin's junit-10.xsd, the schema
// those readers follow (test/fixtures/junit-10.xsd, checked in junit.test.ts).
//
// Test tabs show one line per <testcase> and, in most readers, only the first
// <failure> of a testcase, so every breach is a testcase of its own:
//
// One <testsuite> per input file (report.inputs, in order, then any file a finding or
// data issue names that is not listed); classname is the file. In it:
// - per rule the file is checked against, a testcase named RULE-ID: it passes, and its
//   <system-out> lists the rule's exempted and unknown findings; it is <skipped> when
//   the rule was not checked in that file (column_missing_for_rule, or the whole file
//   not checked: missing_column, unreadable_file);
// - per breach, a testcase "RULE-ID LA_CODE ASSIGNMENT_ID" (stable from month to
//   month, like the finding id, so a CI's history follows it) holding one <failure>
//   whose message starts with the line; a breach known in the baseline is <skipped
//   message="known in baseline"> instead;
// - per data error, a testcase "data/CODE line N (COLUMN)" holding one <failure>;
// - one testcase "data-issues" that passes, its <system-out> listing the data warnings.
// So `failures` = new breaches + data errors (what fails the run), `skipped` = known
// breaches + rules not checked, `errors` = 0 (the run itself did not fail), and
// `tests` counts testcases, at suite and top level alike. Worker names are not written.
//
// Written in chunks (src/report/chunks.ts) and in bounded memory: report.findings and
// report.data_issues may be views of a file on disk with millions of items, so a first
// pass only counts (per file and rule, keeping the first NOTES_LISTED exempted and
// unknown findings of each), and a second walks them once more, in report order
// (files in command-line order), writing each breach and data error as it comes.
// Testcase names need no table of names seen: a breach's key is unique in a file
// (a repeated key is a duplicate_assignment, not checked) and a data error's name
// has its line, so only the errors of one line are compared.
import { inChunks, joinChunks } from './chunks.js';
import { sanitizeText } from '../text.js';
import type { DataIssue, Finding, Report } from '../types.js';
import type { ChunkedFormatter, FormatOptions, Formatter } from './types.js';
import { STARTER_ROW } from './shared.js';

export const DATA_ISSUES_CASE = 'data-issues';
export const KNOWN_IN_BASELINE = 'known in baseline';
/** Exempted and unknown findings listed in a rule's testcase; the rest are counted (every one is in the JSON and CSV reports). */
export const NOTES_LISTED = 50;
/** Data warnings listed in the data-issues testcase; the rest are counted. */
export const WARNINGS_LISTED = 100;

interface RuleTally {
  breaches: number;
  known: number;
  notes: number;
  /** the first NOTES_LISTED exempted and unknown findings */
  listed: Finding[];
  /** why the rule was not checked in this file, when it was not */
  notChecked: string | null;
}

interface Suite {
  file: string;
  kind: string;
  rules: Map<string, RuleTally>;
  dataErrors: number;
  dataWarnings: number;
  listedWarnings: DataIssue[];
  /** a file-level error (missing_column, unreadable_file): no rule was checked */
  fileNotChecked: string | null;
}

const emptyTally = (): RuleTally => ({ breaches: 0, known: 0, notes: 0, listed: [], notChecked: null });

interface Plan {
  suites: Suite[];
  /** whether findings (and data issues) come grouped by file in suite order, so one walk serves every suite */
  findingsInOrder: boolean;
  issuesInOrder: boolean;
}

function plan(report: Report, options: FormatOptions): Plan {
  const suites = new Map<string, Suite>();
  const suiteFor = (file: string, kind: string): Suite => {
    let suite = suites.get(file);
    if (!suite) {
      const ids =
        kind === 'assignments' ? options.ruleset.rules.map((r) => r.id) : kind === 'starters' ? options.ruleset.starterRules.map((r) => r.id) : [];
      suite = { file, kind, rules: new Map(ids.map((id) => [id, emptyTally()])), dataErrors: 0, dataWarnings: 0, listedWarnings: [], fileNotChecked: null };
      suites.set(file, suite);
    }
    return suite;
  };
  const tallyFor = (suite: Suite, rule: string): RuleTally => {
    let t = suite.rules.get(rule);
    if (!t) {
      t = emptyTally(); // a finding of a rule the ruleset lacks gets a testcase too
      suite.rules.set(rule, t);
    }
    return t;
  };
  for (const input of report.inputs) suiteFor(input.file, input.kind);
  const index = new Map<string, number>();
  const rank = (suite: Suite): number => {
    let i = index.get(suite.file);
    if (i === undefined) index.set(suite.file, (i = index.size));
    return i;
  };
  for (const suite of suites.values()) rank(suite);
  let findingsInOrder = true;
  let last = -1;
  for (const f of report.findings) {
    const suite = suiteFor(f.file, 'assignments');
    const at = rank(suite);
    if (at < last) findingsInOrder = false;
    last = at;
    const t = tallyFor(suite, f.rule);
    if (f.status !== 'breach') {
      t.notes++;
      if (t.listed.length < NOTES_LISTED) t.listed.push(f);
    } else if (f.baseline === 'known') t.known++;
    else t.breaches++;
  }
  let issuesInOrder = true;
  last = -1;
  for (const d of report.data_issues) {
    const suite = suiteFor(d.file, 'assignments');
    const at = rank(suite);
    if (at < last) issuesInOrder = false;
    last = at;
    if (d.severity === 'error') suite.dataErrors++;
    else {
      suite.dataWarnings++;
      if (suite.listedWarnings.length < WARNINGS_LISTED) suite.listedWarnings.push(d);
    }
    if (d.code === 'column_missing_for_rule' && d.rule !== undefined) {
      const t = suite.rules.get(d.rule);
      if (t) t.notChecked ??= `not checked in this file: ${d.message}`;
    } else if (d.line === null && d.severity === 'error' && (d.code === 'missing_column' || d.code === 'unreadable_file')) {
      suite.fileNotChecked ??= `not checked: the file was not checked (data/${d.code}): ${d.message}`;
    }
  }
  return { suites: [...suites.values()], findingsInOrder, issuesInOrder };
}

interface Counts {
  tests: number;
  failures: number;
  skipped: number;
}

function countSuite(suite: Suite): Counts {
  let tests = 1 + suite.dataErrors; // the data-issues case, and one per data error
  let failures = suite.dataErrors;
  let skipped = 0;
  for (const t of suite.rules.values()) {
    tests += 1 + t.breaches + t.known;
    failures += t.breaches;
    skipped += t.known + (suite.fileNotChecked !== null || t.notChecked !== null ? 1 : 0);
  }
  return { tests, failures, skipped };
}

/**
 * The items of one file, suite after suite: one walk of `items` for all files when
 * they come grouped in suite order (the report's order), else one walk per file.
 */
class ByFile<T extends { file: string }> {
  private readonly iterator: Iterator<T> | null;
  private pending: T | undefined;

  constructor(
    private readonly items: Iterable<T>,
    inOrder: boolean,
  ) {
    this.iterator = inOrder ? items[Symbol.iterator]() : null;
  }

  *of(file: string): Generator<T> {
    if (this.iterator === null) {
      for (const item of this.items) if (item.file === file) yield item;
      return;
    }
    if (this.pending !== undefined) {
      if (this.pending.file !== file) return;
      yield this.pending;
      this.pending = undefined;
    }
    for (let next = this.iterator.next(); !next.done; next = this.iterator.next()) {
      if (next.value.file !== file) {
        this.pending = next.value;
        return;
      }
      yield next.value;
    }
  }
}

export const junitChunks: ChunkedFormatter = (report, options) => inChunks(junitPieces(report, options));

export const formatJunit: Formatter = (report, options) => joinChunks(junitChunks(report, options));

export function* junitPieces(report: Report, options: FormatOptions): Generator<string> {
  const { suites, findingsInOrder, issuesInOrder } = plan(report, options);
  const counts = suites.map(countSuite);
  const total = { tests: 0, failures: 0 };
  for (const c of counts) {
    total.tests += c.tests;
    total.failures += c.failures;
  }
  // junit-10.xsd has no `skipped` on <testsuites>: the suites carry it.
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${attrs({ name: `moc-check ${report.ruleset.id}`, tests: total.tests, failures: total.failures, errors: 0, time: 0 })}>\n`;
  const findings = new ByFile(report.findings, findingsInOrder);
  const issues = new ByFile(report.data_issues, issuesInOrder);
  for (let i = 0; i < suites.length; i++) yield* suitePieces(report, suites[i]!, counts[i]!, findings.of(suites[i]!.file), issues.of(suites[i]!.file));
  yield '</testsuites>\n';
}

function* suitePieces(report: Report, suite: Suite, counts: Counts, findings: Iterable<Finding>, issues: Iterable<DataIssue>): Generator<string> {
  const testcase = (name: string, children: string[]): string => {
    const open = `    <testcase ${attrs({ classname: suite.file, name, time: 0 })}`;
    return children.length === 0 ? `${open}/>\n` : `${open}>\n${children.map((c) => `      ${c}\n`).join('')}    </testcase>\n`;
  };

  yield `  <testsuite ${attrs({ name: suite.file, tests: counts.tests, failures: counts.failures, errors: 0, skipped: counts.skipped, time: 0, timestamp: `${report.as_of}T00:00:00` })}>\n`;
  yield `    <properties>${property('kind', suite.kind)}${property('ruleset', `${report.ruleset.id} ${report.ruleset.version}`)}${property('as_of', report.as_of)}</properties>\n`;
  for (const [rule, t] of suite.rules) {
    const children: string[] = [];
    const notChecked = suite.fileNotChecked ?? t.notChecked;
    if (notChecked !== null) children.push(element('skipped', { message: notChecked }, ''));
    if (t.notes > 0) {
      const lines = t.listed.map((f) => `${f.status}: ${findingText(f)}${f.exemption ? ` (exemption ${sanitizeText(f.exemption)})` : ''}`);
      if (t.notes > t.listed.length) lines.push(`… and ${t.notes - t.listed.length} more exempted or unknown (every finding is in the JSON and CSV reports)`);
      children.push(element('system-out', {}, lines.join('\n')));
    }
    yield testcase(rule, children);
  }
  for (const f of findings) {
    if (f.status !== 'breach') continue;
    const outcome =
      f.baseline === 'known'
        ? element('skipped', { message: KNOWN_IN_BASELINE }, findingText(f))
        : element('failure', { message: `line ${f.line}: ${f.message}`, type: f.rule }, findingText(f));
    yield testcase(breachName(f), [outcome]);
  }
  // Two errors of one line with the same code and column get "#2": only one line's names are kept.
  let line: number | null = null;
  const seen = new Map<string, number>();
  for (const d of issues) {
    if (d.severity !== 'error') continue;
    if (d.line !== line) {
      seen.clear();
      line = d.line;
    }
    const base = issueName(d);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    yield testcase(n === 1 ? base : `${base} #${n}`, [element('failure', { message: `${where(d)}${d.message}`, type: `data/${d.code}` }, issueText(d))]);
  }
  const warnings = suite.listedWarnings.map((d) => `warning: ${issueText(d)}`);
  if (suite.dataWarnings > suite.listedWarnings.length) warnings.push(`… and ${suite.dataWarnings - suite.listedWarnings.length} more data warnings (every one is in the JSON report)`);
  yield testcase(DATA_ISSUES_CASE, warnings.length > 0 ? [element('system-out', {}, warnings.join('\n'))] : []);
  yield '  </testsuite>\n';
}

/**
 * The breach's testcase name: its rule and key, the parts of its finding id, so the
 * name stays from month to month; a finding with no assignment id (head_hunting) is
 * named by its line.
 */
function breachName(f: Finding): string {
  const key: string | null = f.assignment_id;
  return `${f.rule} ${f.la_code} ${key === null || key === '' ? `line ${f.line}` : key}`;
}

function issueName(d: DataIssue): string {
  return `data/${d.code}${d.line === null ? '' : ` line ${d.line}`}${d.column === null ? '' : ` (${d.column})`}`;
}

// Texts are neutralised (sanitizeText) piece by piece, one line each, before they are
// joined with line breaks, so a cell cannot add a line or a control character.
function findingText(f: Finding): string {
  return sanitizeText(`${f.file}:${f.line}: ${f.rule} ${f.la_code} ${f.assignment_id ?? `${STARTER_ROW} ${f.swe_number}`}: ${f.message}`);
}

function where(d: DataIssue): string {
  return d.line === null ? '' : `line ${d.line}: `;
}

function issueText(d: DataIssue): string {
  const parts = [`${d.file}${d.line === null ? '' : `:${d.line}`}: ${d.code}`];
  if (d.column !== null) parts.push(`column ${d.column}`);
  if (d.value !== undefined) parts.push(`value ${JSON.stringify(d.value)}`);
  return sanitizeText(`${parts.join(', ')}: ${d.message}`);
}

// ------------------------------------------------------------------ XML

/** Characters XML 1.0 does not allow anywhere (controls, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attribute values also keep tabs and line breaks (which attribute normalisation would turn into spaces). */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${xmlAttr(sanitizeText(String(v)))}"`)
    .join(' ');
}

function element(name: string, attributes: Record<string, string | number>, text: string): string {
  const a = Object.keys(attributes).length ? ` ${attrs(attributes)}` : '';
  return text === '' ? `<${name}${a}/>` : `<${name}${a}>${xmlText(text)}</${name}>`;
}

function property(name: string, value: string): string {
  return `<property ${attrs({ name, value })}/>`;
}

// --format junit: JUnit XML for CI test-report viewers.
//
// One <testsuite> per input file (report.inputs, in order, then any file a
// finding or data issue names that is not listed). An assignments file has one
// <testcase classname=FILE name=RULE-ID> per ruleset rule; every file has a
// testcase named "data-issues".
// - a new (or un-baselined) breach is a <failure type=RULE-ID> in its rule's
//   testcase; a breach known in the baseline is a <skipped message="known in
//   baseline"> instead;
// - a data error is a <failure type="data/CODE"> in "data-issues"; data warnings,
//   exempted and unknown findings are listed in <system-out> only.
// Known breaches of a rule go to an extra testcase "RULE-ID (known in baseline)"
// holding one <skipped> that lists them, so no testcase is both failed and skipped.
// The `failures` attributes count <failure> elements (a rule's testcase holds one
// per breach) and `skipped` counts known breaches, so failures + skipped =
// summary.breaches + summary.data_errors, failures alone being what fails the
// run (at --fail-on warning). `errors` is always 0: the run itself did not fail.
// `tests` counts testcases. Worker names are not written.
import { sanitizeText } from '../text.js';
import type { DataIssue, Finding, Report } from '../types.js';
import type { FormatOptions } from './types.js';

export const DATA_ISSUES_CASE = 'data-issues';
export const KNOWN_IN_BASELINE = 'known in baseline';

interface Case {
  name: string;
  failures: string[];
  skipped: string[];
  out: string[];
}

interface Suite {
  file: string;
  kind: 'assignments' | 'leavers';
  cases: Case[];
}

export function formatJunit(report: Report, options: FormatOptions): string {
  const suites: Suite[] = [];
  const byFile = new Map<string, Suite>();
  const suiteFor = (file: string, kind: Suite['kind']): Suite => {
    let suite = byFile.get(file);
    if (!suite) {
      const ruleIds = kind === 'assignments' ? options.ruleset.rules.map((r) => r.id) : [];
      suite = { file, kind, cases: [...ruleIds, DATA_ISSUES_CASE].map((name) => ({ name, failures: [], skipped: [], out: [] })) };
      byFile.set(file, suite);
      suites.push(suite);
    }
    return suite;
  };
  const caseFor = (suite: Suite, name: string): Case => {
    let c = suite.cases.find((x) => x.name === name);
    if (!c) {
      // A finding of a rule the ruleset lacks: give it its own testcase before data-issues.
      c = { name, failures: [], skipped: [], out: [] };
      suite.cases.splice(suite.cases.length - 1, 0, c);
    }
    return c;
  };

  /** Known breaches go to a testcase of their own, after the rule's, so no testcase is both failed and skipped. */
  const knownCaseFor = (suite: Suite, rule: string): Case => {
    const name = `${rule} (${KNOWN_IN_BASELINE})`;
    let c = suite.cases.find((x) => x.name === name);
    if (!c) {
      c = { name, failures: [], skipped: [], out: [] };
      const at = suite.cases.findIndex((x) => x.name === rule);
      suite.cases.splice(at + 1, 0, c);
    }
    return c;
  };

  for (const input of report.inputs) suiteFor(input.file, input.kind);

  for (const f of report.findings) {
    const c = caseFor(suiteFor(f.file, 'assignments'), f.rule);
    if (f.status === 'breach') {
      const failure = element(
        'failure',
        { message: `line ${f.line}: ${f.message}`, type: f.rule },
        findingText(f),
      );
      if (f.baseline === 'known') knownCaseFor(suiteFor(f.file, 'assignments'), f.rule).skipped.push(findingText(f));
      else c.failures.push(failure);
    } else {
      c.out.push(`${f.status}: ${findingText(f)}${f.exemption ? ` (exemption ${sanitizeText(f.exemption)})` : ''}`);
    }
  }
  for (const d of report.data_issues) {
    const c = caseFor(suiteFor(d.file, 'assignments'), DATA_ISSUES_CASE);
    if (d.severity === 'error') {
      c.failures.push(element('failure', { message: `${where(d)}${d.message}`, type: `data/${d.code}` }, issueText(d)));
    } else {
      c.out.push(`warning: ${issueText(d)}`);
    }
  }

  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const body: string[] = [];
  for (const suite of suites) {
    const sTests = suite.cases.length;
    const sFailures = suite.cases.reduce((n, c) => n + c.failures.length, 0);
    const sSkipped = suite.cases.reduce((n, c) => n + c.skipped.length, 0);
    tests += sTests;
    failures += sFailures;
    skipped += sSkipped;
    body.push(
      `  <testsuite ${attrs({ name: suite.file, tests: sTests, failures: sFailures, errors: 0, skipped: sSkipped, time: 0, timestamp: `${report.as_of}T00:00:00` })}>`,
    );
    body.push(
      `    <properties>${property('kind', suite.kind)}${property('ruleset', `${report.ruleset.id} ${report.ruleset.version}`)}${property('as_of', report.as_of)}</properties>`,
    );
    for (const c of suite.cases) {
      const open = `    <testcase ${attrs({ classname: suite.file, name: c.name, time: 0 })}`;
      if (c.failures.length === 0 && c.skipped.length === 0 && c.out.length === 0) {
        body.push(`${open}/>`);
        continue;
      }
      body.push(`${open}>`);
      if (c.skipped.length) {
        body.push(`      ${element('skipped', { message: KNOWN_IN_BASELINE }, c.skipped.join('\n'))}`);
      }
      for (const failure of c.failures) body.push(`      ${failure}`);
      if (c.out.length) body.push(`      ${element('system-out', {}, c.out.join('\n'))}`);
      body.push('    </testcase>');
    }
    body.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attrs({ name: `moc-check ${report.ruleset.id}`, tests, failures, errors: 0, skipped, time: 0 })}>`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}

// Texts are neutralised (sanitizeText) piece by piece, one line each, before they are
// joined with line breaks, so a cell cannot add a line or a control character.
function findingText(f: Finding): string {
  return sanitizeText(`${f.file}:${f.line}: ${f.rule} ${f.la_code} ${f.assignment_id}: ${f.message}`);
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

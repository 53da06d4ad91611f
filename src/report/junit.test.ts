import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { ciFinding, ciIssue, ciOptions, ciReport } from '../../test/report-factory-ci.js';
import { applyBaseline } from '../baseline.js';
import type { Report } from '../types.js';
import { NOTES_LISTED, formatJunit, junitChunks } from './junit.js';

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g;

function decode(text: string): string {
  return text.replace(ENTITY, (e) => {
    const named: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
    if (named[e]) return named[e];
    const hex = e.startsWith('&#x');
    return String.fromCodePoint(parseInt(e.slice(hex ? 3 : 2, -1), hex ? 16 : 10));
  });
}

/** Character data must have no bare & or <, and no character XML 1.0 forbids. */
function checkCharData(text: string, where: string): void {
  if (text.replace(ENTITY, '').includes('&')) throw new Error(`bare & in ${where}: ${text}`);
  if (text.includes('<')) throw new Error(`bare < in ${where}`);
  // eslint-disable-next-line no-control-regex
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(text)) throw new Error(`forbidden character in ${where}`);
}

/** A small well-formedness checker for the XML subset the formatter writes; returns the root. */
function parseXml(xml: string): XmlElement {
  let pos = 0;
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!decl) throw new Error('missing XML declaration');
  pos = decl[0].length;
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tagRe = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>`, 'y');
  const attrRe = new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, 'g');
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const text = xml.slice(pos, lt < 0 ? xml.length : lt);
    checkCharData(text, `text of <${stack.at(-1)!.name}>`);
    if (stack.length === 1 && text.trim() !== '') throw new Error('text outside the root element');
    stack.at(-1)!.text += decode(text);
    if (lt < 0) break;
    tagRe.lastIndex = lt;
    const m = tagRe.exec(xml);
    if (!m) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [whole, closing, name, rawAttrs, selfClosing] = m;
    pos = lt + whole.length;
    if (closing) {
      if (rawAttrs || selfClosing) throw new Error(`bad closing tag ${whole}`);
      const open = stack.pop()!;
      if (open.name !== name) throw new Error(`</${name}> closes <${open.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs!.matchAll(attrRe)) {
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
      checkCharData(a[2]!, `attribute ${a[1]}`);
      attrs[a[1]!] = decode(a[2]!);
    }
    const el: XmlElement = { name: name!, attrs, children: [], text: '' };
    const parent = stack.at(-1)!;
    if (parent === root && root.children.length > 0) throw new Error('more than one root element');
    parent.children.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0]!;
}

function all(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
}

function junit(report: Report = ciReport(), options = ciOptions()): XmlElement {
  return parseXml(formatJunit(report, options));
}

describe('the test well-formedness checker', () => {
  it('rejects what it should', () => {
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a><b></a></b>')).toThrow();
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a>x & y</a>')).toThrow();
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a t="<"/>')).toThrow();
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a>\u0001</a>')).toThrow();
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a/><b/>')).toThrow();
    expect(parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a t="&lt;&#10;">x &amp; y</a>').attrs['t']).toBe('<\n');
  });
});

const XSD = readFileSync(new URL('../../test/fixtures/junit-10.xsd', import.meta.url), 'utf8');

/** Validates against junit-10.xsd (the schema Jenkins' reader and the others follow) with libxml2's xmllint. */
async function expectValid(xml: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [XSD] });
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
}

const cases = (el: XmlElement) => all(el, 'testcase');
const suiteOf = (root: XmlElement, file: string) => all(root, 'testsuite').find((s) => s.attrs['name'] === file)!;

describe('the schema check', () => {
  it('rejects what junit-10.xsd rejects', async () => {
    const bad = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites skipped="1"><testsuite name="x" tests="1"><testcase/></testsuite></testsuites>\n';
    const result = await validateXML({ xml: [{ fileName: 'bad.xml', contents: bad }], schema: [XSD] });
    expect(result.valid).toBe(false);
    const messages = result.errors.map((e) => e.message).join('\n');
    expect(messages).toContain("attribute 'skipped'");
    expect(messages).toContain("'failures' is required");
    expect(messages).toContain("'name' is required");
  });
});

describe('formatJunit', () => {
  it('is valid against junit-10.xsd: plain, with a baseline, hostile and empty', async () => {
    const report = ciReport();
    await expectValid(formatJunit(report, ciOptions()));
    await expectValid(formatJunit(applyBaseline(report, ciReport({ findings: report.findings.slice(0, 2) })), ciOptions()));
    const hostile = '</testcase><x>&"\'\u0000\u0007\u001b\uFFFF\uD800\u202e';
    await expectValid(
      formatJunit(
        ciReport({
          inputs: [{ file: `a${hostile}.csv`, kind: 'assignments', sha256: null, rows: 1, checked: 1 }],
          findings: [ciFinding({ file: `a${hostile}.csv`, rule: `R${hostile}`, message: `m${hostile}`, assignment_id: hostile })],
          data_issues: [ciIssue({ file: `a${hostile}.csv`, value: hostile, message: hostile, column: hostile })],
        }),
        ciOptions(),
      ),
    );
    await expectValid(formatJunit(ciReport({ findings: [], data_issues: [], inputs: [] }), ciOptions()));
  });

  it('is well-formed, one testsuite per input file', () => {
    const report = ciReport();
    const root = junit(report);
    expect(root.name).toBe('testsuites');
    expect(all(root, 'testsuite').map((s) => s.attrs['name'])).toEqual(report.inputs.map((i) => i.file));
  });

  it('gives every breach and every data error a testcase of its own, one failure each', () => {
    const report = ciReport();
    const root = junit(report);
    for (const tc of cases(root)) expect(all(tc, 'failure').length).toBeLessThanOrEqual(1);
    const failed = cases(root).filter((tc) => all(tc, 'failure').length === 1);
    expect(failed).toHaveLength(report.summary.breaches + report.summary.data_errors);
    // a breach's testcase is named by its rule and key (stable from month to month, like its id)
    const breaches = report.findings.filter((f) => f.status === 'breach');
    for (const f of breaches) {
      const tc = cases(suiteOf(root, f.file)).find((c) => c.attrs['name'] === `${f.rule} ${f.la_code} ${f.assignment_id}`)!;
      expect(tc.attrs['classname']).toBe(f.file);
      const failure = all(tc, 'failure')[0]!;
      expect(failure.attrs['type']).toBe(f.rule);
      expect(failure.attrs['message']).toBe(`line ${f.line}: ${f.message}`);
      expect(failure.text).toContain(`${f.file}:${f.line}:`);
    }
    // testcase names are unique within a suite, so no reader merges two
    for (const suite of all(root, 'testsuite')) {
      const names = cases(suite).map((c) => c.attrs['name']);
      expect(new Set(names).size).toBe(names.length);
    }
    const dataError = cases(suiteOf(root, 'exports/kent.csv')).find((c) => c.attrs['name'] === 'data/invalid_date line 9 (start_date)')!;
    expect(all(dataError, 'failure')[0]!.attrs).toMatchObject({ type: 'data/invalid_date', message: 'line 9: start_date "31/02/2025" is not a real date' });
  });

  it('has a passing testcase per rule listing its exempted and unknown findings, and one data-issues case', () => {
    const options = ciOptions();
    const root = junit(ciReport(), options);
    const kent = suiteOf(root, 'exports/kent.csv');
    const ruleCases = cases(kent).filter((c) => options.ruleset.rules.some((r) => r.id === c.attrs['name']));
    expect(ruleCases.map((c) => c.attrs['name'])).toEqual(options.ruleset.rules.map((r) => r.id));
    for (const tc of ruleCases) expect(all(tc, 'failure')).toHaveLength(0);
    const pay = ruleCases.find((c) => c.attrs['name'] === 'SE-PAY-CAP')!;
    expect(all(pay, 'system-out')[0]!.text).toContain('exempted: exports/kent.csv:20:');
    expect(all(pay, 'system-out')[0]!.text).toContain('(exemption SE-EX-1)');
    const pqe = ruleCases.find((c) => c.attrs['name'] === 'DFE-PQE')!;
    expect(all(pqe, 'system-out')[0]!.text).toContain('unknown: exports/kent.csv:21:');
    expect(ruleCases.find((c) => c.attrs['name'] === 'DFE-REFS')!.children).toEqual([]);
    expect(cases(kent).at(-1)!.attrs['name']).toBe('data-issues');
    const leavers = suiteOf(root, 'leavers.csv');
    expect(cases(leavers).map((c) => c.attrs['name'])).toEqual(['data-issues']);
    expect(all(leavers, 'failure')).toHaveLength(0); // its only issue is a warning
    expect(all(leavers, 'system-out')[0]!.text).toContain('leaving_date');
  });

  it('skips a rule not checked in a file, and every rule of a file not checked at all', () => {
    const options = ciOptions();
    const root = junit(ciReport(), options);
    const sussex = suiteOf(root, 'exports/east-sussex.csv');
    const notice = cases(sussex).find((c) => c.attrs['name'] === 'DFE-NOTICE')!;
    expect(all(notice, 'skipped')[0]!.attrs['message']).toContain('not checked in this file: rule DFE-NOTICE is not checked');
    expect(cases(sussex).filter((c) => all(c, 'skipped').length > 0)).toHaveLength(1);
    expect(sussex.attrs['skipped']).toBe('1');
    const surrey = suiteOf(root, 'exports/surrey.csv');
    const ruleCases = cases(surrey).filter((c) => options.ruleset.rules.some((r) => r.id === c.attrs['name']));
    expect(ruleCases).toHaveLength(options.ruleset.rules.length);
    for (const tc of ruleCases) expect(all(tc, 'skipped')[0]!.attrs['message']).toMatch(/^not checked: the file was not checked \(data\/unreadable_file\)/);
    expect(all(surrey, 'failure').map((f) => f.attrs['type'])).toEqual(['data/unreadable_file']);
  });

  it('counts add up at every level: failures = new breaches + data errors, skipped = known breaches + rules not checked', () => {
    const report = ciReport();
    const root = junit(report);
    expect(Number(root.attrs['failures'])).toBe(report.summary.breaches + report.summary.data_errors);
    expect(Number(root.attrs['failures'])).toBe(all(root, 'failure').length);
    expect(Number(root.attrs['errors'])).toBe(0);
    expect(root.attrs['skipped']).toBeUndefined(); // not an attribute of <testsuites> in junit-10.xsd
    expect(Number(root.attrs['tests'])).toBe(cases(root).length);
    const suites = all(root, 'testsuite');
    expect(suites.reduce((n, s) => n + Number(s.attrs['tests']), 0)).toBe(Number(root.attrs['tests']));
    for (const s of suites) {
      expect(Number(s.attrs['tests'])).toBe(cases(s).length);
      expect(Number(s.attrs['failures'])).toBe(all(s, 'failure').length);
      expect(Number(s.attrs['skipped'])).toBe(all(s, 'skipped').length);
      expect(Number(s.attrs['errors'])).toBe(0);
    }
    expect(all(root, 'failure').filter((f) => f.attrs['type']!.startsWith('data/'))).toHaveLength(report.summary.data_errors);
  });

  it('shows baseline-known breaches as skipped testcases of their own', () => {
    const report = ciReport();
    const known = report.findings.filter((f) => f.status === 'breach').slice(0, 2);
    const marked = applyBaseline(report, ciReport({ findings: known }));
    const root = junit(marked);
    expect(all(root, 'failure')).toHaveLength(report.summary.breaches - 2 + report.summary.data_errors);
    const knownCases = cases(root).filter((c) => all(c, 'skipped').some((s) => s.attrs['message'] === 'known in baseline'));
    expect(knownCases.map((c) => c.attrs['name'])).toEqual(known.map((f) => `${f.rule} ${f.la_code} ${f.assignment_id}`));
    for (const c of knownCases) expect(all(c, 'failure')).toHaveLength(0);
    const sumSkipped = all(root, 'testsuite').reduce((n, s) => n + Number(s.attrs['skipped']), 0);
    expect(sumSkipped).toBe(2 + 1 + ciOptions().ruleset.rules.length); // known, DFE-NOTICE in east-sussex, surrey's rules
  });

  it('names a breach with no assignment id by its line, and two errors of one cell apart', () => {
    const starters = [ciFinding({ line: 7, assignment_id: null as unknown as string }), ciFinding({ line: 9, assignment_id: null as unknown as string })];
    const twoErrors = [ciIssue({ line: 4 }), ciIssue({ line: 4 })];
    const root = junit(ciReport({ findings: starters, data_issues: twoErrors }));
    const names = cases(suiteOf(root, 'exports/kent.csv')).map((c) => c.attrs['name']);
    expect(names).toContain('SE-PAY-CAP E10000016 line 7');
    expect(names).toContain('SE-PAY-CAP E10000016 line 9');
    expect(names).toContain('data/invalid_date line 4 (start_date)');
    expect(names).toContain('data/invalid_date line 4 (start_date) #2');
  });

  it('puts each breach and error in its own file\'s suite when the lists are not grouped by file', () => {
    const mixed = [ciFinding({ line: 1 }), ciFinding({ file: 'exports/east-sussex.csv', la_code: 'E10000011', line: 2 }), ciFinding({ line: 3, assignment_id: 'A-3' })];
    const issues = [ciIssue({ line: 5 }), ciIssue({ file: 'exports/east-sussex.csv', line: 6 }), ciIssue({ line: 7 })];
    const report = ciReport({ findings: mixed, data_issues: issues });
    const root = junit(report);
    for (const s of all(root, 'testsuite')) {
      for (const f of all(s, 'failure')) expect(f.text.startsWith(`${s.attrs['name']}:`)).toBe(true);
      expect(Number(s.attrs['failures'])).toBe(all(s, 'failure').length);
    }
    expect(all(suiteOf(root, 'exports/kent.csv'), 'failure')).toHaveLength(4);
    expect(all(suiteOf(root, 'exports/east-sussex.csv'), 'failure')).toHaveLength(2);
  });

  it('lists the first exempted and unknown findings of a rule and counts the rest', () => {
    const many = Array.from({ length: NOTES_LISTED + 3 }, (_, i) => ciFinding({ status: 'unknown', line: 100 + i, assignment_id: `U-${i}` }));
    const root = junit(ciReport({ findings: many, data_issues: [] }));
    const out = all(cases(suiteOf(root, 'exports/kent.csv')).find((c) => c.attrs['name'] === 'SE-PAY-CAP')!, 'system-out')[0]!.text.split('\n');
    expect(out).toHaveLength(NOTES_LISTED + 1);
    expect(out.at(-1)).toBe('… and 3 more exempted or unknown (every finding is in the JSON and CSV reports)');
  });

  it('escapes hostile names and strips characters XML forbids', () => {
    const hostile = '</testcase><x>&"\'\u0000\u0007\u001b\uFFFF\uD800';
    const report = ciReport({
      inputs: [{ file: `a${hostile}.csv`, kind: 'assignments', sha256: null, rows: 1, checked: 1 }],
      findings: [
        ciFinding({ file: `a${hostile}.csv`, rule: `R${hostile}`, message: `m${hostile}\nsecond line`, assignment_id: hostile }),
      ],
      data_issues: [ciIssue({ file: `a${hostile}.csv`, value: hostile, message: `bad ${hostile}`, column: hostile })],
    });
    const xml = formatJunit(report, ciOptions());
    const root = parseXml(xml);
    // controls become visible placeholders (sanitizeText); U+FFFF, which XML forbids, is dropped
    const clean = '</testcase><x>&"\'\\x00\\x07\\x1B\\uD800';
    expect(all(root, 'testsuite')[0]!.attrs['name']).toBe(`a${clean}.csv`);
    const names = cases(root).map((c) => c.attrs['name']);
    expect(names).toContain(`R${clean}`);
    const failure = all(root, 'failure').find((f) => f.attrs['type'] === `R${clean}`)!;
    expect(failure.attrs['message']).toBe(`line ${report.findings[0]!.line}: m${clean}\\x0Asecond line`);
    expect(all(root, 'failure')).toHaveLength(2);
    expect(xml).not.toContain('<x>');
  });

  it('writes no bidi override, C1 control, DEL or zero-width character raw', () => {
    const hostile = 'x\u202e\u009b2J\u007f\u200b\u200dy';
    const report = ciReport({ findings: [ciFinding({ message: hostile, assignment_id: hostile, la_code: hostile })] });
    const xml = formatJunit(report, ciOptions());
    expect(xml).not.toMatch(/[\u007f-\u009f\u200b-\u200f\u202a-\u202e]/);
    expect(xml).toContain('x\\u202E\\x9B2J\\x7F\\u200B\\u200Dy');
  });

  it('comes in chunks that join to the whole document', () => {
    const report = ciReport();
    expect(Array.from(junitChunks(report, ciOptions())).join('')).toBe(formatJunit(report, ciOptions()));
  });

  it('is well-formed with nothing to report', () => {
    const root = junit(ciReport({ findings: [], data_issues: [], inputs: [] }));
    expect(root.attrs).toMatchObject({ tests: '0', failures: '0', errors: '0' });
  });
});

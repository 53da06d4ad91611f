import { describe, expect, it } from 'vitest';
import { ciFinding, ciIssue, ciOptions, ciReport } from '../../test/report-factory-ci.js';
import { applyBaseline } from '../baseline.js';
import type { Report } from '../types.js';
import { formatJunit } from './junit.js';

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

describe('formatJunit', () => {
  it('is well-formed, one testsuite per input file', () => {
    const report = ciReport();
    const root = junit(report);
    expect(root.name).toBe('testsuites');
    const suites = all(root, 'testsuite');
    expect(suites.map((s) => s.attrs['name'])).toEqual(report.inputs.map((i) => i.file));
  });

  it('has a testcase per rule for assignment files plus data-issues', () => {
    const options = ciOptions();
    const suites = all(junit(ciReport(), options), 'testsuite');
    const kent = suites.find((s) => s.attrs['name'] === 'exports/kent.csv')!;
    const names = kent.children.filter((c) => c.name === 'testcase').map((c) => c.attrs['name']);
    expect(names).toEqual([...options.ruleset.rules.map((r) => r.id), 'data-issues']);
    for (const tc of all(kent, 'testcase')) expect(tc.attrs['classname']).toBe('exports/kent.csv');
    const leavers = suites.find((s) => s.attrs['name'] === 'leavers.csv')!;
    expect(all(leavers, 'testcase').map((c) => c.attrs['name'])).toEqual(['data-issues']);
    expect(all(leavers, 'failure')).toHaveLength(0); // its only issue is a warning
    expect(all(leavers, 'system-out')[0]!.text).toContain('leaving_date');
  });

  it('counts add up to breaches + data errors, at every level', () => {
    const report = ciReport();
    const root = junit(report);
    const failures = all(root, 'failure');
    expect(failures).toHaveLength(report.summary.breaches + report.summary.data_errors);
    expect(Number(root.attrs['failures'])).toBe(report.summary.breaches + report.summary.data_errors);
    expect(Number(root.attrs['errors'])).toBe(0);
    expect(Number(root.attrs['skipped'])).toBe(0);
    const suites = all(root, 'testsuite');
    expect(Number(root.attrs['tests'])).toBe(all(root, 'testcase').length);
    expect(suites.reduce((n, s) => n + Number(s.attrs['tests']), 0)).toBe(Number(root.attrs['tests']));
    for (const s of suites) expect(Number(s.attrs['failures'])).toBe(all(s, 'failure').length);
    expect(failures.filter((f) => f.attrs['type']!.startsWith('data/'))).toHaveLength(report.summary.data_errors);
  });

  it('puts each breach in its rule testcase with its line', () => {
    const report = ciReport();
    const kent = all(junit(report), 'testsuite').find((s) => s.attrs['name'] === 'exports/kent.csv')!;
    const pay = all(kent, 'testcase').find((c) => c.attrs['name'] === 'SE-PAY-CAP')!;
    const expected = report.findings.filter((f) => f.file === 'exports/kent.csv' && f.rule === 'SE-PAY-CAP' && f.status === 'breach');
    const failures = all(pay, 'failure');
    expect(failures).toHaveLength(expected.length);
    expected.forEach((f, i) => {
      expect(failures[i]!.attrs['message']).toBe(`line ${f.line}: ${f.message}`);
      expect(failures[i]!.text).toContain(`exports/kent.csv:${f.line}:`);
    });
    // the exempted finding is not a failure but is mentioned
    expect(all(pay, 'system-out')[0]!.text).toContain('exempted');
    // a rule with no finding passes
    const refs = all(kent, 'testcase').find((c) => c.attrs['name'] === 'DFE-REFS')!;
    expect(refs.children).toEqual([]);
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
    const names = all(root, 'testcase').map((c) => c.attrs['name']);
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

  it('shows baseline-known breaches as skipped, apart from failures', () => {
    const report = ciReport();
    const known = report.findings.filter((f) => f.status === 'breach').slice(0, 2);
    const marked = applyBaseline(report, ciReport({ findings: known }));
    const root = junit(marked);
    expect(all(root, 'failure')).toHaveLength(report.summary.breaches - 2 + report.summary.data_errors);
    expect(Number(root.attrs['skipped'])).toBe(2);
    expect(Number(root.attrs['failures']) + Number(root.attrs['skipped'])).toBe(report.summary.breaches + report.summary.data_errors);
    const skipped = all(root, 'skipped');
    expect(skipped).toHaveLength(1); // both are SE-PAY-CAP in kent.csv
    expect(skipped[0]!.attrs['message']).toBe('known in baseline');
    const tc = all(root, 'testcase').find((c) => c.children.some((x) => x.name === 'skipped'))!;
    expect(tc.attrs['name']).toBe('SE-PAY-CAP (known in baseline)');
    expect(tc.children.some((x) => x.name === 'failure')).toBe(false);
  });

  it('is well-formed with nothing to report', () => {
    const root = junit(ciReport({ findings: [], data_issues: [], inputs: [] }));
    expect(root.attrs).toMatchObject({ tests: '0', failures: '0', errors: '0' });
  });
});

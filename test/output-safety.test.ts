// Issue 5, "Terminal safety": every output format on a report whose cell text is
// hostile (an ANSI screen clear, CR, `|`, line breaks, `</script>`, a spreadsheet
// formula, bidi overrides). Each format keeps its structure: no cell escapes into
// the next row, column, line, element or command.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { formatCsv, CSV_BASE_COLUMNS } from '../src/report/csv.js';
import { FORMAT_NAMES, loadFormatter, type FormatOptions } from '../src/report/index.js';
import { mdCell } from '../src/report/markdown-text.js';
import { sanitizeCellText, sanitizeText } from '../src/text.js';
import type { DataIssue, Report } from '../src/types.js';
import { factoryRuleset, makeFinding, makeReport } from './report-factory.js';

const ESC_CLEAR = '\u001b[2J\u001b[H';
const HOSTILE = [
  `${ESC_CLEAR}Jane`,
  'Smith\rOVERWRITTEN',
  'a | b || c',
  'line one\nline two\r\nline three',
  '</script><script>alert(1)</script>',
  '=HYPERLINK("http://evil.example","click")',
  '@SUM(1+1)',
  '\u202Eevil\u202C \u009b31m csi \u0007 bel \u2028 sep',
  '<img src=x onerror=alert(1)> & "quotes" \'single\'',
  '::error::injected%0A',
  ']]> <![CDATA[ x',
  '**bold** _em_ [link](http://x) `code` <b>',
].join(' ');

const ruleset = factoryRuleset();
const options = (over: Partial<FormatOptions> = {}): FormatOptions => ({ ruleset, color: false, verbose: true, names: true, ...over });

function hostileReport(): Report {
  const findings = [
    makeFinding({
      file: `exports/${HOSTILE}.csv`,
      la_code: HOSTILE,
      assignment_id: HOSTILE,
      swe_number: HOSTILE,
      message: `Team Manager paid £58.00/h (${HOSTILE})`,
      context: { la_name: HOSTILE, agency: HOSTILE, team: HOSTILE, worker_name: HOSTILE, role: HOSTILE },
    }),
    makeFinding({ status: 'unknown', rule: 'DFE-PQE', kind: 'min_pqe', message: HOSTILE, team: undefined, context: { team: '=1+1', worker_name: '-2+3' } } as never),
    makeFinding({ status: 'exempted', exemption: 'SE-EX-1', assignment_id: HOSTILE, context: { worker_name: HOSTILE } }),
  ];
  const issues: DataIssue[] = [
    { severity: 'error', code: 'invalid_date', file: HOSTILE, line: 9, column: 'start_date', value: HOSTILE, message: `start_date "${HOSTILE}" is not a date` },
    { severity: 'warning', code: 'unknown_exemption', file: 'x.csv', line: 3, column: 'exemption_ref', value: HOSTILE, message: `exemption "${HOSTILE}" is cited` },
    { severity: 'error', code: 'unreadable_file', file: HOSTILE, line: null, column: null, message: 'cannot read the file' },
  ];
  return makeReport(findings, {
    data_issues: issues,
    inputs: [{ file: HOSTILE, kind: 'assignments', sha256: 'x', rows: 3, checked: 3 }],
    councils: [{ la_code: HOSTILE, la_name: HOSTILE, checked: 3 }],
  } as Partial<Report>);
}

/** Control characters a terminal acts on, and the bidi/line separators (LF allowed as a line end only). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('every format on hostile cell text', () => {
  it('covers every registered format', () => {
    expect([...FORMAT_NAMES].sort()).toEqual(['csv', 'github', 'html', 'json', 'junit', 'markdown', 'sarif', 'table']);
  });

  it('json: one valid document that holds the text exactly', async () => {
    const out = (await loadFormatter('json'))(hostileReport(), options());
    const parsed = JSON.parse(out) as Report;
    expect(parsed.findings[0]!.assignment_id).toBe(HOSTILE);
    expect(parsed.data_issues[0]!.value).toBe(HOSTILE);
    // JSON.stringify escapes C0 controls (ESC, CR, LF) inside strings
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(out.trimEnd().split('\n').length).toBeGreaterThan(10);
  });

  for (const color of [false, true]) {
    it(`table (color ${color}): no raw control character, CR or escape from a cell reaches the terminal`, async () => {
      const out = (await loadFormatter('table'))(hostileReport(), options({ color }));
      // the only escapes allowed are chalk's SGR colour codes
      const withoutSgr = out.replace(/\u001b\[[0-9;]*m/g, '');
      expect(withoutSgr).not.toMatch(RAW_CONTROL);
      expect(out).not.toContain('\u001b[2J');
      expect(out).not.toContain('\r');
      // the hostile text is there, visibly neutralised
      expect(withoutSgr).toContain('\\x1B[2J');
      expect(withoutSgr).toContain('Smith\\x0DOVERWRITTEN');
    });
  }

  it('markdown: every table row keeps its column count; no raw HTML, line break or control character', async () => {
    const out = (await loadFormatter('markdown'))(hostileReport(), options());
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).not.toContain('</script>');
    // every `<` a cell holds is backslash-escaped; the only raw tag is the <br> for a line break
    expect(out.replace(/<br>/g, '')).not.toMatch(/(?<!\\)</);
    expect(out).not.toMatch(/(?<!\\)\[link\]\(/);
    // tables: consecutive lines starting with '|'; each row of a table has the header's cell count
    const lines = out.split('\n');
    const unescapedPipes = (line: string) => line.replace(/\\./g, '').split('|').length - 1;
    let tables = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith('|')) continue;
      const width = unescapedPipes(lines[i]!);
      let j = i;
      while (j < lines.length && lines[j]!.startsWith('|')) {
        expect(unescapedPipes(lines[j]!), `line ${j + 1}: ${lines[j]}`).toBe(width);
        expect(lines[j]!.endsWith('|')).toBe(true);
        j++;
      }
      tables++;
      i = j;
    }
    expect(tables).toBeGreaterThanOrEqual(4);
    // no line outside a table starts with something the hostile text put there
    for (const line of lines) expect(line).not.toMatch(/^(line two|line three|OVERWRITTEN|::error)/);
    expect(mdCell('a|b\nc')).toBe('a\\|b<br>c');
  });

  it('csv: same number of cells in every record, formulas neutralised, text intact', async () => {
    const report = hostileReport();
    const out = (await loadFormatter('csv'))(report, options());
    expect(out.startsWith('\uFEFF')).toBe(true);
    const records = parse(out.slice(1)) as string[][];
    expect(records).toHaveLength(4);
    const width = records[0]!.length;
    expect(records[0]!.slice(0, CSV_BASE_COLUMNS.length + 1)).toEqual([...CSV_BASE_COLUMNS, 'worker_name']); // then the readable details
    for (const r of records) expect(r).toHaveLength(width);
    for (const r of records) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const col = (name: string) => records[0]!.indexOf(name);
    // controls, bidi and zero-width characters as visible placeholders (issue 12 item 17)
    expect(records[1]![col('assignment_id')]).toBe(sanitizeCellText(HOSTILE));
    expect(out).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(records[2]![col('team')]).toBe("'=1+1");
    expect(records[2]![col('worker_name')]).toBe("'-2+3");
    // every physical line break is inside a quoted cell: outside quotes only CRLF record ends
    const outside = out.slice(1).replace(/"(?:[^"]|"")*"/g, '""');
    expect(outside.split('\r\n').length - 1).toBe(4);
    expect(outside).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
    expect(formatCsv(report, options())).toBe(out);
  });

  it('sarif: valid JSON with one result per breach and data issue, text exact', async () => {
    const report = hostileReport();
    const out = (await loadFormatter('sarif'))(report, options());
    const log = JSON.parse(out) as { runs: Array<{ results: Array<{ message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    const results = log.runs[0]!.results;
    expect(results).toHaveLength(report.summary.breaches + report.data_issues.length);
    expect(results[0]!.message.text).toContain(HOSTILE);
    expect(out).not.toMatch(RAW_CONTROL);
    for (const r of results) expect(r.locations[0]!.physicalLocation.artifactLocation.uri).not.toMatch(/[\s<>"|\\^`{}\u0000-\u001f\u007f-\u009f]/);
  });

  it('junit: well-formed XML with no forbidden character and no markup from a cell', async () => {
    const out = (await loadFormatter('junit'))(hostileReport(), options());
    expectWellFormedXml(out);
    expect(out).not.toContain('</script>');
    expect(out).not.toContain('<![CDATA[');
    expect(out).not.toContain('\u001b');
  });

  it('github: every line is one workflow command; nothing in a cell starts another', async () => {
    const out = (await loadFormatter('github'))(hostileReport(), options());
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 3); // one breach, three data issues
    for (const line of lines) {
      expect(line).toMatch(/^::(error|warning|notice) [^:]*::/);
      expect(line).not.toMatch(RAW_CONTROL);
      expect(line).not.toContain('\r');
      // the properties end at the first '::' after the command name
      const props = line.slice(line.indexOf(' ') + 1, line.indexOf('::', 2));
      for (const p of props.split(',')) expect(p).toMatch(/^(file|line|title)=/);
    }
    const { githubJobSummary } = await import('../src/report/github.js');
    const summary = githubJobSummary(hostileReport(), options());
    expect(summary).not.toMatch(RAW_CONTROL);
    expect(summary).not.toContain('</script>');
  });

  it('html: one script element, no markup or control character from a cell', async () => {
    const report = hostileReport();
    const out = (await loadFormatter('html'))(report, options());
    expect(out.match(/<script\b/g)).toHaveLength(1);
    expect(out.match(/<\/script>/g)).toHaveLength(1);
    expect(out).not.toContain('<img');
    expect(out).not.toMatch(RAW_CONTROL);
  });

  it('sanitizeText leaves ordinary text alone and makes every control visible', () => {
    expect(sanitizeText('Zoë Ångström – £38.00 🙂')).toBe('Zoë Ångström – £38.00 🙂');
    expect(sanitizeText(ESC_CLEAR)).toBe('\\x1B[2J\\x1B[H');
    expect(sanitizeText('\u009b31m\u202e\r\n')).toBe('\\x9B31m\\u202E\\x0D\\x0A');
  });
});

// ------------------------------------------------------------------ a small XML checker

/**
 * Checks the XML is well-formed as far as a JUnit report needs: a declaration, then
 * balanced elements; attribute values quoted with no `<`; text with no `<` and `&`
 * only in entities; no character XML 1.0 forbids.
 */
function expectWellFormedXml(xml: string): void {
  // eslint-disable-next-line no-control-regex
  expect(xml).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
  const body = xml.replace(/^<\?xml [^?]*\?>\n/, '');
  const stack: string[] = [];
  const TOKEN = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = TOKEN.exec(body)) !== null) {
    consumed = TOKEN.lastIndex;
    if (m[5] !== undefined) {
      expect(m[5].replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, '')).not.toMatch(/[&<>]/);
      continue;
    }
    for (const v of m[3]!.matchAll(/="([^"]*)"/g)) expect(v[1]!.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, '')).not.toMatch(/[&<>]/);
    if (m[1] === '/') expect(stack.pop()).toBe(m[2]);
    else if (m[4] !== '/') stack.push(m[2]!);
  }
  expect(consumed, `XML could not be read past offset ${consumed}: ${body.slice(consumed, consumed + 80)}`).toBe(body.length);
  expect(stack).toEqual([]);
}

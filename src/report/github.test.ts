import { describe, expect, it } from 'vitest';
import { ciFinding, ciIssue, ciOptions, ciReport } from '../../test/report-factory-ci.js';
import { applyBaseline } from '../baseline.js';
import { SUMMARY_ROW_LIMIT, escapeData, escapeProperty, formatGithub, githubChunks, githubJobSummary } from './github.js';

interface Parsed {
  command: string;
  props: Record<string, string>;
  message: string;
}

const unescape = (s: string) => s.replace(/%(25|0D|0A|3A|2C)/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** Parses a workflow command line the way the runner does. */
function parse(line: string): Parsed {
  const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const props: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    props[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
  }
  return { command: m[1]!, props, message: unescape(m[3]!) };
}

function lines(text: string): string[] {
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text.split('\n').filter((l) => l !== '');
}

describe('escaping', () => {
  it('escapes % CR LF : , in properties', () => {
    expect(escapeProperty('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad%3Ae%2Cf');
    expect(escapeProperty('%0A')).toBe('%250A');
  });
  it('escapes % CR LF in messages, leaving : and , alone', () => {
    expect(escapeData('a%b\r\nc: d, e')).toBe('a%25b%0D%0Ac: d, e');
  });
});

describe('formatGithub', () => {
  it('has one command per breach and per data issue, counts matching the report', () => {
    const report = ciReport();
    const parsed = lines(formatGithub(report, ciOptions())).map(parse);
    const s = report.summary;
    expect(parsed).toHaveLength(s.breaches + s.data_errors + s.data_warnings);
    const breaches = report.findings.filter((f) => f.status === 'breach');
    const errorBreaches = breaches.filter((f) => f.severity === 'error').length;
    const warningBreaches = breaches.length - errorBreaches;
    expect(parsed.filter((p) => p.command === 'error')).toHaveLength(errorBreaches + s.data_errors);
    expect(parsed.filter((p) => p.command === 'warning')).toHaveLength(warningBreaches + s.data_warnings);
    expect(parsed.filter((p) => p.props['title']!.startsWith('data/'))).toHaveLength(s.data_errors + s.data_warnings);
  });

  it('gives file, line and title; no line for whole-file issues', () => {
    const report = ciReport();
    const parsed = lines(formatGithub(report, ciOptions())).map(parse);
    const first = report.findings[0]!;
    expect(parsed[0]).toEqual({
      command: 'error',
      props: { file: first.file, line: String(first.line), title: 'SE-PAY-CAP Agency pay cap' },
      message: `${first.message} (council ${first.la_code}, assignment ${first.assignment_id})`,
    });
    const unreadable = parsed.find((p) => p.props['title'] === 'data/unreadable_file')!;
    expect(unreadable.props['line']).toBeUndefined();
    expect(unreadable.props['file']).toBe('exports/surrey.csv');
    const date = parsed.find((p) => p.props['title'] === 'data/invalid_date')!;
    expect(date.props['line']).toBe('9');
    expect(date.message).toContain('column start_date');
  });

  it('escapes hostile values so each result stays one command', () => {
    const nasty = 'x%y\r\nz:w,v';
    const report = ciReport({
      findings: [ciFinding({ file: `dir,a:b/${nasty}.csv`, rule: `R:1,${nasty}`, message: `paid 100%\n::error::injected` })],
      data_issues: [ciIssue({ file: nasty, message: `bad\r\n::warning::x %`, value: nasty })],
    });
    const text = formatGithub(report, ciOptions());
    const out = lines(text);
    expect(out).toHaveLength(2);
    expect(text.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(2);
    const [finding, issue] = out;
    // raw property section has no bare : or , inside values, nor CR/LF anywhere
    const propsPart = finding!.slice('::error '.length, finding!.indexOf('::', 2));
    expect(propsPart).not.toMatch(/[\r\n]/);
    expect(propsPart.split(',').every((p) => /^\w+=[^:,]*$/.test(p))).toBe(true);
    expect(finding).toContain('file=dir%2Ca%3Ab/x%25y%0D%0Az%3Aw%2Cv.csv');
    expect(finding).toContain('title=R%3A1%2Cx%25y%0D%0Az%3Aw%2Cv');
    expect(finding).toContain('::paid 100%25%0A::error::injected');
    const p = parse(finding!);
    expect(p.props['file']).toBe(`dir,a:b/${nasty}.csv`);
    expect(p.message.startsWith('paid 100%\n::error::injected')).toBe(true);
    expect(issue).not.toMatch(/[\r\n]/);
    expect(parse(issue!).message).toContain('bad\r\n::warning::x %');
    expect(parse(issue!).props['file']).toBe(nasty);
  });

  it('prints baseline-known breaches as notices', () => {
    const report = ciReport();
    const known = report.findings[0]!;
    const marked = applyBaseline(report, ciReport({ findings: [known] }));
    const parsed = lines(formatGithub(marked, ciOptions())).map(parse);
    const notices = parsed.filter((p) => p.command === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.props['line']).toBe(String(known.line));
    expect(notices[0]!.props['title']).toContain('known in baseline');
    expect(parsed).toHaveLength(report.summary.breaches + report.summary.data_errors + report.summary.data_warnings);
  });

  it('streams the same text in chunks, each ending at a line end', () => {
    const report = ciReport();
    const chunks = [...githubChunks(report, ciOptions())];
    expect(chunks.join('')).toBe(formatGithub(report, ciOptions()));
    for (const c of chunks) expect(c.endsWith('\n')).toBe(true);
  });

  it('prints nothing for a clean report and never writes worker names', () => {
    expect(formatGithub(ciReport({ findings: [], data_issues: [] }), ciOptions())).toBe('');
    const f = ciFinding({ context: { la_name: null, role: null, agency: null, team: null, hours_per_week: null, worker_name: 'Jane Secret' } });
    expect(formatGithub(ciReport({ findings: [f] }), ciOptions({ names: true }))).not.toContain('Jane Secret');
  });
});

describe('githubJobSummary', () => {
  it('is markdown with the counts of the report', () => {
    const report = ciReport();
    const md = githubJobSummary(report, ciOptions());
    expect(md).toMatch(/^## moc-check: /);
    const s = report.summary;
    expect(md).toContain(`| ${s.rows} | ${s.checked} | ${s.breaches} | ${s.exempted} | ${s.unknown} | ${s.data_errors} | ${s.data_warnings} |`);
    expect(md).toContain(`### Breaches (${s.breaches})`);
    expect(md).toContain('| SE-PAY-CAP | Agency pay cap | error | 3 |');
    expect(md).toContain(`### Data issues (${s.data_errors} errors, ${s.data_warnings} warnings)`); // 2 and 2 in the factory
  });

  it('shows known breaches apart and escapes table cells', () => {
    const report = ciReport({ findings: [ciFinding({ message: 'a | b <script>' }), ciFinding({})] });
    const marked = applyBaseline(report, ciReport({ findings: [report.findings[1]!] }));
    const md = githubJobSummary(marked, ciOptions());
    expect(md).toContain('2 (1 new, 1 known in baseline)');
    expect(md).toContain('### New breaches (1)');
    expect(md).toContain('Breaches known in the baseline (1)');
    expect(md).toContain('a \\| b &lt;script&gt;');
    expect(md).not.toContain('<script>');
  });

  it('lists at most SUMMARY_ROW_LIMIT rows a table, with the counts of the whole report', () => {
    const many = Array.from({ length: SUMMARY_ROW_LIMIT + 1 }, (_, i) => ciFinding({ line: i + 2, assignment_id: `A${i}` }));
    const md = githubJobSummary(ciReport({ findings: many }), ciOptions());
    expect(md).toContain(`### Breaches (${SUMMARY_ROW_LIMIT + 1})`);
    expect(md).toContain('…and 1 more (see the full report).');
    expect(md).toContain(`:${SUMMARY_ROW_LIMIT + 1} |`);
    expect(md).not.toContain(`:${SUMMARY_ROW_LIMIT + 2} |`);
    const atLimit = githubJobSummary(ciReport({ findings: many.slice(0, SUMMARY_ROW_LIMIT) }), ciOptions());
    expect(atLimit).not.toContain('more (see the full report)');
  });

  it('says so when there is nothing to report', () => {
    expect(githubJobSummary(ciReport({ findings: [], data_issues: [] }), ciOptions())).toContain('No breaches and no data issues.');
  });
});

import { describe, expect, it } from 'vitest';
import type { DataIssue, Finding, FindingStatus } from '../types.js';
import { factoryRuleset, makeFinding, makeReport } from '../../test/report-factory.js';
import { formatTable, tableChunks, TABLE_FINDINGS_SHOWN } from './table.js';

const COUNCILS = ['E10000016', 'E10000011'] as const;
const RULES = [
  { rule: 'SE-PAY-CAP', kind: 'pay_cap' },
  { rule: 'DFE-PQE', kind: 'min_pqe' },
] as const;

/** `n` findings of one status, a row each, spread over two councils (files) and two rules. */
function many(n: number, status: FindingStatus): Finding[] {
  return Array.from({ length: n }, (_, i) => {
    const la = COUNCILS[i % 2]!;
    const { rule, kind } = RULES[Math.floor(i / 3) % 2]!;
    return makeFinding({
      status, rule, kind, la_code: la, file: la === COUNCILS[0] ? 'kent.csv' : 'east-sussex.csv', line: i + 2, assignment_id: `A-${i}`,
      exemption: status === 'exempted' ? 'SE-EX-1' : null,
      details: status === 'unknown' ? { missing: ['pqe_months'] } : {},
      message: `finding ${i}`,
    });
  });
}

/** What the section must say, from the definition: the first TABLE_FINDINGS_SHOWN listed, every one counted. */
function expected(findings: Finding[]) {
  const listed = findings.slice(0, TABLE_FINDINGS_SHOWN);
  const key = (f: Finding) => `${f.la_code} ${f.rule}`;
  const total = new Map<string, number>();
  const shown = new Map<string, number>();
  for (const f of findings) total.set(key(f), (total.get(key(f)) ?? 0) + 1);
  for (const f of listed) shown.set(key(f), (shown.get(key(f)) ?? 0) + 1);
  const more = [...total].map(([k, n]) => n - (shown.get(k) ?? 0)).filter((n) => n > 0).sort((a, b) => a - b);
  return { listed: listed.map((f) => `finding ${f.message.split(' ')[1]}`), more, byCouncil: COUNCILS.map((la) => findings.filter((f) => f.la_code === la).length) };
}

const HEADINGS: Record<FindingStatus, string> = { breach: 'Breaches (', exempted: 'Exempted (', unknown: 'Unknown (' };

/** The lines of the section headed `start`, up to the next blank line. */
function section(out: string, start: string): string[] {
  const lines = out.split('\n');
  const i = lines.findIndex((l) => l.startsWith(start));
  expect(i, start).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(i);
  const end = rest.indexOf('');
  return end < 0 ? rest : rest.slice(0, end);
}

describe('the terminal table on many findings: every one counted, the first listed', () => {
  it.each([
    { n: 12, status: 'breach' as const },
    { n: TABLE_FINDINGS_SHOWN, status: 'breach' as const },
    { n: TABLE_FINDINGS_SHOWN + 1, status: 'breach' as const },
    { n: 2_500, status: 'breach' as const },
    { n: 1_500, status: 'exempted' as const },
    { n: 1_200, status: 'unknown' as const },
  ])('$n $status findings', ({ n, status }) => {
    const findings = many(n, status);
    const report = makeReport(findings);
    const lines = section(formatTable(report, { ruleset: factoryRuleset(), color: false, verbose: true }), HEADINGS[status]);
    const want = expected(findings);
    expect(lines[0]).toContain(`(${n})`);
    // every finding is counted under its council and rule
    expect(lines.filter((l) => / — \d+ findings/.test(l)).map((l) => Number(/ — (\d+) findings/.exec(l)![1]))).toEqual(want.byCouncil);
    const ruleCounts = lines.filter((l) => /^ {4}\S.* — \d+$/.test(l)).map((l) => Number(/ — (\d+)$/.exec(l)![1]));
    expect(ruleCounts.reduce((a, b) => a + b, 0)).toBe(n);
    // the first ones in the order read are listed, the rest counted per rule
    const listed = lines.filter((l) => /^ {6}line \d+, assignment/.test(l)).map((l) => /: (finding \d+)$/.exec(l)![1]!);
    expect([...listed].sort()).toEqual([...want.listed].sort());
    const more = lines.filter((l) => l.startsWith('      … and ')).map((l) => Number(/… and (\d+) more, not listed$/.exec(l)![1]));
    expect(more.sort((a, b) => a - b)).toEqual(want.more);
    const note = lines.find((l) => l.includes('in the order read are listed'));
    if (n > TABLE_FINDINGS_SHOWN) expect(note).toContain(`the other ${n - TABLE_FINDINGS_SHOWN} are counted`);
    else expect(note).toBeUndefined();
  });

  it('lists no unknown finding without --verbose, however many', () => {
    const lines = section(formatTable(makeReport(many(1_200, 'unknown')), { ruleset: factoryRuleset(), color: false }), 'Unknown (');
    expect(lines.some((l) => /^ {6}line /.test(l) || l.includes('not listed'))).toBe(false);
    expect(lines).toContain('    DFE-PQE: 600');
    expect(lines).toContain('    pqe_months: 1200');
  });

  it('writes the same text in chunks as in one string, every data issue with --verbose', () => {
    const data_issues: DataIssue[] = Array.from({ length: 3_000 }, (_, i) => ({ severity: 'warning', code: 'invalid_date', file: 'kent.csv', line: i + 2, column: 'end_date', message: `end_date ${i} is not a date` }));
    const report = makeReport(many(2_500, 'breach'), { data_issues });
    const options = { ruleset: factoryRuleset(), color: false, verbose: true };
    const chunks = [...tableChunks(report, options)];
    expect(chunks.length).toBeGreaterThan(1);
    const text = chunks.join('');
    expect(text).toBe(formatTable(report, options));
    expect(section(text, 'Data issues').filter((l) => l.startsWith('  WARNING'))).toHaveLength(3_000);
  });
});

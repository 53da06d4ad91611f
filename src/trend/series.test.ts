// The trend series, written from issue 10: any order in, sorted by period or as-of date;
// gaps are gaps (null), not zeros; different rulesets refused.
import { describe, expect, it } from 'vitest';
import { makeFinding, makeReport, payCap, type TestReport } from '../../test/report-factory.js';
import { buildTrend, MAX_STEPS, TrendError, type TrendSource } from './series.js';
import { formatTrendJson } from './json.js';
import { TrendSchema } from './schema.js';
import { formatTrendMarkdown } from './markdown.js';
import { formatTrendTable } from './table.js';

function source(file: string, over: Partial<TestReport>, findings = [makeFinding()]): TrendSource {
  return { file, report: makeReport(findings, over) };
}

const sep = source('sep.json', { as_of: '2025-09-30' }, [
  payCap(58, 52, 37, { la_code: 'E10000016', assignment_id: 'A-1' }),
  makeFinding({ rule: 'DFE-PQE', kind: 'min_pqe', la_code: 'E10000016', assignment_id: 'A-1', details: {} }),
  makeFinding({ rule: 'DFE-PQE', kind: 'min_pqe', la_code: 'E10000011', assignment_id: 'B-1', details: {}, context: { la_name: 'East Sussex' } }),
  makeFinding({ status: 'exempted', exemption: 'SE-EX-1', assignment_id: 'A-2' }),
  makeFinding({ status: 'unknown', rule: 'DFE-NOTICE', kind: 'min_notice', assignment_id: 'A-3' }),
]);
const nov = source('nov.json', { as_of: '2025-12-05', period: { from: '2025-11-01', to: '2025-11-30' }, councils: [{ la_code: 'E10000016', la_name: 'Kent', checked: 50 }] }, [
  payCap(60, 52, 10, { la_code: 'E10000016', assignment_id: 'A-1' }),
]);

describe('buildTrend', () => {
  it('sorts by period or as-of month, whatever the order given, and fills a gap month with null figures', () => {
    const trend = buildTrend([nov, sep]);
    expect(trend.points.map((p) => p.key)).toEqual(['2025-09', '2025-10', '2025-11']);
    expect(trend.points.map((p) => p.figures?.file ?? null)).toEqual(['sep.json', null, 'nov.json']);
    expect(trend.granularity).toBe('month');
  });

  it('counts breaches by rule and council, exempted, the no-breach share and the spend above caps', () => {
    const [september, , november] = buildTrend([sep, nov]).points.map((p) => p.figures);
    expect(september).toMatchObject({
      checked: 98, breaches: 3, exempted: 1, unknown: 1, assignments_with_breach: 2,
      breaches_by_rule: { 'DFE-PQE': 2, 'SE-PAY-CAP': 1, 'DFE-NOTICE': 0 },
      // no councils list in September's report: every council counts, 0 where no breach
      breaches_by_council: { E10000011: 1, E10000016: 2 },
      // (58 − 52) × 37 × 52 / 12 = £962.00
      spend_above_caps_pence: 96200,
    });
    expect(september!.no_breach_share).toBeCloseTo(96 / 98, 12);
    // November lists its councils: East Sussex had no checked row, so null (not 0)
    expect(november).toMatchObject({ checked: 98, breaches: 1, breaches_by_rule: { 'DFE-PQE': 0, 'SE-PAY-CAP': 1 }, breaches_by_council: { E10000016: 1, E10000011: null } });
    // (60 − 52) × 10 × 52 / 12 = 346.666… → £346.67 (half-up once)
    expect(november!.spend_above_caps_pence).toBe(34667);
  });

  it('uses the assignment inputs’ checked counts (starters rows are not assignments)', () => {
    const s = source('x.json', {
      inputs: [
        { file: 'a.csv', kind: 'assignments', sha256: 'x', rows: 10, checked: 8 },
        { file: 'b.csv', kind: 'assignments', sha256: 'y', rows: 5, checked: 4 },
        { file: 'l.csv', kind: 'leavers', sha256: 'z', rows: 3 },
      ],
    }, []);
    const f = buildTrend([s]).points[0]!.figures!;
    expect(f.checked).toBe(12);
    expect(f.no_breach_share).toBe(1);
  });

  it('nothing checked: the share is null, not 0 or 100%', () => {
    const s = source('x.json', { inputs: [{ file: 'a.csv', kind: 'assignments', sha256: 'x', rows: 0, checked: 0 }] }, []);
    expect(buildTrend([s]).points[0]!.figures!.no_breach_share).toBeNull();
  });

  it('tracks each exemption’s status over time; null where a report does not list it', () => {
    const oct = source('oct.json', {
      as_of: '2025-10-31',
      exemptions: [{ id: 'SE-EX-3', status: 'pending', applied: 0, cited: 0, cited_not_covering: 0 }],
    }, []);
    const trend = buildTrend([sep, oct]);
    expect(trend.exemptions).toEqual(['SE-EX-1', 'SE-EX-2', 'SE-EX-3']);
    expect(trend.points[0]!.figures!.exemptions).toEqual({ 'SE-EX-1': { status: 'active', applied: 1 }, 'SE-EX-2': { status: 'expiring', applied: 0 }, 'SE-EX-3': null });
    expect(trend.points[1]!.figures!.exemptions).toEqual({ 'SE-EX-1': null, 'SE-EX-2': null, 'SE-EX-3': { status: 'pending', applied: 0 } });
  });

  it('places quarterly reports on quarters, gaps included', () => {
    const q1 = source('q1.json', { period: { from: '2025-01-01', to: '2025-03-31' }, as_of: '2025-03-31' }, []);
    const q4 = source('q4.json', { period: { from: '2025-10-01', to: '2025-12-31' }, as_of: '2025-12-31' }, []);
    const trend = buildTrend([q4, q1]);
    expect(trend.granularity).toBe('quarter');
    expect(trend.points.map((p) => [p.key, p.figures?.file ?? null])).toEqual([['2025-Q1', 'q1.json'], ['2025-Q2', null], ['2025-Q3', null], ['2025-Q4', 'q4.json']]);
  });

  it('keeps every ruleset version it saw, oldest first', () => {
    const later = source('dec.json', { as_of: '2025-12-31', ruleset: { id: 'south-east', version: '2025-12', status: 'adopted', sha256: 'def' } }, []);
    expect(buildTrend([later, sep]).ruleset.versions).toEqual(['2025-04', '2025-12']);
  });

  it.each<[string, TrendSource[], RegExp]>([
    ['different rulesets', [sep, source('london.json', { ruleset: { id: 'london', version: '1', status: 'adopted', sha256: 'x' } })], /london\.json was checked against the ruleset "london" but sep\.json against "south-east"/],
    ['two reports for one month', [sep, source('sep2.json', { as_of: '2025-09-15' })], /sep\.json and sep2\.json both cover 2025-09/],
    ['a month beside a quarter', [sep, source('q.json', { period: { from: '2025-07-01', to: '2025-09-30' } })], /covers a quarter but sep\.json a month/],
    ['a period that is neither a month nor a quarter', [source('r.json', { period: { from: '2025-07-01', to: '2025-08-31' } })], /r\.json covers 2025-07-01\.\.2025-08-31, which is not a calendar month or quarter/],
    ['no report', [], /no report named/],
    ['a span too long to show', [sep, source('far.json', { as_of: '2050-01-01' })], new RegExp(`at most ${MAX_STEPS}`)],
  ])('refuses %s with a plain message', (_what, sources, message) => {
    expect(() => buildTrend(sources)).toThrow(TrendError);
    expect(() => buildTrend(sources)).toThrow(message);
  });
});

describe('trend formats', () => {
  const trend = buildTrend([sep, nov]);

  it('JSON marks the gap month as a gap with no figures, never zeros', () => {
    const doc = JSON.parse(formatTrendJson(trend, { color: false }));
    expect(doc.format).toBe('moc-trend/v1');
    expect(TrendSchema.strict().parse(doc)).toBeTruthy();
    for (const p of doc.points) (p.gap ? TrendSchema.shape.points.element.options[1] : TrendSchema.shape.points.element.options[0]).strict().parse(p);
    expect(doc.points[1]).toEqual({ key: '2025-10', gap: true, report: null });
    expect(doc.points[0]).toMatchObject({ key: '2025-09', gap: false, report: 'sep.json', breaches: 3, spend_above_caps_pence: 96200 });
    expect(doc.points[2].breaches_by_council).toEqual({ E10000011: null, E10000016: 1 });
  });

  it('table and markdown show "no report" for the gap and the same figures', () => {
    const table = formatTrendTable(trend, { color: false });
    const md = formatTrendMarkdown(trend, { color: false });
    for (const text of [table, md]) {
      expect(text).toContain('no report for 2025-10');
      expect(text).toContain('£962.00');
      expect(text).toContain('£346.67');
      expect(text).toContain('98.0%'); // September: 96 of 98 with no breach
    }
    expect(md).toMatch(/\| Breaches \| 3 \| \*no report\* \| 1 \|/);
    expect(md).toMatch(/\| East Sussex \(E10000011\) \| 1 \| \*no report\* \| – \|/);
  });

  it('hostile text from a report is neutralised in table and markdown', () => {
    const evil = source('evil.json', { as_of: '2025-12-31' }, [makeFinding({ rule: 'R|x\u001b[31m', la_code: 'E1', context: { la_name: '<b>*Kent*</b>\u202e' } })]);
    const t = buildTrend([evil]);
    const table = formatTrendTable(t, { color: false });
    expect(table).not.toContain('\u001b[31m');
    expect(table).not.toContain('\u202e');
    const md = formatTrendMarkdown(t, { color: false });
    expect(md).toContain('R\\|x');
    expect(md).not.toContain('<b>');
  });

  describe('the table fits the width it is given', () => {
    // fourteen months, each with a report: every month's column must appear once
    const months = Array.from({ length: 14 }, (_, i) => {
      const d = new Date(Date.UTC(2025, i, 28)).toISOString().slice(0, 10);
      return source(`m${i}.json`, { as_of: d }, [payCap(60, 52, 10, { la_code: 'E10000016', assignment_id: `A-${i}` })]);
    });
    const trend = buildTrend(months);
    const keys = trend.points.map((p) => p.key);
    const widest = (text: string) => Math.max(0, ...text.split('\n').map((l) => l.length));
    const headings = (text: string) => text.split('\n').filter((l) => l.includes(keys[0]!) || l.includes(keys[13]!));

    it.each([60, 80, 120])('at %i columns: no line wider, the months split into tables with the labels repeated', (columns) => {
      const table = formatTrendTable(trend, { color: false, columns });
      expect(widest(table.split('\n').filter((l) => /^[│┌├└]/.test(l)).join('\n'))).toBeLessThanOrEqual(columns);
      for (const key of keys) expect(table).toContain(key);
      expect(headings(table).length).toBeGreaterThan(1);
    });

    it('on a wide terminal, one table a view', () => {
      const table = formatTrendTable(trend, { color: false, columns: 400 });
      const breaches = table.split('\n').filter((l) => l.startsWith('│ Breaches '));
      expect(breaches).toHaveLength(1);
      expect(keys.every((k) => table.split('\n').some((l) => l.includes(k) && l.includes(keys[0]!)))).toBe(true);
    });
  });
});

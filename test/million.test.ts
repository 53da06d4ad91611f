// Issue 12 item 1: every format renders a run of 1,000,000 findings (built in memory,
// not read from a CSV) without "Maximum call stack size exceeded" or a string too long.
import { describe, expect, it } from 'vitest';
import { HTML_ROWS_SHOWN } from '../src/report/html.js';
import { MARKDOWN_FINDINGS_SHOWN } from '../src/report/markdown.js';
import { PAY_MARKS_MAX } from '../src/report/html/pay-chart.js';
import { FORMATS } from '../src/report/index.js';
import { PayPointsTally } from '../src/report/pay-points.js';
import type { Finding, Report } from '../src/types.js';
import { factoryRuleset, makeReport } from './report-factory.js';

const N = 1_000_000;
const LISTS_FIRST_ONLY = new Set(['markdown', 'html', 'table']);
const COUNCILS = ['E10000016', 'E10000011', 'E10000030'];
const STATUSES = ['breach', 'breach', 'exempted', 'unknown'] as const;

function millionReport(): Report {
  const findings: Finding[] = new Array(N);
  const points = new PayPointsTally('hourly_pay_rate', undefined);
  const context = { la_name: null, role: 'team_manager', agency: 'Acme', team: null, hours_per_week: 37 };
  const details = { basis: 'hourly_pay_rate' as const, rate: 58, cap: 52, role: 'team_manager', window_from: '2025-04-01', window_to: null };
  for (let i = 0; i < N; i++) {
    const status = STATUSES[i % 4]!;
    const la_code = COUNCILS[i % 3]!;
    findings[i] = {
      id: i.toString(16).padStart(12, '0'), rule: 'SE-PAY-CAP', kind: 'pay_cap', severity: 'error', status,
      file: 'big.csv', line: i + 2, la_code, assignment_id: `A${i}`, swe_number: 'SW1',
      exemption: status === 'exempted' ? 'SE-EX-1' : null, message: 'paid £58.00/h; cap £52.00/h', details, context,
    };
    points.add({ file: 'big.csv', line: i + 2, la_code, role: 'team_manager', basis: 'hourly_pay_rate', rate: 40 + (i % 30), start_date: '2025-05-01', status: status === 'unknown' ? 'compliant' : status });
  }
  const report = makeReport([], { councils: COUNCILS.map((la_code) => ({ la_code, la_name: null, checked: N / 3 })) });
  report.findings = findings;
  report.assignments = points.result();
  report.summary = { ...report.summary, rows: N, checked: N, breaches: N / 2, exempted: N / 4, unknown: N / 4 };
  return report;
}

describe('every format at 1,000,000 findings', () => {
  const report = millionReport();
  const options = { ruleset: factoryRuleset(), color: false, verbose: true, names: false };
  for (const format of FORMATS) {
    it(format.name, async () => {
      const render = await format.loadChunked();
      let chars = 0;
      let last = '';
      let page = '';
      for (const chunk of render(format.needsPoints ? report : { ...report, assignments: undefined }, options)) {
        chars += chunk.length;
        last = chunk;
        if (LISTS_FIRST_ONLY.has(format.name)) page += chunk;
      }
      // markdown, html and the terminal table list the first findings only (a paper, a page, a screen); the others list all
      expect(chars).toBeGreaterThan(LISTS_FIRST_ONLY.has(format.name) ? 100_000 : 10_000_000);
      if (format.name === 'markdown') expect(page).toContain(`Only the first ${MARKDOWN_FINDINGS_SHOWN} are listed; ${N - MARKDOWN_FINDINGS_SHOWN} more findings`);
      expect(last.endsWith('\n')).toBe(true);
      if (format.name === 'html') {
        // the first rows, a plain note of how many more and where they are; charts from aggregates
        expect(page).toContain(`data-metric="findings_not_shown" data-value="${N - HTML_ROWS_SHOWN}"`);
        expect(page).toContain('The full list is in the CSV report');
        expect((page.match(/<tr data-status=/g) ?? []).length).toBe(HTML_ROWS_SHOWN);
        expect((page.match(/class="mark mark-/g) ?? []).length).toBeLessThan(PAY_MARKS_MAX);
        expect(page.length).toBeLessThan(20_000_000);
      }
    }, 300_000);
  }
});

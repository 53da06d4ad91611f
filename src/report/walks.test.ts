// The findings may be millions read back from disk (src/check/spool.ts): the formats
// that summarise them walk them once, whatever they count and list.
import { describe, expect, it } from 'vitest';
import { factoryRuleset, makeFinding, makeReport, payCap } from '../../test/report-factory.js';
import type { Finding, Report } from '../types.js';
import { formatHtml } from './html.js';
import { formatMarkdown } from './markdown.js';
import { PayPointsTally, PAY_MARKS_MAX } from './pay-points.js';
import { formatTable } from './table.js';

/** An array that counts how often it is walked with for…of. */
class CountedFindings extends Array<Finding> {
  walks = 0;
  override [Symbol.iterator](): ArrayIterator<Finding> {
    this.walks++;
    return super[Symbol.iterator]();
  }
}

function report(): { report: Report; findings: CountedFindings } {
  const findings = new CountedFindings();
  for (let i = 0; i < 3_000; i++) {
    findings.push(i % 3 === 0 ? payCap(58, 52, 37, { line: i + 2 }) : makeFinding({ rule: 'DFE-PQE', kind: 'min_pqe', status: i % 3 === 1 ? 'breach' : 'unknown', line: i + 2 }));
  }
  const points = new PayPointsTally('hourly_pay_rate', undefined);
  for (let i = 0; i <= PAY_MARKS_MAX; i++) points.add({ file: 'a.csv', line: i + 2, la_code: 'E10000016', role: 'team_manager', basis: 'hourly_pay_rate', rate: 40 + (i % 20), start_date: '2025-05-01', status: 'compliant' });
  const r = makeReport([], { councils: [{ la_code: 'E10000016', la_name: 'Kent', checked: PAY_MARKS_MAX + 1 }] });
  r.findings = findings;
  r.assignments = points.result();
  return { report: r, findings };
}

describe('formats that summarise walk the findings once', () => {
  const options = { ruleset: factoryRuleset(), color: false, verbose: true, names: false };
  it.each([
    { name: 'table', format: formatTable },
    { name: 'markdown', format: formatMarkdown },
    { name: 'html', format: formatHtml },
  ])('$name', ({ format }) => {
    const { report: r, findings } = report();
    expect(format(r, options).length).toBeGreaterThan(1000);
    expect(findings.walks).toBe(1);
  });
});
